import type { Parent, RootContent } from 'mdast';
import type { Range, Session } from '../model';
import { lineText, rangeAt } from '../text/lines';
import { literalSpans, spansWithin, type Span } from './blocks';
import { LIST_NUMBER, matchTurnStart, mayStartWithNumber } from './turns';

// Lines written as turns that Markdown puts where the parser reads no turn: in a list item, a block
// quote or an HTML block, or after a list number. Pasted numbered transcripts (`1. T: Hello`) and turns
// wrapped in `<details>` would otherwise vanish without a word. Only lines whose label is a declared
// speaker, or that carry a timestamp, count: lists and memos often hold `Word:` phrases.

/** Where a turn-shaped line sits that is not read as a turn. */
export type UnreadPlace = 'list' | 'quote' | 'html' | 'number';

/** A line written as a turn that is not read as one. */
export interface UnreadTurn {
  place: UnreadPlace;
  line: number;
  /** From the line's start to where the turn's timestamp or label starts: indentation, list markers, `>`. */
  prefix: Range;
  /** The timestamp and speaker label, up to and with the colon. */
  label: Range;
  /** The index of the top-level block that holds the line, so a fix can treat one list at once. */
  block: number;
  /** For `html`: whether the HTML block ends at a blank line (`<div>`, `<details>`), so one before the turn frees it. */
  endsAtBlankLine?: boolean;
}

// Quote marks, list markers and the spaces around them at the start of a line inside a list, a quote or HTML.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
// HTML blocks that end at a closing tag or marker rather than at a blank line (CommonMark kinds 1 to 5).
const RAW_HTML_START = /^ {0,3}<(?:[?!]|(?:pre|script|style|textarea)(?=[\s>]|$))/i;
// A comment in an HTML block, as browsers end it; one that is never closed runs to the end of the block.
const HTML_COMMENT = /<!--(?:-?>|[\s\S]*?(?:-->|$(?![\s\S])))/g;

/** The turn-shaped lines of a session that are not read as turns, in document order. */
export function unreadTurns(session: Session): UnreadTurn[] {
  const finder = new UnreadTurnFinder(session);
  session.mdast.children.forEach((block, index) => finder.visit(block, index));
  return finder.found;
}

class UnreadTurnFinder {
  readonly found: UnreadTurn[] = [];
  private turnLines: Set<number> | undefined;
  private readonly firstLine: number;

  constructor(private readonly session: Session) {
    this.firstLine = session.frontMatter ? session.frontMatter.range.end.line + 1 : 1;
  }

  visit(block: RootContent, index: number): void {
    const { start, end } = block.position!;
    if (end.line < this.firstLine) return;
    if (block.type === 'paragraph' || block.type === 'heading') this.numbered(block, index);
    else if (block.type === 'list' || block.type === 'blockquote') this.contained(block, block.type === 'list' ? 'list' : 'quote', index);
    else if (block.type === 'html') this.html(start.line, end.line, index);
  }

  // Lines of a paragraph that start with `2. `: Markdown keeps them in the paragraph, and the parser reads no turn there.
  private numbered(block: Parent, index: number): void {
    const { text, lineStarts } = this.session;
    let spans: Span[] | undefined;
    for (let line = Math.max(block.position!.start.line, this.firstLine); line <= block.position!.end.line; line++) {
      const content = lineText(text, lineStarts, line);
      const number = mayStartWithNumber(content) ? LIST_NUMBER.exec(content) : null;
      if (!number) continue;
      spans ??= literalSpans(block);
      if (startsInside(spans, lineStarts[line - 1]!)) continue;
      const prefix = /^[ \t]*/.exec(content.slice(number[0].length))![0].length + number[0].length;
      this.check(line, prefix, 'number', index);
    }
  }

  // Every line of a list or a block quote, after its markers, except lines read as turns (a lazy `C:` line) and lines in code or comments.
  private contained(block: Parent, place: UnreadPlace, index: number): void {
    const { text, lineStarts } = this.session;
    let spans: Span[] | undefined;
    for (let line = Math.max(block.position!.start.line, this.firstLine); line <= block.position!.end.line; line++) {
      const content = lineText(text, lineStarts, line);
      const prefix = CONTAINER_PREFIX.exec(content)![0].length;
      if (prefix === content.length || content.indexOf(':', prefix) === -1) continue;
      spans ??= literalSpans(block, true);
      if (startsInside(spans, lineStarts[line - 1]! + prefix)) continue;
      this.check(line, prefix, place, index);
    }
  }

  // Every line of an HTML block outside its comments (a block that is one comment holds none).
  private html(first: number, last: number, index: number): void {
    const { text, lineStarts } = this.session;
    const from = lineStarts[first - 1]!;
    const to = lineStarts[last - 1]! + lineText(text, lineStarts, last).length;
    const comments: Span[] = [];
    for (const match of text.slice(from, to).matchAll(HTML_COMMENT)) comments.push([from + match.index, from + match.index + match[0].length]);
    const endsAtBlankLine = !RAW_HTML_START.test(lineText(text, lineStarts, first));
    for (let line = Math.max(first, this.firstLine); line <= last; line++) {
      const content = lineText(text, lineStarts, line);
      const prefix = CONTAINER_PREFIX.exec(content)![0].length;
      if (startsInside(comments, lineStarts[line - 1]! + prefix)) continue;
      this.check(line, prefix, 'html', index, endsAtBlankLine);
    }
  }

  private check(line: number, prefix: number, place: UnreadPlace, block: number, endsAtBlankLine?: boolean): void {
    const { text, lineStarts, speakers } = this.session;
    const lineStart = lineStarts[line - 1]!;
    const rest = lineText(text, lineStarts, line).slice(prefix);
    const start = matchTurnStart(rest);
    if (!start || !(start.timestamp || speakers.some((s) => s.label === start.label))) return;
    this.turnLines ??= new Set(this.session.turns.map((turn) => turn.range.start.line));
    if (this.turnLines.has(line)) return;
    const labelStart = lineStart + prefix + (start.timestamp ? start.timestamp.start : start.labelStart - (start.bold ? 2 : 0));
    const unread: UnreadTurn = {
      place,
      line,
      prefix: rangeAt(lineStarts, lineStart, labelStart),
      label: rangeAt(lineStarts, labelStart, lineStart + prefix + start.bodyStart),
      block,
    };
    if (endsAtBlankLine !== undefined) unread.endsAtBlankLine = endsAtBlankLine;
    this.found.push(unread);
  }
}

// Whether `offset` lies inside one of the spans (code, comments), not at its start.
function startsInside(spans: Span[], offset: number): boolean {
  for (const span of spansWithin(spans, offset, offset + 1)) if (span[0] < offset) return true;
  return false;
}
