import type { Parent, RootContent } from 'mdast';
import type { Range, Session } from '../model';
import { lineText } from '../text/lines';
import { topicRange } from './outline';
import type { Fold } from './types';

// The markers of language-configuration.json (`folding.markers`), which VS Code only applies when no provider folds.
const REGION_START = /^\s*<!--\s*#?region\b.*-->/;
const REGION_END = /^\s*<!--\s*#?endregion\b.*-->/;

/** Folding regions: the front matter, each level-2 section, each topic, each memo of two lines or more, and `<!-- region -->` … `<!-- endregion -->`. */
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
  folds.push(...regionFolds(session));
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Region folds from HTML comment lines with the region markers, nested; unmatched markers fold nothing. */
function regionFolds(session: Session): Fold[] {
  const folds: Fold[] = [];
  const open: number[] = [];
  // Markers are HTML blocks, so a marker-like line in a code block or the front matter is not one.
  const visit = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'html' && node.position) {
        for (let line = node.position.start.line; line <= node.position.end.line; line++) {
          const text = lineText(session.text, session.lineStarts, line);
          if (REGION_START.test(text)) open.push(line);
          else if (REGION_END.test(text) && open.length > 0) {
            const startLine = open.pop()!;
            if (line > startLine) folds.push({ startLine, endLine: line, kind: 'region' });
          }
        }
      } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
        visit((node as Parent).children);
      }
    }
  };
  visit(session.mdast.children);
  return folds;
}
