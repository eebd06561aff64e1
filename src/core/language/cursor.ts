import type { Section, Session, Turn } from '../model';
import type { CursorContext } from './types';

/** The index of the last turn that starts at or before `offset`, or -1 before the first turn. */
export function turnIndexBefore(session: Session, offset: number): number {
  const turns = session.turns;
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.range.start.offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The turn whose source contains `offset` (its end included, where a cursor sits after the last word). */
export function turnAt(session: Session, offset: number): Turn | undefined {
  const turn = session.turns[turnIndexBefore(session, offset)];
  return turn && offset <= turn.range.end.offset ? turn : undefined;
}

/** The section containing `offset`, or else the last one whose heading starts before it. */
export function sectionAt(session: Session, offset: number): Section | undefined {
  let before: Section | undefined;
  for (const section of session.sections) {
    if (section.range.start.offset > offset) break;
    if (offset <= section.range.end.offset) return section;
    before = section;
  }
  return before;
}

/** Where the cursor is: its section, its turn (or the turn before it, between turns) and the number of turns. */
export function cursorContext(session: Session, offset: number): CursorContext {
  const context: CursorContext = { totalTurns: session.turns.length };
  const section = sectionAt(session, offset);
  if (section) context.section = section;
  const turn = session.turns[turnIndexBefore(session, offset)];
  if (turn) context.turn = turn;
  return context;
}
