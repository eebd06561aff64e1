import { onScale, type RatingScale } from '../../codebook/ratingScales';
import type { Rating } from '../../model';
import type { Rule } from '../types';

/** A session rating that is not a value of its scale: no number, outside the bounds, or between the whole numbers of a whole-number scale. */
export const ratingOutOfScale: Rule = {
  id: 'rating-out-of-scale',
  description:
    'Each rating under `ratings:` must be a value of its scale: a number from its minimum to its maximum, and a whole number on a whole-number scale.',
  defaultSeverity: 'error',
  codebook: true,
  check({ session, codebook, report }) {
    const ratings = session.frontMatter?.ratings;
    if (!codebook?.ratings || !ratings) return;
    for (const rating of ratings) {
      const scale = codebook.ratings.find((s) => s.id === rating.id);
      const problem = scale && problemOf(rating, scale);
      // The value is not quoted: the message says what is wrong with it, the range points at it.
      if (problem) report({ message: `Rating '${scale.id}' (${scale.label}) ${problem}`, range: rating.valueRange ?? rating.idRange });
    }
  },
};

const NOT_A_NUMBER: Record<Exclude<Rating['kind'], 'number' | 'empty'>, string> = {
  text: 'text',
  list: 'a list',
  mapping: 'a mapping',
  boolean: 'true or false',
};

function problemOf(rating: Rating, scale: RatingScale): string | undefined {
  const wanted = `${scale.integer ? 'a whole number' : 'a number'} from ${scale.min} to ${scale.max}`;
  if (rating.kind === 'empty') return `has no value; give ${wanted}`;
  if (rating.kind !== 'number') return `should be ${wanted}, not ${NOT_A_NUMBER[rating.kind]}`;
  if (rating.value === undefined) return `should be ${wanted}`;
  if (!onScale(scale, rating.value)) return `is outside its scale; give ${wanted}`;
  if (scale.integer && !Number.isInteger(rating.value)) return `should be ${wanted}: the scale has no values between whole numbers`;
  return undefined;
}
