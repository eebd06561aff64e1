import { measuresInForce, measureSpan, type MeasureDefinition } from '../../codebook/measures';
import type { MeasureScore } from '../../model';
import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A measure score that is no number, or a number outside the range its codebook or config declares. */
export const measureOutOfRange: Rule = {
  id: 'measure-out-of-range',
  description:
    'Each score under `measures:` must be a number, and for a measure the codebook or config declares (such as PHQ-9, 0–27), a number within its range.',
  defaultSeverity: 'error',
  codebook: true,
  check({ session, config, codebook, report }) {
    const scores = session.frontMatter?.measures;
    if (!scores) return;
    const declared = measuresInForce(config, codebook);
    for (const score of scores) {
      const measure = declared.find((m) => m.id === score.id);
      const problem = problemOf(score, measure);
      // The value is not quoted: the message says what is wrong with it, the range points at it.
      if (!problem) continue;
      const name = measure ? `'${measure.id}' (${measure.label})` : `'${excerpt(score.id)}'`;
      report({ message: `Measure ${name} ${problem}`, range: score.valueRange ?? score.idRange });
    }
  },
};

const NOT_A_NUMBER: Record<Exclude<MeasureScore['kind'], 'number' | 'empty'>, string> = {
  text: 'text',
  list: 'a list',
  mapping: 'a mapping',
  boolean: 'true or false',
};

function problemOf(score: MeasureScore, measure: MeasureDefinition | undefined): string | undefined {
  const wanted = measure ? `a score from ${measure.min} to ${measure.max}` : 'a number';
  if (score.kind === 'empty') return `has no score; give ${wanted}`;
  if (score.kind !== 'number') return `should be ${wanted}, not ${NOT_A_NUMBER[score.kind]}`;
  if (score.value === undefined) return `should be ${wanted}`;
  if (measure && !(score.value >= measure.min && score.value <= measure.max)) return `is outside its range (${measureSpan(measure)}); give ${wanted}`;
  return undefined;
}
