import type { Blockquote, Heading, Paragraph, Parent, Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { FrontMatter, PhaseDefinition, Section, Session, Speaker, Turn } from '../model';
import { computeLineStarts, detectEol, lineText, rangeAt, stripBom } from '../text/lines';
import { parseFrontMatter } from './frontMatter';
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

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

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
  const mdast = processor.parse(text) as Root;
  const first = mdast.children[0];
  let frontMatter: FrontMatter | undefined;
  if (first?.type === 'yaml' && first.position) {
    frontMatter = parseFrontMatter(text, lineStarts, first.position.start.offset!, first.position.end.offset!);
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
  private lastTurnBlock: RootContent | undefined;

  constructor(private readonly session: Session) {
    this.speakerMap = new Map(session.speakers.map((s) => [s.label, s]));
  }

  read(): void {
    const blocks = this.session.mdast.children;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.type === 'heading') this.heading(block);
      else if (block.type === 'paragraph') this.paragraph(block);
      else if (block.type === 'blockquote') this.blockquote(block, this.lastTurnBlock !== undefined && this.lastTurnBlock === blocks[i - 1]);
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
      if (node.depth === 3 && section) section.topics.push({ title: this.headingTitle(node), range: this.rangeOf(node) });
      return;
    }
    this.closeSection(node.position!.start.offset!);
    if (node.depth === 1) {
      // A level-1 heading (a title or an appendix) ends the phase before it.
      this.currentSection = -1;
      return;
    }
    const title = this.headingTitle(node);
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
    let end = endOffset;
    while (end > section.range.start.offset && /\s/.test(this.session.text[end - 1]!)) end--;
    section.range = rangeAt(this.session.lineStarts, section.range.start.offset, Math.max(end, section.headingRange.end.offset));
    this.openSection = false;
  }

  private headingTitle(node: Heading): string {
    const kids = node.children;
    if (kids.length === 0) return '';
    return this.session.text.slice(kids[0]!.position!.start.offset!, kids[kids.length - 1]!.position!.end.offset!).trim();
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
  }

  /** Reads turns from a run of lines; a labelled line starts a turn and the lines after it continue it. Returns whether the run ends inside a turn. */
  private readTurnLines(firstLine: number, lastLine: number, end: number, skip: [number, number][]): boolean {
    const { text, lineStarts } = this.session;
    let pending: { start: TurnStart; lineOffset: number } | undefined;
    let pendingEnd = 0;
    for (let line = firstLine; line <= lastLine; line++) {
      const lineStart = lineStarts[line - 1]!;
      const content = lineText(text, lineStarts, line);
      const start = matchTurnStart(content);
      if (start && looksLikeTurn(start, this.speakerMap)) {
        if (pending) this.addTurn(pending.start, pending.lineOffset, pendingEnd, skip);
        pending = { start, lineOffset: lineStart };
      }
      pendingEnd = Math.min(lineStart + content.length, end);
    }
    if (pending) this.addTurn(pending.start, pending.lineOffset, pendingEnd, skip);
    return pending !== undefined;
  }

  private addTurn(start: TurnStart, lineOffset: number, end: number, skip: [number, number][]): Turn {
    const turn = makeTurn(
      { text: this.session.text, lineStarts: this.session.lineStarts, lineOffset, start, end, skip },
      this.speakerMap,
      this.session.turns.length + 1,
      this.currentSection,
    );
    this.session.turns.push(turn);
    return turn;
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
    if (memoLast < last && this.readTurnLines(memoLast + 1, last, node.position!.end.offset!, codeSpans(node))) this.lastTurnBlock = node;
  }

  private rangeOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }) {
    return rangeAt(this.session.lineStarts, node.position!.start.offset!, node.position!.end.offset!);
  }
}

/** Offset spans of inline code anywhere inside a block: braces there are text, not codes. */
function codeSpans(node: Parent): [number, number][] {
  const spans: [number, number][] = [];
  const visit = (parent: Parent): void => {
    for (const child of parent.children) {
      if (child.type === 'inlineCode' && child.position) spans.push([child.position.start.offset!, child.position.end.offset!]);
      else if ('children' in child) visit(child as Parent);
    }
  };
  visit(node);
  return spans;
}
