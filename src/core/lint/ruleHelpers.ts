import type { PhaseModel, Range, Session } from '../model';
import { rangeAt, trimEndOffset } from '../text/lines';

// A message lists a few names, each cut short, so that thousands of declared goals or long ids
// do not make every finding (and the report) as long as the front matter.
const LISTED_NAMES = 10;
const LISTED_LENGTH = 64;

/** `a, b, c` for messages (the first ten, then `and 12 more`), or `none`. */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, LISTED_NAMES).map((n) => (n.length > LISTED_LENGTH ? `${n.slice(0, LISTED_LENGTH - 1)}…` : n));
  return names.length > LISTED_NAMES ? `${shown.join(', ')} and ${names.length - LISTED_NAMES} more` : shown.join(', ');
}

/** `default model (Beginning, Middle, Termination)` for messages. */
export function describeModel(model: PhaseModel): string {
  const names = listNames(model.phases.map((p) => p.name));
  return model.id === 'custom' ? `phase list (${names})` : `'${model.id}' phase model (${names})`;
}

/** A range that covers the first line of a longer range, so editors underline one line, not a page. */
export function firstLineOf(session: Session, range: Range): Range {
  if (range.start.line === range.end.line) return range;
  const next = session.lineStarts[range.start.line] ?? session.text.length;
  let end = next - 1;
  if (end > range.start.offset && session.text.charCodeAt(end - 1) === 13) end--;
  return rangeAt(session.lineStarts, range.start.offset, Math.max(end, range.start.offset));
}

/** A range without the whitespace and line breaks it ends with (YAML ranges often run to the next line). */
export function trimRange(session: Session, range: Range): Range {
  const end = trimEndOffset(session.text, range.end.offset, range.start.offset);
  return end === range.end.offset ? range : rangeAt(session.lineStarts, range.start.offset, end);
}
