import type { Range, Session } from '../model';
import { topicRange } from './outline';
import type { Fold } from './types';

/** Folding regions: the front matter, each level-2 section, each topic and each memo of two lines or more. */
export function foldingRanges(session: Session): Fold[] {
  const folds: Fold[] = [];
  const add = (range: Range, kind: Fold['kind']): void => {
    if (range.end.line > range.start.line) folds.push({ startLine: range.start.line, endLine: range.end.line, kind });
  };
  if (session.frontMatter) add(session.frontMatter.range, 'front-matter');
  for (const section of session.sections) {
    // The section range already ends at its last non-blank character, so its end line is the last non-blank line.
    add(section.range, 'phase');
    section.topics.forEach((topic, i) => {
      if (topic.range.start.offset <= section.range.end.offset) add(topicRange(session, section, i), 'topic');
    });
  }
  for (const turn of session.turns) for (const memo of turn.memos) add(memo.range, 'memo');
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
