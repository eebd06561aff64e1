import type { Blockquote, Paragraph, Root, RootContent, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { frontMatterLineCount } from '../text/lines';
import { isMarkCode } from './marks';

// Nearly every block of a transcript is a turn or a memo: a paragraph of plain text, or a block
// quote holding one, for which micromark sets up tokenizers of its own (some 30 to 60 µs a
// block), for a tree that is just a paragraph holding one text node. So the parser hands micromark
// a skeleton in which each stretch of such blocks (with the blank lines between them) is one line
// `x` (`> x` when it starts with a memo), lets micromark decide the block structure as always, checks
// that each stand-in came back as a top-level paragraph or quote (then, line by line, so does every
// block it stands for), and builds those
// blocks itself. Anything unexpected (a stretch inside fenced code or HTML, say) and the caller parses
// the text as it is. test/unit/plain-runs.test.ts proves the trees equal.

// For each ASCII code: 1 when it ends plainness anywhere (a backtick, `<`, `>` which could end an
// HTML block, `\`, a control character or tab), 2 when it may not start a plain line (it could
// start a block, or indent it).
const CLASS = new Uint8Array(128);
for (let code = 0; code < 32; code++) CLASS[code] = 1;
for (const c of '`<>\\]') CLASS[c.charCodeAt(0)] = 1;
for (const c of ' #+*_=|~!-0123456789') CLASS[c.charCodeAt(0)] = 2;
const NOT_PLAIN = 1;
const SPACE = 32;
const TAB = 9;
const HASH = 35; // #
const QUOTE = 62; // >
const BANG = 33; // !
const BRACKET_OPEN = 91; // [
const BRACKET_CLOSE = 93; // ]
const PAREN_OPEN = 40; // (
const BLANK_LINE = /^[ \t]*$/;
const LINE_ENDING = /\r\n|\r|\n/g;

/**
 * Whether a line is plain: it starts at column 1 with a character that starts no block, ends
 * without a space, and holds nothing micromark's text tokenizer would read as more than text:
 * no backtick, `<`, `>`, `\`, `![`, control character or tab, and brackets only as bracketed
 * marks not followed by `(` or `[` (read as text by markdown.ts). A loop, not a regular
 * expression: a repeated group overflows the stack on a line of a few megabytes.
 */
function isPlainLine(text: string, from: number, to: number): boolean {
  if (from === to || (text.charCodeAt(from) < 128 && CLASS[text.charCodeAt(from)] !== 0) || text.charCodeAt(to - 1) === SPACE) return false;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code < 128 && CLASS[code] === NOT_PLAIN) return false;
    if (code === BANG && text.charCodeAt(index + 1) === BRACKET_OPEN) return false;
    if (code === BRACKET_OPEN) {
      let close = index + 1;
      while (close < to && isMarkCode(text.charCodeAt(close))) close++;
      if (close === index + 1 || close === to || text.charCodeAt(close) !== BRACKET_CLOSE) return false;
      const after = text.charCodeAt(close + 1);
      if (after === PAREN_OPEN || after === BRACKET_OPEN) return false;
      index = close;
    }
  }
  return true;
}

/** A top-level paragraph of plain lines, or a block quote (a memo) of plain lines each after `> `; lines 1-based, inclusive. */
interface PlainBlock {
  quoted: boolean;
  startLine: number;
  endLine: number;
}

/** Plain blocks with only blank lines between them, which the skeleton's line `standIn` stands for. */
interface Stretch {
  blocks: PlainBlock[];
  standIn: number;
}

/** The text micromark reads instead, and what it needs to put the stretches back. */
export interface Skeleton {
  text: string;
  stretches: Stretch[];
  /** The original line of each skeleton line, 1-based (index 0 unused). */
  originalLine: Int32Array;
  lineStarts: number[]; // 0-based offset of each original line
  lineLengths: number[];
}

/** Cuts each stretch of plain paragraphs down to one line; undefined when there is none. */
export function skeletonOf(text: string): Skeleton | undefined {
  const { lineStarts, lineLengths, endings } = splitLines(text);
  const line = (index: number): string => text.slice(lineStarts[index], lineStarts[index]! + lineLengths[index]!);
  const blocks = plainBlocks(text, lineStarts, lineLengths, line);
  if (blocks.length === 0) return undefined;

  const stretches: Stretch[] = [];
  const parts: string[] = [];
  const originalLine = new Int32Array(lineStarts.length + 1);
  let skeletonLine = 0;
  let next = 0; // the next original line (0-based) to copy
  for (let b = 0; b < blocks.length;) {
    const blocksOfStretch = [blocks[b]!];
    while (b + 1 < blocks.length && onlyBlankBetween(blocks[b]!.endLine, blocks[b + 1]!.startLine, line)) blocksOfStretch.push(blocks[++b]!);
    b++;
    const first = blocksOfStretch[0]!.startLine;
    const last = blocksOfStretch[blocksOfStretch.length - 1]!.endLine;
    for (; next < first - 1; next++) {
      parts.push(line(next), endings[next]!);
      originalLine[++skeletonLine] = next + 1;
    }
    // A memo's stand-in is a quote too: after a list item holding an open HTML block or fence, a
    // plain `x` would be a lazy line of the item, and micromark would end the item a line earlier.
    parts.push(blocksOfStretch[0]!.quoted ? '> x' : 'x', endings[last - 1]!);
    originalLine[++skeletonLine] = first;
    stretches.push({ blocks: blocksOfStretch, standIn: skeletonLine });
    next = last;
  }
  for (; next < lineStarts.length; next++) {
    parts.push(line(next), endings[next]!);
    originalLine[++skeletonLine] = next + 1;
  }
  return { text: parts.join(''), stretches, originalLine: originalLine.subarray(0, skeletonLine + 1), lineStarts, lineLengths };
}

// Lines as micromark counts them: ended by CRLF, CR or LF.
function splitLines(text: string): { lineStarts: number[]; lineLengths: number[]; endings: string[] } {
  const lineStarts: number[] = [];
  const lineLengths: number[] = [];
  const endings: string[] = [];
  let start = 0;
  // Without a CR every ending is LF, found without a match object a line.
  if (text.indexOf('\r') === -1)
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lineStarts.push(start);
      lineLengths.push(end - start);
      endings.push('\n');
      start = end + 1;
    }
  else
    for (const match of text.matchAll(LINE_ENDING)) {
      lineStarts.push(start);
      lineLengths.push(match.index - start);
      endings.push(match[0]);
      start = match.index + match[0].length;
    }
  lineStarts.push(start);
  lineLengths.push(text.length - start);
  endings.push('');
  return { lineStarts, lineLengths, endings };
}

// Blocks between blank lines or ATX headings (which end any paragraph) whose lines are all plain, or all `> ` and plain.
function plainBlocks(text: string, lineStarts: number[], lineLengths: number[], line: (index: number) => string): PlainBlock[] {
  const lines = lineStarts.length;
  const blocks: PlainBlock[] = [];
  let start = -1;
  let plain = true;
  let quoted = true;
  // A closed front matter is YAML: a paragraph inside it would come back as YAML, not as a paragraph.
  for (let index = frontMatterLineCount(lines, line); index <= lines; index++) {
    const from = lineStarts[index]!;
    const to = from + lineLengths[index]!;
    if (index === lines || endsParagraph(text, from, to)) {
      if (start >= 0 && (plain || quoted)) blocks.push({ quoted: !plain, startLine: start + 1, endLine: index });
      start = -1;
      plain = true;
      quoted = true;
      continue;
    }
    if (start < 0) start = index;
    if (plain) plain = isPlainLine(text, from, to);
    if (quoted) quoted = text.charCodeAt(from) === QUOTE && text.charCodeAt(from + 1) === SPACE && isPlainLine(text, from + 2, to);
  }
  return blocks;
}

function onlyBlankBetween(endLine: number, startLine: number, line: (index: number) => string): boolean {
  for (let index = endLine; index < startLine - 1; index++) if (!BLANK_LINE.test(line(index))) return false;
  return true;
}

// A blank line or an ATX heading (up to three spaces, one to six `#`, then a space, a tab or the end) ends any paragraph.
function endsParagraph(text: string, from: number, to: number): boolean {
  let index = from;
  while (index < to && text.charCodeAt(index) === SPACE) index++;
  if (index - from <= 3 && text.charCodeAt(index) === HASH) {
    const hashes = index;
    while (index < to && text.charCodeAt(index) === HASH) index++;
    return index - hashes <= 6 && (index === to || text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB);
  }
  while (index < to && (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB)) index++;
  return index === to;
}

/**
 * Puts the stretches back into the tree micromark built from the skeleton: each stand-in becomes
 * the blocks it stands for, and every other point moves to its original line and offset.
 * Returns false (the tree is then half done) when a stand-in did not come back as a top-level
 * paragraph (a quote holding one for a memo) of its own line.
 */
export function restoreStretches(root: Root, skeleton: Skeleton, text: string): boolean {
  const byLine = new Map<number, Stretch>();
  for (const stretch of skeleton.stretches) byLine.set(stretch.standIn, stretch);
  const children: RootContent[] = [];
  let restored = 0;
  for (const child of root.children) {
    const stretch = byLine.get(child.position!.start.line);
    if (stretch === undefined) {
      children.push(child);
      continue;
    }
    if (!isStandIn(child, stretch)) return false;
    for (const block of stretch.blocks) children.push(block.quoted ? memo(block, skeleton, text) : paragraph(block, 0, skeleton, text));
    restored++;
  }
  if (restored !== skeleton.stretches.length) return false;
  const move = (point: Point): void => {
    const stretch = byLine.get(point.line);
    if (stretch) {
      const { startLine } = stretch.blocks[0]!;
      const { endLine } = stretch.blocks[stretch.blocks.length - 1]!;
      point.line = point.column === 1 ? startLine : endLine;
      if (point.column > 1) point.column = skeleton.lineLengths[endLine - 1]! + 1;
    } else {
      point.line = skeleton.originalLine[point.line]!;
    }
    point.offset = skeleton.lineStarts[point.line - 1]! + point.column - 1;
  };
  for (const child of root.children) if (!byLine.has(child.position!.start.line)) movePoints(child, move);
  root.children = children;
  if (root.position) {
    move(root.position.start);
    move(root.position.end);
  }
  return true;
}

function isStandIn(node: RootContent, stretch: Stretch): boolean {
  if (node.position!.end.line !== stretch.standIn) return false;
  const paragraph = stretch.blocks[0]!.quoted ? (node.type === 'blockquote' && node.children.length === 1 ? node.children[0]! : undefined) : node;
  return paragraph?.type === 'paragraph' && paragraph.children.length === 1 && paragraph.children[0]!.type === 'text';
}

function span(skeleton: Skeleton, startLine: number, column: number, endLine: number): Position {
  const end = skeleton.lineLengths[endLine - 1]!;
  return {
    start: { line: startLine, column, offset: skeleton.lineStarts[startLine - 1]! + column - 1 },
    end: { line: endLine, column: end + 1, offset: skeleton.lineStarts[endLine - 1]! + end },
  };
}

// A paragraph of plain lines holds them as one text node, line endings included (as micromark
// builds it); inside a memo each line's `> ` (`indent` characters) is left out.
function paragraph(block: PlainBlock, indent: number, skeleton: Skeleton, text: string): Paragraph {
  const { startLine, endLine } = block;
  let value = '';
  for (let line = startLine; line <= endLine; line++) {
    const from = skeleton.lineStarts[line - 1]! + indent;
    // Each line with the line ending after it, but the last without.
    value += text.slice(from, line < endLine ? skeleton.lineStarts[line]! : skeleton.lineStarts[line - 1]! + skeleton.lineLengths[line - 1]!);
  }
  const words: Text = { type: 'text', value, position: span(skeleton, startLine, indent + 1, endLine) };
  return { type: 'paragraph', children: [words], position: span(skeleton, startLine, indent + 1, endLine) };
}

function memo(block: PlainBlock, skeleton: Skeleton, text: string): Blockquote {
  return { type: 'blockquote', children: [paragraph(block, 2, skeleton, text)], position: span(skeleton, block.startLine, 1, block.endLine) };
}

// Every point of the tree, each once (micromark gives every node points of its own).
function movePoints(node: RootContent, move: (point: Point) => void): void {
  if (node.position) {
    move(node.position.start);
    move(node.position.end);
  }
  if ('children' in node) for (const child of node.children) movePoints(child, move);
}
