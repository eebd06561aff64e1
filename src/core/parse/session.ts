import type { Blockquote, Heading, List, Paragraph, Root, RootContent } from 'mdast';
import type { FrontMatter, PhaseDefinition, Session, Speaker, Turn } from '../model';
import { computeLineStarts, detectEol, isFrontMatterFence, lineText, rangeAt, stripBom } from '../text/lines';
import { insideComment, lazyLines, literalSpans, spansWithin, type Span } from './blocks';
import { parseMarkdown } from './markdown';
import { parseFrontMatter, unclosedFrontMatter } from './frontMatter';
import { resolvePhaseModel } from './phaseModels';
import { isSetextTurn, readSections, type SectionChange } from './sections';
import { looksLikeTurn, makeTurn, matchTurnStart, type TurnStart } from './turns';

/** What the caller passes besides the text: the configured phase model, which changes how the file reads, and a counter of parses. */
export interface ParseDefaults {
  phases?: string | PhaseDefinition[];
  /** Counts this parse: the editor's activation report, and tests and benchmarks that prove nothing parses twice, pass one. */
  counter?: ParseCounter;
}

/** How many sessions were parsed (each full or incremental parse counts once), and how many re-parses were incremental or fell back to a full parse. */
export interface ParseCounter {
  sessions: number;
  incremental: number;
  full: number;
  /** Of the sessions read by `parseSessionLazily`, how many had their body (Markdown, sections, turns) parsed. */
  bodies?: number;
}

/** The speakers assumed when the front matter declares none. */
export const DEFAULT_SPEAKERS: readonly Speaker[] = [
  { label: 'T', role: 'therapist' },
  { label: 'Therapist', role: 'therapist' },
  { label: 'C', role: 'client' },
  { label: 'Client', role: 'client' },
];

/** Parses a `.session.md` text (LF, CRLF or CR, with or without a byte order mark, see `stripBom`) into the session model. */
export function parseSession(input: string, defaults: ParseDefaults = {}): Session {
  const { text, bom } = stripBom(input);
  const lineStarts = computeLineStarts(text);
  return sessionFromMarkdown(text, bom, lineStarts, parseMarkdown(text), defaults);
}

/** What a caller already read from the same text: its front matter, and the speakers and phase model made from it. */
export interface ReadHead {
  frontMatter: FrontMatter | undefined;
  made?: Pick<Session, 'speakers' | 'phaseModel'>;
}

/** Builds the session model from text (without BOM) already parsed into mdast; `reuse` passes what was read from the same text. */
export function sessionFromMarkdown(text: string, bom: string, lineStarts: number[], mdast: Root, defaults: ParseDefaults, reuse?: ReadHead): Session {
  const frontMatter = reuse ? reuse.frontMatter : readFrontMatter(text, lineStarts, mdast);
  const { session, changes } = sessionShell(text, bom, lineStarts, mdast, frontMatter, defaults, reuse?.made);
  new SessionReader(session, changes, session.turns, 0).read(0, mdast.children.length);
  return session;
}

/** A session with front matter, speakers, phase model and sections but no turns yet, and where its section changes; counts as one parse. */
export function sessionShell(
  text: string,
  bom: string,
  lineStarts: number[],
  mdast: Root,
  frontMatter: FrontMatter | undefined,
  defaults: ParseDefaults,
  made?: Pick<Session, 'speakers' | 'phaseModel'>,
): { session: Session; changes: SectionChange[] } {
  if (defaults.counter) defaults.counter.sessions++;
  const { speakers, phaseModel } = made ?? headOf(frontMatter, defaults);
  const source = { text, lineStarts, mdast, phaseModel, speakers: speakerMap(speakers), firstLine: firstTurnLine(frontMatter) };
  const { sections, changes } = readSections(source);
  const session: Session = { text, hadBom: bom !== '', bom, eol: detectEol(text), mdast, speakers, phaseModel, sections, turns: [], lineStarts };
  if (frontMatter) session.frontMatter = frontMatter;
  return { session, changes };
}

// The walk starts afresh at `from`: callers start it at a block that is no memo and no list continuing a turn.
/** Reads the turns and memos of top-level blocks `from` to `to` (exclusive), numbering them after `before` turns. */
export function readTurns(session: Session, changes: SectionChange[], from: number, to: number, before: number): Turn[] {
  const turns: Turn[] = [];
  new SessionReader(session, changes, turns, before).read(from, to);
  return turns;
}

/** The speakers and phase model a session's front matter (or, without it, the defaults) gives. */
export function headOf(frontMatter: FrontMatter | undefined, defaults: ParseDefaults): Pick<Session, 'speakers' | 'phaseModel'> {
  return { speakers: frontMatter?.speakers ?? [...DEFAULT_SPEAKERS], phaseModel: resolvePhaseModel(frontMatter?.phases ?? defaults.phases) };
}

function speakerMap(speakers: Speaker[]): Map<string, Speaker> {
  return new Map(speakers.map((s) => [s.label, s]));
}

function firstTurnLine(frontMatter: FrontMatter | undefined): number {
  return frontMatter ? frontMatter.range.end.line + 1 : 1;
}

function readFrontMatter(text: string, lineStarts: number[], mdast: Root): FrontMatter | undefined {
  const first = mdast.children[0];
  if (first?.type === 'yaml' && first.position) return parseFrontMatter(text, lineStarts, first.position.start.offset!, first.position.end.offset!);
  // Without its closing `---` Markdown reads the fields as text; they are not turns either.
  if (isFrontMatterFence(lineText(text, lineStarts, 1))) return unclosedFrontMatter(text, lineStarts);
  return undefined;
}

/** Walks top-level blocks once, collecting turns and memos; sections are read before (see `readSections`). */
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
  private currentSection = -1;
  private nextChange = 0;

  constructor(
    private readonly session: Session,
    private readonly changes: SectionChange[],
    private readonly turns: Turn[],
    private readonly before: number,
  ) {
    this.speakerMap = speakerMap(session.speakers);
    this.firstLine = firstTurnLine(session.frontMatter);
  }

  read(from: number, to: number): void {
    const blocks = this.session.mdast.children;
    for (let i = from; i < to; i++) {
      const block = blocks[i]!;
      const openTurnLine = this.openTurnLine;
      this.openTurnLine = undefined;
      const start = block.position!.start.offset!;
      while (this.nextChange < this.changes.length && this.changes[this.nextChange]!.offset <= start)
        this.currentSection = this.changes[this.nextChange++]!.section;
      if (block.position!.end.line < this.firstLine) this.lastTurnBlock = undefined;
      else if (block.type === 'heading') this.heading(block);
      else if (block.type === 'paragraph') this.paragraph(block);
      else if (block.type === 'blockquote') this.blockquote(block, this.lastTurnBlock !== undefined && this.lastTurnBlock === blocks[i - 1]);
      else if (block.type === 'list') this.list(block, openTurnLine === block.position!.start.line - 1);
    }
  }

  // Section headings were read by `readSections`; only turns above a rule (`C: ok` then `---`) matter here.
  private heading(node: Heading): void {
    if (!isSetextTurn({ text: this.session.text, lineStarts: this.session.lineStarts, speakers: this.speakerMap }, node)) return;
    const end = this.session.lineStarts[node.position!.end.line - 1]! - 1;
    if (this.readTurnLines(node.position!.start.line, node.position!.end.line - 1, end, literalSpans(node))) this.lastTurnBlock = node;
  }

  private paragraph(node: Paragraph): void {
    const endsInTurn = this.readTurnLines(node.position!.start.line, node.position!.end.line, node.position!.end.offset!, literalSpans(node));
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
    const endsInTurn = this.readTurnLines(start.line, end.line, end.offset!, literalSpans(node, true), { canStart: (line) => lazy.has(line), continuesTurn });
    this.lastTurnBlock = endsInTurn ? node : undefined;
    if (endsInTurn) this.openTurnLine = end.line;
  }

  /**
   * Reads turns from a run of lines; a labelled line starts a turn and the lines after it continue
   * it, up to a blank line. With `continuesTurn` the first lines continue the last turn read.
   * Returns whether the run ends inside a turn.
   */
  private readTurnLines(
    firstLine: number,
    lastLine: number,
    end: number,
    spans: Span[],
    options: { canStart?: (line: number) => boolean; continuesTurn?: boolean } = {},
  ): boolean {
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
      // A line inside an HTML comment (`<!-- … -->` over several lines) starts no turn: comments are ignored.
      const mayStart = (!options.canStart || options.canStart(line)) && (spans.length === 0 || !insideComment(spans, lineStart));
      const start = mayStart ? matchTurnStart(content) : undefined;
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
    this.turns.push(makeTurn(args, this.speakerMap, this.before + this.turns.length + 1, this.currentSection));
  }

  /** Makes the last turn run on to `end`, over the lines of a list right after it. */
  private extendLastTurn(end: number, spans: Span[]): void {
    const { start, lineOffset, skip } = this.lastTurnSource!;
    const last = this.turns.pop()!;
    const more = [...skip, ...spansWithin(spans, last.range.end.offset, end)];
    this.lastTurnSource = { start, lineOffset, skip: more };
    const args = { text: this.session.text, lineStarts: this.session.lineStarts, lineOffset, start, end, skip: more };
    const turn = makeTurn(args, this.speakerMap, last.index, last.sectionIndex);
    turn.memos = last.memos;
    this.turns.push(turn);
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
    const turn = this.turns[this.turns.length - 1];
    if (isMemo && turn) {
      const lines: string[] = [];
      for (let line = first; line <= memoLast; line++) lines.push(lineText(text, lineStarts, line).replace(/^ {0,3}>\s?/, ''));
      const body = lines
        .join(' ')
        .replace(/^\s*(?:\*\*)?memo:(?:\*\*)?\s*/i, '')
        .replace(/\s+/g, ' ')
        .trim();
      const memoEnd = lineStarts[memoLast - 1]! + lineText(text, lineStarts, memoLast).length;
      turn.memos.push({ text: body, range: rangeAt(lineStarts, node.position!.start.offset!, memoEnd) });
    }
    this.lastTurnBlock = isMemo ? node : undefined;
    if (memoLast < last && this.readTurnLines(memoLast + 1, last, node.position!.end.offset!, literalSpans(node))) {
      this.lastTurnBlock = node;
      this.openTurnLine = last;
    }
  }
}
