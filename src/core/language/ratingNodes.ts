import type { Codebook } from '../codebook/codebook';
import { levelOf, onScale, scaleSpan, type RatingScale } from '../codebook/ratingScales';
import type { Range, Rating, Session } from '../model';
import { joinMarkdown, markdown, markdownCode, type Markdown } from '../text/markdown';
import { levelList, scaleFacts } from './ratingHover';

// The Ratings group of the Current Session tree: one entry per scale of the codebook, rated or
// not, then the keys under `ratings:` that are no scale of it.

/** A scale of the session's codebook and what the session gives for it, or a rating that fits no scale. */
export interface SessionRating {
  id: string;
  scale?: RatingScale;
  /** The entry under `ratings:`, when there is one. */
  written?: Rating;
  /** `rated` with a value of the scale; `missing` when not given; `invalid` when the value is none of the scale's; `unknown` when the codebook has no such scale. */
  status: 'rated' | 'missing' | 'invalid' | 'unknown';
}

/** The session's ratings against the codebook's scales, in the codebook's order, then the unknown ones as written. */
export function sessionRatings(session: Session, codebook: Pick<Codebook, 'ratings'> | undefined): SessionRating[] {
  const written = session.frontMatter?.ratings ?? [];
  const scales = codebook?.ratings ?? [];
  const rows: SessionRating[] = scales.map((scale) => {
    const rating = written.find((r) => r.id === scale.id);
    if (!rating) return { id: scale.id, scale, status: 'missing' };
    return { id: scale.id, scale, written: rating, status: isValue(scale, rating.value) ? 'rated' : 'invalid' };
  });
  for (const rating of written) if (!scales.some((s) => s.id === rating.id)) rows.push({ id: rating.id, written: rating, status: 'unknown' });
  return rows;
}

function isValue(scale: RatingScale, value: number | undefined): value is number {
  return value !== undefined && onScale(scale, value) && (!scale.integer || Number.isInteger(value));
}

/** `3/4 rated`: the scales given a value of their own, out of the codebook's scales. */
export function ratingsDescription(rows: readonly SessionRating[]): string {
  const scales = rows.filter((r) => r.scale).length;
  const rated = rows.filter((r) => r.status === 'rated').length;
  return scales === 0 ? `${rows.length} not in the codebook` : `${rated}/${scales} rated`;
}

/** What a rating's node shows: the scale's label, the value (or why there is none), the level's description and where a click goes. */
export function ratingView(
  row: SessionRating,
  session: Session,
  codebook: Pick<Codebook, 'name'> | undefined,
): { label: string; description: string; tooltip: Markdown; reveal?: Range } {
  const reveal = row.written ? (row.written.valueRange ?? row.written.idRange) : session.frontMatter?.keyRanges.get('ratings')?.key;
  const base = { label: row.scale?.label ?? row.id, ...(reveal ? { reveal } : {}) };
  const scale = row.scale;
  if (!scale)
    return {
      ...base,
      description: 'not a scale of the codebook',
      tooltip: markdown`${markdownCode(row.id)} is not a rating scale of the codebook${codebook ? markdown` ${codebook.name}` : markdown``}.`,
    };
  const facts = codebook ? scaleFacts(scale, codebook) : markdown``;
  const heading = (state: Markdown): Markdown => markdown`**${scale.label}** (${markdownCode(scale.id)}): ${state}`;
  if (row.status === 'rated') {
    const value = row.written!.value!;
    const { level, below, above } = levelOf(scale, value);
    const meaning = level ? [level] : [below, above].filter((l) => l !== undefined);
    const levels = joinMarkdown(
      meaning.map((l) => markdown`**${String(l.value)}**: ${l.description}`),
      '\n\n',
    );
    return {
      ...base,
      description: `${value} (${scaleSpan(scale)})`,
      tooltip: joinMarkdown([heading(markdown`${String(value)} on a scale of ${scaleSpan(scale)}`), levels, facts], '\n\n'),
    };
  }
  const description = row.status === 'missing' ? `not rated${scale.required ? ' · required' : ''}` : 'not a value of the scale';
  return { ...base, description, tooltip: joinMarkdown([heading(markdown`${description}, ${scaleSpan(scale)}`), levelList(scale), facts], '\n\n') };
}
