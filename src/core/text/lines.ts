import type { Position, Range } from '../model';

const LINE_BREAK = /\r\n?|\n/g;

/**
 * Offsets at which each line starts, for turning offsets into positions. A lone carriage return
 * ends a line too, as it does for Markdown (so mdast lines match) and for VS Code (so ranges land
 * where the user sees the text).
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text)) {
    for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
    LINE_BREAK.lastIndex = 0;
    return starts;
  }
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

// Lookups come in document order, mostly on the line of the one before or just after it, so the
// last line found is tried first (a cache, not state: any offset gives the same answer).
let cachedStarts: number[] | undefined;
let cachedLine = 0;

/** The 1-based position of a 0-based offset. */
export function positionAt(lineStarts: number[], offset: number): Position {
  let line = cachedStarts === lineStarts ? cachedLine : 0;
  if (lineStarts[line]! <= offset) {
    for (let step = 0; step < 4 && line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset; step++) line++;
  }
  if (lineStarts[line]! > offset || (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset)) line = lineIndexAt(lineStarts, offset);
  cachedStarts = lineStarts;
  cachedLine = line;
  return { line: line + 1, column: offset - lineStarts[line]! + 1, offset };
}

function lineIndexAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The range between two 0-based offsets. */
export function rangeAt(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

/** The offset `end` moved back over the whitespace (line breaks included) that precedes it, but not below `floor`. */
export function trimEndOffset(text: string, end: number, floor = 0): number {
  while (end > floor && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

/** The text of a 1-based line without its line ending. */
export function lineText(text: string, lineStarts: number[], line: number): string {
  const start = lineStarts[line - 1] ?? text.length;
  let end = line < lineStarts.length ? lineStarts[line]! - 1 : text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}

/**
 * Removes the byte order mark from the start of a file's text, reporting what it was: one U+FEFF,
 * or two, as VS Code removes two (its decoder one, its text buffer the next), so that a file given
 * a second one by some tool reads and shows alike. A third stays a character of the text.
 */
export function stripBom(text: string): { text: string; hadBom: boolean; bom: string } {
  const length = text.charCodeAt(0) !== BOM ? 0 : text.charCodeAt(1) === BOM ? 2 : 1;
  return { text: text.slice(length), hadBom: length > 0, bom: text.slice(0, length) };
}

const BOM = 0xfeff;

/** The line ending a text uses (its first one: LF, CRLF or a lone CR as old Mac files have), so edits can keep it. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const match = /\r\n?|\n/.exec(text);
  return match ? (match[0] as '\n' | '\r\n' | '\r') : '\n';
}

/** Whether a line (without its line ending) is a YAML front matter fence: `---`, trailing spaces allowed. */
export function isFrontMatterFence(line: string): boolean {
  return /^---[ \t]*$/.test(line);
}

/**
 * How many lines a closed YAML front matter takes at the start of a text, its fences included;
 * 0 without one, or when it is never closed (Markdown then reads those lines as text).
 */
export function frontMatterLineCount(lineCount: number, line: (index: number) => string): number {
  if (lineCount === 0 || !isFrontMatterFence(line(0).replace(/^\uFEFF{1,2}/, ''))) return 0;
  for (let index = 1; index < lineCount; index++) if (isFrontMatterFence(line(index))) return index + 1;
  return 0;
}
