import type { Fix, Range } from '../model';
import { computeLineStarts, frontMatterLineCount, lineText, rangeAt, stripBom } from './lines';
import { listItemsOnLine, MAX_LIST_ITEMS, MAX_NESTED_LIST_ITEMS, mayStartListItem } from './lists';

/** Why a file's bytes are not a transcript, and where; with a fix when the file can be mended. */
export interface DecodeProblem {
  message: string;
  range: Range;
  fix?: Fix;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Turns a file's bytes into text, or explains why they are not a UTF-8 transcript:
 * UTF-16 (as Windows Notepad saves "Unicode"), UTF-32, binary content (a NUL byte) or invalid UTF-8, each at its line and column.
 */
export function decodeTranscript(bytes: Uint8Array): { text: string } | { problem: DecodeProblem } {
  // A UTF-32 byte-order mark (FF FE 00 00 little-endian, 00 00 FE FF big-endian); the little-endian one starts like UTF-16's, so this comes first.
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return { problem: { message: 'This file is saved as UTF-32; save it as UTF-8', range: rangeAt([0], 0, 0) } };
  }
  // A UTF-16 byte-order mark (FF FE little-endian, FE FF big-endian); its text is full of NUL bytes, so this comes first.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { message: 'This file is saved as UTF-16; save it as UTF-8', range: rangeAt([0], 0, 0) } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { problem: at(bytes, nul, `This looks like a binary file, not a transcript (NUL byte at byte ${nul}); it was not linted`) };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return { problem: at(bytes, bad, `This file is not valid UTF-8 (byte 0x${hex} at byte ${bad}); save it as UTF-8`) };
  }
}

function at(bytes: Uint8Array, byteOffset: number, message: string): DecodeProblem {
  const prefix = lenient.decode(bytes.subarray(0, byteOffset));
  return { message, range: rangeAt(computeLineStarts(prefix), prefix.length, prefix.length) };
}

// The lenient decoder marks each bad sequence with U+FFFD; the first one not present in the bytes is the culprit.
function firstInvalidByte(bytes: Uint8Array): number {
  const text = lenient.decode(bytes);
  const encoder = new TextEncoder();
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    const offset = encoder.encode(text.slice(0, i)).length;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return 0;
}

/** Lines longer than this are not transcript speech (2 hours of talk is about 100,000 characters); such files are not linted. */
export const MAX_LINE_LENGTH = 200_000;

/** How the text handed to `checkTranscriptText` was decoded. */
export interface TranscriptTextOptions {
  /** The byte order mark is already removed (VS Code removes up to two, see `stripBom`), so a U+FEFF at the start is one too many. */
  bomRemoved?: boolean;
}

/**
 * Why decoded text is not worth parsing as a transcript (empty, a line far beyond any turn, or a
 * byte order mark starting a line), or undefined. Positions are those of the text without its byte order mark.
 */
export function checkTranscriptText(text: string, options: TranscriptTextOptions = {}): DecodeProblem | undefined {
  if (text.replace(/^\uFEFF/, '').trim() === '') return { message: 'This transcript is empty', range: rangeAt([0], 0, 0) };
  // Lines as the parser counts them (a lone CR ends one too), so the line number is the one the editor shows.
  const starts = computeLineStarts(text);
  let items = 0;
  let nested = 0;
  // List markers are counted after the front matter: YAML's `- ` items are read by another parser.
  const body = frontMatterLineCount(starts.length, (index) => lineText(text, starts, index + 1));
  for (let i = 0; i < starts.length; i++) {
    const lineStart = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    const at = (): Range => ({ start: { line: i + 1, column: 1, offset: lineStart }, end: { line: i + 1, column: 1, offset: lineStart } });
    if (end - lineStart > MAX_LINE_LENGTH) {
      const length = (end - lineStart).toLocaleString('en');
      return {
        message: `Line ${i + 1} is ${length} characters long (the limit is ${MAX_LINE_LENGTH.toLocaleString('en')}); this does not look like a transcript, so it was not linted`,
        range: at(),
      };
    }
    // Most lines start with a letter or a `[`, which starts no list item: they are skipped without a call.
    if (i < body || !mayStartListItem(text.charCodeAt(lineStart))) continue;
    const list = listItemsOnLine(text, lineStart, end);
    items += list.items;
    nested += list.nested;
    if (nested > MAX_NESTED_LIST_ITEMS || items > MAX_LIST_ITEMS) {
      const [count, kind] = nested > MAX_NESTED_LIST_ITEMS ? [MAX_NESTED_LIST_ITEMS, 'nested list items'] : [MAX_LIST_ITEMS, 'list items'];
      return {
        message: `More than ${count.toLocaleString('en')} ${kind} by line ${i + 1}; Markdown takes too long to read so many, and this does not look like a transcript, so it was not linted`,
        range: at(),
      };
    }
  }
  return strayByteOrderMark(options.bomRemoved ? text : stripBom(text).text);
}

const BOM = 0xfeff;

/**
 * A U+FEFF (a byte order mark, invisible in editors) before the first character of a line: one
 * more at the start of the file than the two it may have (see `stripBom`), or one left where two
 * files were joined. Markdown reads such a line as text, so a front matter fence, heading or turn on
 * it would be silently missed. The fix deletes every one of them.
 */
function strayByteOrderMark(text: string): DecodeProblem | undefined {
  let lineStarts: number[] | undefined;
  const edits: Fix['edits'] = [];
  for (let at = text.indexOf('\uFEFF'); at !== -1; at = text.indexOf('\uFEFF', at + 1)) {
    let start = at;
    while (start > 0 && (text.charCodeAt(start - 1) === 32 || text.charCodeAt(start - 1) === 9)) start--;
    if (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) continue;
    let end = at + 1;
    while (text.charCodeAt(end) === BOM) end++;
    lineStarts ??= computeLineStarts(text);
    edits.push({ range: rangeAt(lineStarts, at, end), newText: '' });
    at = end - 1;
  }
  const first = edits[0];
  if (!first) return undefined;
  const where =
    first.range.start.offset === 0
      ? 'Line 1 starts with one byte order mark too many'
      : `Line ${first.range.start.line} starts with a byte order mark, as left where two files are joined,`;
  const message = `${where} (U+FEFF, an invisible character): Markdown reads the line as plain text, so a front matter, heading or turn on it would be missed; delete it. This file was not linted`;
  const title = edits.length === 1 ? 'Delete the byte order mark (U+FEFF)' : `Delete the ${edits.length} byte order marks (U+FEFF) that start lines`;
  return { message, range: first.range, fix: { title, edits, safe: true } };
}
