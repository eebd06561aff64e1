import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from './markdown';

// Re-parses only the top-level blocks an edit touches and reuses the others. A slice of the text
// parses like the whole document when the parser starts and ends it with no block open: at each
// end the block before is one a blank line closes, a blank line follows it, and the text outside
// is unchanged. Link reference definitions reach across the document, so their presence means a
// full parse; front matter only parses at the very start, so a slice never starts with `---`.

/** An edit of a text without BOM: `removed` characters at `offset` replaced by `inserted` ones. */
export interface SessionEdit {
  offset: number;
  removed: number;
  inserted: number;
}

/** The spliced tree and where its blocks came from: `[0, from)` reused, `[from, to)` re-parsed, the rest reused and moved. */
export interface SplicedMarkdown {
  mdast: Root;
  from: number;
  to: number;
  /** The index in the previous tree of the first block reused after the re-parsed ones. */
  previousTo: number;
  /** How far the reused blocks after the re-parsed ones moved. */
  lineDelta: number;
  offsetDelta: number;
}

// Blocks a blank line after them always closes; lists, code and definitions are left out.
const CLOSED_BY_BLANK = new Set(['paragraph', 'heading', 'thematicBreak', 'blockquote']);
// Before the slice the previous tree also proves these closed, since another block follows them.
const CLOSED_BEFORE = new Set([...CLOSED_BY_BLANK, 'html', 'yaml']);
const LONE_CR = /\r(?!\n)/;
/** How far the slice may grow while looking for a closed end before a full parse is cheaper. */
const MAX_WIDENINGS = 8;

/** Re-parses the blocks of `previous` that `edit` touches in `text`, or returns undefined when only a full parse is sure to be right. */
export function spliceMarkdown(previous: { text: string; mdast: Root }, text: string, edit: SessionEdit): SplicedMarkdown | undefined {
  const blocks = previous.mdast.children;
  const old = previous.text;
  const editEnd = edit.offset + edit.removed;
  const offsetDelta = edit.inserted - edit.removed;
  if (blocks.length === 0 || hasDefinitions(previous.mdast)) return undefined;
  // The last block starting on a line at or before the edit, then back to one whose previous block is closed.
  let from = lastBlockAtOrBefore(blocks, edit.offset);
  // A slice may not start with `---` either: at the start of a text it opens front matter, and even
  // when none closes, the attempt changes how the next lines read.
  while (from > 0 && (!closedBefore(blocks, from, old) || text.startsWith('---', lineStart(blocks[from]!)))) from--;
  if (from < 1) return undefined;
  const sliceStart = lineStart(blocks[from]!);
  let to = from + 1;
  while (to < blocks.length && lineStart(blocks[to]!) < editEnd) to++;
  for (let widenings = 0; widenings <= MAX_WIDENINGS; widenings++, to++) {
    while (to < blocks.length && !closedBefore(blocks, to, old)) to++;
    const sliceEnd = to < blocks.length ? lineStart(blocks[to]!) + offsetDelta : text.length;
    // The blocks after the slice must start on a line of their own, as before.
    if (to < blocks.length && text.charCodeAt(sliceEnd - 1) !== 10) continue;
    const slice = text.slice(sliceStart, sliceEnd);
    // A lone carriage return ends a line for Markdown but not for the line counts here.
    if (LONE_CR.test(slice)) return undefined;
    const parsed = parseMarkdown(slice);
    if (parsed.children[0]?.type === 'yaml' || hasDefinitions(parsed)) return undefined;
    if (to < blocks.length && !endsClosed(parsed, slice)) continue;
    const startLine = blocks[from]!.position!.start.line;
    const added = parsed.children;
    for (const node of added) moveInPlace(node, startLine - 1, sliceStart);
    const lineDelta = to < blocks.length ? lineCount(slice) - (blocks[to]!.position!.start.line - startLine) : 0;
    const after = lineDelta === 0 && offsetDelta === 0 ? blocks.slice(to) : blocks.slice(to).map((node) => moved(node, lineDelta, offsetDelta));
    const end =
      to < blocks.length ? shiftPoint(previous.mdast.position!.end, lineDelta, offsetDelta) : shiftPoint(parsed.position!.end, startLine - 1, sliceStart);
    const mdast: Root = {
      type: 'root',
      children: [...blocks.slice(0, from), ...added, ...after],
      position: { start: { ...previous.mdast.position!.start }, end },
    };
    return { mdast, from, to: from + added.length, previousTo: to, lineDelta, offsetDelta };
  }
  return undefined;
}

/** Whether a tree holds a link reference definition, which changes how links read everywhere. */
export function hasDefinitions(parent: { children: Nodes[] }): boolean {
  for (const node of parent.children) {
    if (node.type === 'definition') return true;
    if ((node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') && hasDefinitions(node)) return true;
  }
  return false;
}

/** A copy of a node and its descendants moved down `lines` lines and on `offset` characters; columns stay (it starts on a line of its own). */
export function moved<T extends Nodes>(node: T, lines: number, offset: number): T {
  const copy = { ...node } as T & { children?: Nodes[] };
  if (node.position) copy.position = { start: shiftPoint(node.position.start, lines, offset), end: shiftPoint(node.position.end, lines, offset) };
  if ('children' in node) copy.children = (node.children as Nodes[]).map((child) => moved(child, lines, offset));
  return copy;
}

// The slice's own fresh nodes are moved where they are, with new points.
function moveInPlace(node: Nodes, lines: number, offset: number): void {
  if (node.position) node.position = { start: shiftPoint(node.position.start, lines, offset), end: shiftPoint(node.position.end, lines, offset) };
  if ('children' in node) for (const child of node.children) moveInPlace(child, lines, offset);
}

function shiftPoint(
  point: { line: number; column: number; offset?: number | undefined },
  lines: number,
  offset: number,
): { line: number; column: number; offset: number } {
  return { line: point.line + lines, column: point.column, offset: point.offset! + offset };
}

// The offset where the line of a block's first character starts (columns count characters, tabs included).
function lineStart(block: RootContent): number {
  return block.position!.start.offset! - (block.position!.start.column - 1);
}

function lastBlockAtOrBefore(blocks: RootContent[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  if (lineStart(blocks[0]!) > offset) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStart(blocks[mid]!) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// The parser starts block `index` with nothing open: the block before it is closed and a blank line separates them.
function closedBefore(blocks: RootContent[], index: number, text: string): boolean {
  const before = blocks[index - 1];
  return before !== undefined && CLOSED_BEFORE.has(before.type) && isBlankGap(text, before.position!.end.offset!, lineStart(blocks[index]!));
}

// The slice ends with nothing open: its last block is one a blank line closes, and a blank line follows it.
function endsClosed(parsed: Root, slice: string): boolean {
  const last = parsed.children[parsed.children.length - 1];
  // Only blank lines: the block before the slice is closed and a blank line follows it.
  if (!last) return true;
  return CLOSED_BY_BLANK.has(last.type) && isBlankGap(slice, last.position!.end.offset!, slice.length);
}

// Only spaces, tabs and line breaks, with at least one whole blank line.
function isBlankGap(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return breaks >= 2;
}

function lineCount(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
