import type { Heading, Node, Parent } from 'mdast';
import type { CodeAnnotation, Goal, GoalReference, Range, Session, Turn } from '../model';
import { lineText, positionAt } from '../text/lines';
import { isSetextTurn } from '../parse/sections';
import { turnAt } from './cursor';

// Helpers shared by the language features: what sits at an offset.

/** What a goal or code annotation under the cursor is. */
export type Annotation =
  { kind: 'code'; turn: Turn; code: CodeAnnotation } | { kind: 'goal'; turn: Turn; ref: GoalReference } | { kind: 'goal-definition'; goal: Goal };

/** The line holding `offset`: its 1-based number, its start offset and its text without the line ending. */
export function lineAround(session: Session, offset: number): { line: number; start: number; text: string } {
  const line = positionAt(session.lineStarts, offset).line;
  return { line, start: session.lineStarts[line - 1]!, text: lineText(session.text, session.lineStarts, line) };
}

const BLOCKING = new Set(['yaml', 'code', 'html', 'heading']);

/** Whether `offset` is inside the front matter, a code block, HTML, a heading or inline code, where nothing is completed. */
export function isInsideNonTranscript(session: Session, offset: number): boolean {
  // The front matter range also covers one that is never closed, which Markdown reads as text.
  const fm = session.frontMatter?.range;
  if (fm && fm.start.offset <= offset && offset <= fm.end.offset) return true;
  const visit = (node: Node): boolean => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (node.type === 'inlineCode') return start < offset && offset < end;
    if (offset < start || offset > end) return false;
    // Turns with `---` right under them are turns, though Markdown makes them a heading.
    if (
      node.type === 'heading' &&
      isSetextTurn({ text: session.text, lineStarts: session.lineStarts, speakers: new Map(session.speakers.map((s) => [s.label, s])) }, node as Heading)
    ) {
      return (node as Parent).children.some(visit);
    }
    if (BLOCKING.has(node.type)) return true;
    return 'children' in node && (node as Parent).children.some(visit);
  };
  return session.mdast.children.some(visit);
}

function contains(range: Range, offset: number, inclusiveEnd: boolean): boolean {
  return range.start.offset <= offset && (inclusiveEnd ? offset <= range.end.offset : offset < range.end.offset);
}

// With `cursor`, the end of a range counts (a caret right after `}`) and a code's note does not.
/** The code, goal reference or front-matter goal id at `offset` (a hover position, or a caret with `cursor`). */
export function annotationAt(session: Session, offset: number, cursor: boolean): Annotation | undefined {
  const turn = turnAt(session, offset);
  if (turn) {
    for (const ref of turn.goals) if (contains(ref.range, offset, cursor)) return { kind: 'goal', turn, ref };
    for (const code of turn.codes) {
      if (!contains(code.range, offset, cursor)) continue;
      if (cursor && code.note !== undefined && offset > code.idRange.end.offset) return undefined;
      return { kind: 'code', turn, code };
    }
    return undefined;
  }
  for (const goal of session.frontMatter?.goals ?? []) if (contains(goal.idRange, offset, cursor)) return { kind: 'goal-definition', goal };
  return undefined;
}

/** The range of a front-matter goal id without the quotes it may be written in. */
export function unquotedIdRange(session: Session, goal: Goal): Range {
  const { start, end } = goal.idRange;
  const first = session.text.charAt(start.offset);
  if ((first !== '"' && first !== "'") || end.offset - start.offset < 2) return goal.idRange;
  const inner = (p: typeof start, delta: number) => ({ line: p.line, column: p.column + delta, offset: p.offset + delta });
  return { start: inner(start, 1), end: inner(end, -1) };
}

/** The name of a turn's section as people say it: the phase's name, or the heading as written. */
export function sectionName(session: Session, turn: Turn): string | undefined {
  const section = session.sections[turn.sectionIndex];
  return section ? (section.phase?.name ?? section.title) : undefined;
}
