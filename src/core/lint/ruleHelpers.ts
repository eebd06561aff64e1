import type { PhaseModel, Range, Session } from '../model';
import { rangeAt, trimEndOffset } from '../text/lines';

/** `a, b, c` for messages, or `none`. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/** `default model (Beginning, Middle, Termination)` for messages. */
export function describeModel(model: PhaseModel): string {
  const names = model.phases.map((p) => p.name).join(', ');
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
