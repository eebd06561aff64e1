import type { Blockquote, Heading, List, Paragraph, RootContent } from 'mdast';
import type { FrontMatter, PhaseDefinition, Section, Session, Speaker } from '../model';
import { computeLineStarts, detectEol, lineText, rangeAt, stripBom, trimEndOffset } from '../text/lines';
import { codeSpans, headingTitle, isFrontMatterFence, lazyLines, spansWithin, unclosedFrontMatterEnd, type Span } from './blocks';
import { parseMarkdown } from './markdown';
import { parseFrontMatter, unclosedFrontMatter } from './frontMatter';
import { matchPhase, resolvePhaseModel } from './phaseModels';
import { looksLikeTurn, makeTurn, matchTurnStart, type TurnStart } from './turns';

/** Settings from outside the file that change how it reads: the configured phase model. */
export interface ParseDefaults {
  phases?: string | PhaseDefinition[];
}

/** The speakers assumed when the front matter declares none. */
export const DEFAULT_SPEAKERS: readonly Speaker[] = [
  { label: 'T', role: 'therapist' },
  { label: 'Therapist', role: 'therapist' },
  { label: 'C', role: 'client' },
  { label: 'Client', role: 'client' },
];


let parseCount = 0;

/** How many documents have been parsed so far; tests use it to prove nothing parses twice. */
export function sessionParseCount(): number {
  return parseCount;
}

/** Parses a `.session.md` text (LF or CRLF, with or without BOM) into the session model. */
export function parseSession(input: string, defaults: ParseDefaults = {}): Session {
  parseCount++;
  const { text, hadBom } = stripBom(input);
  const lineStarts = computeLineStarts(text);
  const mdast = parseMarkdown(text);
  const first = mdast.children[0];
  let frontMatter: FrontMatter | undefined;
  if (first?.type === 'yaml' && first.position) {
    frontMatter = parseFrontMatter(text, lineStarts, first.position.start.offset!, first.position.end.offset!);
  } else if (isFrontMatterFence(lineText(text, lineStarts, 1))) {
    // Without its closing `---` Markdown reads the fields as text; they are not turns either.
    frontMatter = unclosedFrontMatter(text, lineStarts, unclosedFrontMatterEnd(text, lineStarts, mdast));
  }
  const speakers = frontMatter?.speakers ?? [...DEFAULT_SPEAKERS];
  const session: Session = {
    text,
    hadBom,
    eol: detectEol(text),
    mdast,
    speakers,
    phaseModel: resolvePhaseModel(frontMatter?.phases ?? defaults.phases),
    sections: [],
    turns: [],
    lineStarts,
  };
  if (frontMatter) session.frontMatter = frontMatter;
  new SessionReader(session).read();
  return session;
}

/** Walks the top-level blocks once, collecting sections, turns and memos. */
class SessionReader {
  private readonly speakerMap: Map<string, Speaker>;
  /** The block that ends inside a turn or a memo, so a blockquote after it is a memo. */
  private lastTurnBlock: RootContent | undefined;
  /** The last line of the previous block when that line is inside a turn, so a list right after it continues the turn. */
  private openTurnLine: number | undefined;
  /** How the last turn was made, so a list can extend it. */
  private lastTurnSource: { start: TurnStart; lineOffset: number; skip: Span[] } | undefined;
  /** Lines before this one are the front matter, closed or not, and hold no turns. */
  private readonly firstLine: number;

  constructor(private readonly session: Session) {
    this.speakerMap = new Map(session.speakers.map((s) => [s.label, s]));
    this.firstLine = session.frontMatter ? session.frontMatter.range.end.line + 1 : 1;
  }

  read(): void {
    const blocks = this.session.mdast.children;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      const openTurnLine = this.openTurnLine;
      this.openTurnLine = undefined;
      if (block.position!.end.line < this.firstLine) this.lastTurnBlock = undefined;
      else if (block.type === 'heading') this.heading(block);
      else if (block.type === 'paragraph') this.paragraph(block);
      else if (block.type === 'blockquote') this.blockquote(block, this.lastTurnBlock !== undefined && this.lastTurnBlock === blocks[i - 1]);
      else if (block.type === 'list') this.list(block, openTurnLine === block.position!.start.line - 1);
    }
    this.closeSection(this.session.text.length);
  }

  private heading(node: Heading): void {
    if (this.isSetextTurn(node)) {
      // `C: ok` followed by `---` is a turn above a rule, not a heading named "C: ok".
      const end = this.session.lineStarts[node.position!.end.line - 1]! - 1;
      if (this.readTurnLines(node.position!.start.line, node.position!.end.line - 1, end, codeSpans(node))) this.lastTurnBlock = node;
      return;
    }
    if (node.depth > 2) {
      const section = this.currentSection >= 0 ? this.session.sections[this.currentSection] : undefined;
      if (node.depth === 3 && section) section.topics.push({ title: headingTitle(this.session.text, node), range: this.rangeOf(node) });
      return;
    }
    this.closeSection(node.position!.start.offset!);
    if (node.depth === 1) {
      // A level-1 heading (a title or an appendix) ends the phase before it.
      this.currentSection = -1;
      return;
    }
    const title = headingTitle(this.session.text, node);
    const match = matchPhase(this.session.phaseModel, title);
    const range = this.rangeOf(node);
    const section: Section = { title, phaseIndex: match.index, headingRange: range, range, topics: [] };
    if (match.index >= 0) section.phase = this.session.phaseModel.phases[match.index]!;
    if (match.subtitle !== undefined) section.subtitle = match.subtitle;
    this.session.sections.push(section);
    this.currentSection = this.session.sections.length - 1;
    this.openSection = true;
  }

  private openSection = false;
  private currentSection = -1;

  private closeSection(endOffset: number): void {
    if (!this.openSection) return;
    const section = this.session.sections[this.session.sections.length - 1]!;
    const end = trimEndOffset(this.session.text, endOffset, section.range.start.offset);
    section.range = rangeAt(this.session.lineStarts, section.range.start.offset, Math.max(end, section.headingRange.end.offset));
    this.openSection = false;
  }

  private isSetextTurn(node: Heading): boolean {
    const { text, lineStarts } = this.session;
    const start = node.position!.start;
    if (start.line === node.position!.end.line || text.charAt(start.offset!) === '#' || /^ {1,3}#/.test(lineText(text, lineStarts, start.line))) return false;
    const first = matchTurnStart(lineText(text, lineStarts, start.line));
    return first !== undefined && looksLikeTurn(first, this.speakerMap);
  }

  private paragraph(node: Paragraph): void {
    const endsInTurn = this.readTurnLines(node.position!.start.line, node.position!.end.line, node.position!.end.offset!, codeSpans(node));
    this.lastTurnBlock = endsInTurn ? node : undefined;
    if (endsInTurn) this.openTurnLine = node.position!.end.line;
  }

  /**
   * A list right after a turn's line continues that turn, up to a blank line. Markdown also folds
   * unindented lines after an item into it ("lazy" lines); one that starts a turn is read as the
   * turn, so no turn hides in a list. Turns written inside items (`- T: hi`) are not turns.
   */
  private list(node: List, continuesTurn: boolean): void {
    const { text, lineStarts } = this.session;
    const lazy = lazyLines(node, text, lineStarts);
    const { start, end } = node.position!;
    const endsInTurn = this.readTurnLines(start.line, end.line, end.offset!, codeSpans(node, true), { canStart: (line) => lazy.has(line), continuesTurn });
    this.lastTurnBlock = endsInTurn ? node : undefined;
    if (endsInTurn) this.openTurnLine = end.line;
  }

  /**
   * Reads turns from a run of lines; a labelled line starts a turn and the lines after it continue
   * it, up to a blank line. With `continuesTurn` the first lines continue the last turn read.
   * Returns whether the run ends inside a turn.
   */
  private readTurnLines(firstLine: number, lastLine: number, end: number, spans: Span[], options: { canStart?: (line: number) => boolean; continuesTurn?: boolean } = {}): boolean {
    const { text, lineStarts } = this.session;
    let pending: { start: TurnStart; lineOffset: number } | undefined;
    let pendingEnd = 0;
    let continuing = options.continuesTurn === true;
    let continuedEnd = -1;
    const close = (): void => {
      if (pending) this.addTurn(pending.start, pending.lineOffset, pendingEnd, spans);
      else if (continuedEnd >= 0) this.extendLastTurn(continuedEnd, spans);
      pending = undefined;
      continuing = false;
      continuedEnd = -1;
    };
    for (let line = Math.max(firstLine, this.firstLine); line <= lastLine; line++) {
      const lineStart = lineStarts[line - 1]!;
      const content = lineText(text, lineStarts, line);
      if (content.trim() === '') {
        close();
        continue;
      }
      const start = !options.canStart || options.canStart(line) ? matchTurnStart(content) : undefined;
      if (start && looksLikeTurn(start, this.speakerMap)) {
        close();
        pending = { start, lineOffset: lineStart };
      }
      const lineEnd = Math.min(lineStart + content.length, end);
      if (pending) pendingEnd = lineEnd;
      else if (continuing) continuedEnd = lineEnd;
    }
    const endsInTurn = pending !== undefined || continuing;
    close();
    return endsInTurn;
  }

  private addTurn(start: TurnStart, lineOffset: number, end: number, spans: Span[]): void {
    const skip = spansWithin(spans, lineOffset, end);
    this.lastTurnSource = { start, lineOffset, skip };
    const args = { text: this.session.text, lineStarts: this.session.lineStarts, lineOffset, start, end, skip };
    this.session.turns.push(makeTurn(args, this.speakerMap, this.session.turns.length + 1, this.currentSection));
  }

  /** Makes the last turn run on to `end`, over the lines of a list right after it. */
  private extendLastTurn(end: number, spans: Span[]): void {
    const { start, lineOffset, skip } = this.lastTurnSource!;
    const last = this.session.turns.pop()!;
    const more = [...skip, ...spansWithin(spans, last.range.end.offset, end)];
    this.lastTurnSource = { start, lineOffset, skip: more };
    const args = { text: this.session.text, lineStarts: this.session.lineStarts, lineOffset, start, end, skip: more };
    const turn = makeTurn(args, this.speakerMap, last.index, last.sectionIndex);
    turn.memos = last.memos;
    this.session.turns.push(turn);
  }

  /**
   * A blockquote right after a turn is a memo on it. Markdown lets a line without `>` continue a
   * blockquote ("lazy" lines); one that starts a turn is read as the turn, so no turn hides in a memo.
   */
  private blockquote(node: Blockquote, isMemo: boolean): void {
    const { text, lineStarts } = this.session;
    const first = node.position!.start.line;
    const last = node.position!.end.line;
    let memoLast = last;
    for (let line = first + 1; line <= last; line++) {
      const content = lineText(text, lineStarts, line);
      if (/^ {0,3}>/.test(content)) continue;
      const start = matchTurnStart(content);
      if (start && looksLikeTurn(start, this.speakerMap)) {
        memoLast = line - 1;
        break;
      }
    }
    const turn = this.session.turns[this.session.turns.length - 1];
    if (isMemo && turn) {
      const lines: string[] = [];
      for (let line = first; line <= memoLast; line++) lines.push(lineText(text, lineStarts, line).replace(/^ {0,3}>\s?/, ''));
      const body = lines.join(' ').replace(/^\s*(?:\*\*)?memo:(?:\*\*)?\s*/i, '').replace(/\s+/g, ' ').trim();
      const memoEnd = lineStarts[memoLast - 1]! + lineText(text, lineStarts, memoLast).length;
      turn.memos.push({ text: body, range: rangeAt(lineStarts, node.position!.start.offset!, memoEnd) });
    }
    this.lastTurnBlock = isMemo ? node : undefined;
    if (memoLast < last && this.readTurnLines(memoLast + 1, last, node.position!.end.offset!, codeSpans(node))) {
      this.lastTurnBlock = node;
      this.openTurnLine = last;
    }
  }

  private rangeOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }) {
    return rangeAt(this.session.lineStarts, node.position!.start.offset!, node.position!.end.offset!);
  }
}
