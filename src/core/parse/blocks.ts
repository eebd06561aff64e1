import type { Heading, List, Parent } from 'mdast';
import { lineText } from '../text/lines';

// Helpers that read Markdown blocks (mdast nodes) against the source text.

/** An offset span `[start, end)` of source whose braces are text, not codes; `comment` marks an HTML comment, whose text is dropped too. */
export type Span = [start: number, end: number, comment?: boolean];

/** The text of a heading as written, without its `#` marks or setext underline. */
export function headingTitle(text: string, node: Heading): string {
  const kids = node.children;
  if (kids.length === 0) return '';
  return text.slice(kids[0]!.position!.start.offset!, kids[kids.length - 1]!.position!.end.offset!).trim();
}

/**
 * Offset spans of inline code and HTML comments (and, with `blocks`, code blocks) inside a node,
 * in document order: braces there are no annotations.
 */
export function literalSpans(node: Parent, blocks = false): Span[] {
  const spans: Span[] = [];
  collectLiteralSpans(node, blocks, spans);
  return spans;
}

// An indexed loop without a closure: this runs for every paragraph of every transcript.
function collectLiteralSpans(parent: Parent, blocks: boolean, spans: Span[]): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'text' || !child.position) continue;
    const { start, end } = child.position;
    if (child.type === 'inlineCode' || (blocks && child.type === 'code')) spans.push([start.offset!, end.offset!]);
    // Inline HTML in a paragraph, or an HTML block in a list; only comments are skipped.
    else if (child.type === 'html' && child.value.startsWith('<!--')) spans.push([start.offset!, end.offset!, true]);
    else if ('children' in child) collectLiteralSpans(child as Parent, blocks, spans);
  }
}

/** Whether `offset` lies inside (not at the start of) an HTML comment among `spans`. */
export function insideComment(spans: Span[], offset: number): boolean {
  for (const span of spansWithin(spans, offset, offset + 1)) if (span[2] && span[0] < offset) return true;
  return false;
}

/** The spans of a sorted, non-overlapping list that overlap `[from, to)`, found by binary search. */
export function spansWithin(spans: Span[], from: number, to: number): Span[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < spans.length && spans[end]![0] < to) end++;
  return spans.slice(lo, end);
}

/**
 * The lines of a list that Markdown folds into an item's paragraph although they are indented
 * less than the item's content ("lazy" continuation lines). Outside a list they would be lines
 * of their own, so a turn may start on them.
 */
export function lazyLines(list: List, text: string, lineStarts: number[]): Set<number> {
  const lines = new Set<number>();
  for (const item of list.children) {
    // The column where the item's content starts, e.g. 3 for `- text`.
    const content = item.children[0]?.position?.start.column;
    if (content === undefined) continue;
    const visit = (parent: Parent): void => {
      for (const child of parent.children) {
        if (child.type === 'paragraph' && child.position) {
          for (let line = child.position.start.line + 1; line <= child.position.end.line; line++) {
            if (indentation(lineText(text, lineStarts, line)) < content - 1) lines.add(line);
          }
        } else if ('children' in child) visit(child as Parent);
      }
    };
    visit(item);
  }
  return lines;
}

function indentation(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}
