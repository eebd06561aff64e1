import type { FrontMatter, Range, Section, Session } from '../model';
import { rangeAt, trimEndOffset } from '../text/lines';
import type { OutlineSymbol } from './types';

/** The Outline and breadcrumbs: the front matter, then each level-2 section with its topics as children. */
export function outline(session: Session): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  if (session.frontMatter) symbols.push(frontMatterSymbol(session, session.frontMatter));
  const counts = turnCounts(session);
  session.sections.forEach((section, i) => symbols.push(sectionSymbol(session, section, counts[i] ?? 0)));
  return symbols;
}

function frontMatterSymbol(session: Session, fm: FrontMatter): OutlineSymbol {
  const start = fm.range.start.offset;
  const details = [fm.session !== undefined ? `session ${fm.session}` : undefined, fm.client ?? fm.course, fm.date].filter(Boolean);
  const symbol: OutlineSymbol = {
    name: 'Front matter',
    kind: 'front-matter',
    range: fm.range,
    selectionRange: rangeAt(session.lineStarts, start, Math.min(start + 3, fm.range.end.offset)),
    children: [],
  };
  if (details.length > 0) symbol.detail = details.join(' · ');
  return symbol;
}

/** A phase is named after the model (`Middle`), with its subtitle and turn count as detail; other sections by their heading. */
function sectionSymbol(session: Session, section: Section, turns: number): OutlineSymbol {
  const count = `${turns} ${turns === 1 ? 'turn' : 'turns'}`;
  const symbol: OutlineSymbol = {
    name: section.phase?.name ?? (section.title || '(untitled)'),
    detail: section.phase && section.subtitle ? `${section.subtitle} · ${count}` : count,
    kind: section.phase ? 'phase' : 'section',
    range: section.range,
    selectionRange: section.headingRange,
    children: [],
  };
  section.topics.forEach((topic, i) => {
    if (topic.range.start.offset > section.range.end.offset) return; // a `###` after a level-1 heading that closed the section
    symbol.children.push({
      name: topic.title || '(untitled)',
      kind: 'topic',
      range: topicRange(session, section, i),
      selectionRange: topic.range,
      children: [],
    });
  });
  return symbol;
}

/** From a topic's heading to the last non-blank text before the next topic, or to the section's end. */
export function topicRange(session: Session, section: Section, index: number): Range {
  const topic = section.topics[index]!;
  const next = section.topics[index + 1];
  const end = trimEndOffset(session.text, next ? next.range.start.offset : section.range.end.offset, topic.range.end.offset);
  return rangeAt(session.lineStarts, topic.range.start.offset, Math.max(end, topic.range.end.offset));
}

function turnCounts(session: Session): number[] {
  const counts: number[] = [];
  for (const turn of session.turns) if (turn.sectionIndex >= 0) counts[turn.sectionIndex] = (counts[turn.sectionIndex] ?? 0) + 1;
  return counts;
}
