import { onScale, scaleSpan, type RatingScale } from '../codebook/ratingScales';
import { addFrontMatterEntry } from '../lint/frontMatterEdits';
import type { Range, Session, TextEdit } from '../model';
import { rangeAt } from '../text/lines';

// What "Rate Session…" offers and writes, as plain data: the extension shows the choices in
// quick picks and applies the edits.

/** One choice for a scale in Rate Session…: a level, another value (on a scale of any number), or leaving the scale as it is. */
export interface RatingChoice {
  kind: 'level' | 'other' | 'skip';
  value?: number;
  label: string;
  description?: string;
  detail?: string;
  /** The choice the pick starts on: the current value, else where coders start, else the middle level. */
  active: boolean;
}

/** The choices for one scale, given the session's current value for it (if it is a value of the scale). */
export function ratingChoices(scale: RatingScale, current: number | undefined): RatingChoice[] {
  const start = current ?? scale.default ?? scale.levels[Math.floor((scale.levels.length - 1) / 2)]?.value;
  const choices: RatingChoice[] = scale.levels.map((level) => {
    const notes = [...(level.value === current ? ['current'] : []), ...(level.value === scale.default ? ['where coders start'] : [])];
    return {
      kind: 'level',
      value: level.value,
      label: String(level.value),
      ...(notes.length ? { description: notes.join(' · ') } : {}),
      detail: level.description,
      active: level.value === start,
    };
  });
  if (!scale.integer) {
    const described = current !== undefined && scale.levels.some((l) => l.value === current);
    choices.push({
      kind: 'other',
      label: 'Another value…',
      description: `any number from ${scale.min} to ${scale.max}${current !== undefined && !described ? ` · current ${current}` : ''}`,
      active: current !== undefined && !described,
    });
  }
  const keep = current === undefined ? 'leave it unrated' : `keep ${current}`;
  choices.push({ kind: 'skip', label: 'Skip', description: keep, active: false });
  if (!choices.some((c) => c.active)) choices[0]!.active = true;
  return choices;
}

/** Why `text` is not a value of the scale, for an input box; undefined when it is one. */
export function ratingValueProblem(scale: RatingScale, text: string): string | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return `Type a number from ${scale.min} to ${scale.max}.`;
  if (!onScale(scale, value)) return `${scale.label} goes from ${scale.min} to ${scale.max}.`;
  if (scale.integer && !Number.isInteger(value)) return `${scale.label} takes whole numbers (${scaleSpan(scale)}).`;
  return undefined;
}

/** The session's value for a scale, when it is a value of the scale. */
export function currentRating(session: Session, scale: RatingScale): number | undefined {
  const value = session.frontMatter?.ratings?.find((r) => r.id === scale.id)?.value;
  return value !== undefined && ratingValueProblem(scale, String(value)) === undefined ? value : undefined;
}

/**
 * The edits that write `values` (scale id → value) under `ratings:`: a value already written is
 * replaced where it stands (its comment stays), a rating not written yet is added at the end of the
 * block (creating `ratings:`, or the front matter, if needed). Nothing else is touched. A problem
 * instead when the front matter cannot be edited safely.
 */
export function ratingEdits(session: Session, values: ReadonlyMap<string, number>): { edits: TextEdit[] } | { problem: string } {
  const fm = session.frontMatter;
  if (fm?.problems.some((p) => p.kind === 'syntax'))
    return { problem: 'The front matter cannot be read; fix the problem the Problems panel shows there, then rate again.' };
  if (fm?.keyRanges.has('ratings') && !fm.ratings)
    return { problem: "'ratings:' in the front matter is not a mapping of scale ids to numbers; correct it, then rate again." };
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const [id, value] of values) {
    const written = fm?.ratings?.find((r) => r.id === id);
    const text = String(value);
    if (!written) added.push(`${id}: ${text}`);
    else if (written.valueRange) {
      if (session.text.slice(written.valueRange.start.offset, written.valueRange.end.offset) !== text) edits.push({ range: written.valueRange, newText: text });
    } else edits.push(afterColon(session, written.idRange, text));
  }
  if (added.length > 0) {
    const edit = addFrontMatterEntry(session, 'ratings', added) ?? addToFlowMapping(session, added);
    if (!edit) return { problem: "'ratings:' is written in a form new ratings cannot be added to; add them by hand." };
    edits.push(edit);
  }
  return { edits: joinTouching(edits) };
}

// `empathy:` with nothing after it: the value goes right after the colon, before any comment.
function afterColon(session: Session, idRange: Range, text: string): TextEdit {
  const colon = /^["']?[ \t]*:/.exec(session.text.slice(idRange.end.offset));
  const at = idRange.end.offset + (colon?.[0].length ?? 0);
  return { range: rangeAt(session.lineStarts, at, at), newText: ` ${text}` };
}

// `ratings: { empathy: 4 }`: the new entries go after the last one, inside the braces.
function addToFlowMapping(session: Session, entries: string[]): TextEdit | undefined {
  const value = session.frontMatter?.keyRanges.get('ratings')?.value;
  if (!value || session.text.charAt(value.start.offset) !== '{') return undefined;
  const close = session.text.lastIndexOf('}', value.end.offset);
  if (close <= value.start.offset) return undefined;
  const last = session.frontMatter!.ratings!.at(-1);
  const at = last ? last.range.end.offset : close;
  const text = last ? `, ${entries.join(', ')}` : entries.join(', ');
  return { range: rangeAt(session.lineStarts, at, at), newText: text };
}

// A replaced value at the end of the block and the entries added right after it touch: one edit, so no editor has to order them.
function joinTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const joined: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = joined.at(-1);
    if (previous && previous.range.end.offset === edit.range.start.offset) {
      joined[joined.length - 1] = { range: { start: previous.range.start, end: edit.range.end }, newText: previous.newText + edit.newText };
    } else joined.push(edit);
  }
  return joined;
}
