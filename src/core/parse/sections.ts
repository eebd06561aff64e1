import type { Heading, Root } from 'mdast';
import type { PhaseModel, Section, Speaker } from '../model';
import { lineText, rangeAt, trimEndOffset } from '../text/lines';
import { headingTitle, insideComment, literalSpans, type Span } from './blocks';
import { matchPhase } from './phaseModels';
import { looksLikeTurn, matchTurnStart } from './turns';

/** Where the current section changes: at a level-1 heading (to -1) or a level-2 heading (to its index). */
export interface SectionChange {
  /** The heading's start offset. */
  offset: number;
  /** The index into `Session.sections` from here on, or -1. */
  section: number;
}

/** What the section reader needs to know about the document. */
export interface SectionSource {
  text: string;
  lineStarts: number[];
  mdast: Root;
  phaseModel: PhaseModel;
  speakers: ReadonlyMap<string, Speaker>;
  /** Lines before this one are the front matter and hold no headings. */
  firstLine: number;
}

// Turns take their section from the changes, so sections are read once for the whole document, before any turn.
/** Reads the sections (level-2 headings with their level-3 topics) of a document and where the current section changes. */
export function readSections(source: SectionSource): { sections: Section[]; changes: SectionChange[] } {
  const { text, lineStarts, phaseModel } = source;
  const sections: Section[] = [];
  const changes: SectionChange[] = [];
  let current = -1;
  let open = false;
  const close = (endOffset: number): void => {
    if (!open) return;
    const section = sections[sections.length - 1]!;
    const end = trimEndOffset(text, endOffset, section.range.start.offset);
    section.range = rangeAt(lineStarts, section.range.start.offset, Math.max(end, section.headingRange.end.offset));
    open = false;
  };
  for (const block of source.mdast.children) {
    if (block.type !== 'heading' || block.position!.end.line < source.firstLine || isSetextTurn(source, block)) continue;
    const start = block.position!.start.offset!;
    const range = rangeAt(lineStarts, start, block.position!.end.offset!);
    if (block.depth > 2) {
      if (block.depth === 3 && current >= 0) sections[current]!.topics.push({ title: headingTitle(text, block), range });
      continue;
    }
    close(start);
    if (block.depth === 1) {
      // A level-1 heading (a title or an appendix) ends the phase before it.
      current = -1;
      changes.push({ offset: start, section: -1 });
      continue;
    }
    const title = headingTitle(text, block);
    const match = matchPhase(phaseModel, title);
    const section: Section = { title, phaseIndex: match.index, headingRange: range, range, topics: [] };
    if (match.index >= 0) section.phase = phaseModel.phases[match.index]!;
    if (match.subtitle !== undefined) section.subtitle = match.subtitle;
    sections.push(section);
    current = sections.length - 1;
    open = true;
    changes.push({ offset: start, section: current });
  }
  close(text.length);
  return { sections, changes };
}

/**
 * Whether a setext heading is really turns above a rule: `C: ok`, or any line that starts a turn,
 * followed by `---` (or `===`). Markdown makes the lines a heading; they are read as the turns they
 * would be without the underline, so none is lost (rule turn-underlined reports the underline).
 */
export function isSetextTurn(source: Pick<SectionSource, 'text' | 'lineStarts' | 'speakers'>, node: Heading): boolean {
  const { text, lineStarts } = source;
  const start = node.position!.start;
  const last = node.position!.end.line - 1;
  if (start.line > last || text.charAt(start.offset!) === '#' || /^ {1,3}#/.test(lineText(text, lineStarts, start.line))) return false;
  let spans: Span[] | undefined;
  for (let line = start.line; line <= last; line++) {
    const turn = matchTurnStart(lineText(text, lineStarts, line));
    if (turn === undefined || !looksLikeTurn(turn, source.speakers)) continue;
    spans ??= literalSpans(node);
    if (!insideComment(spans, lineStarts[line - 1]!)) return true;
  }
  return false;
}
