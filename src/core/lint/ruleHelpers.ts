import type { Range, Session } from '../model';
import { excerpt } from '../text/excerpt';
import { rangeAt, trimEndOffset } from '../text/lines';

// Messages show text from the transcript only through `excerpt` (see docs/confidentiality.md);
// names from a codebook, a built-in phase model or the config are vocabulary, shown as they are.
// A message lists a few names, each cut short, so that thousands of declared goals or long ids
// do not make every finding (and the report) as long as the front matter.
const LISTED_NAMES = 10;
const LISTED_LENGTH = 64;

const shorten = (name: string): string => (name.length > LISTED_LENGTH ? `${name.slice(0, LISTED_LENGTH - 1)}…` : name);

/** `a, b, c` for messages (each shown through `show`; ten at most, then `and 3 more`), or `none`. */
export function listNames(names: readonly string[], show: (name: string) => string = shorten): string {
  if (names.length === 0) return 'none';
  const listed = names.slice(0, LISTED_NAMES).map(show).join(', ');
  return names.length > LISTED_NAMES ? `${listed} and ${names.length - LISTED_NAMES} more` : listed;
}

/** A phase name as a message shows it: as it is from a built-in model or the config, masked when the session's own front matter lists its phases. */
export function phaseName(session: Session, name: string): string {
  return Array.isArray(session.frontMatter?.phases) ? excerpt(name) : shorten(name);
}

/** `'default' phase model (Beginning, Middle, Termination)` for messages. */
export function describeModel(session: Session): string {
  const model = session.phaseModel;
  const names = listNames(
    model.phases.map((p) => p.name),
    (name) => phaseName(session, name),
  );
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
