import type { Range, YamlProblem } from '../model';
import { rangeOf, type YamlData } from '../schema/yamlData';

// The summary scores a codebook declares under `summary:` (docs/format.md#summary-scores): each is
// a sum, a mean or a ratio of named terms, and a term is a count the codebook names under
// `scores:` (such as `questions`) or one of its rating scales (such as `empathy`). That is all the
// manuals need (MITI 4.2.1's Technical is a mean of two globals, R:Q a ratio of two counts) and
// nothing is evaluated: a formula is data, and its cost is one addition per term.

/** A formula: the sum of its terms, their mean, or the sum of some over the sum of others. */
export type SummaryFormula = { sum: string[] } | { mean: string[] } | { numerator: string[]; denominator: string[] };

/** The fair and good thresholds of a score, in the unit it is shown in (40 for 40 %); higher is better. */
export interface ScoreThresholds {
  fair: number;
  good: number;
}

/** A summary score a codebook declares, such as MITI's Relational or R:Q. */
export interface SummaryScoreDefinition {
  id: string;
  label: string;
  description?: string;
  formula: SummaryFormula;
  /** Whether the value is shown as a percentage (a ratio × 100, thresholds in percent). */
  percent: boolean;
  /** Decimals shown; the value itself is kept whole. */
  decimals: number;
  thresholds?: ScoreThresholds;
  /** Where its id is written in the codebook file. */
  range?: Range;
}

/** A score as the codebook schema lets it be written. */
export interface RawSummaryScore {
  id: string;
  label: string;
  description?: string;
  sum?: string[];
  mean?: string[];
  numerator?: string[];
  denominator?: string[];
  percent?: boolean;
  decimals?: number;
  thresholds?: ScoreThresholds;
}

/** What a session can be required to give, under a codebook's `requires:`. */
export const REQUIREMENTS = ['changeGoal'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** The names a formula may use: the codebook's counts (`scores:` keys) and rating scale ids. */
export interface FormulaNames {
  counts: ReadonlySet<string>;
  ratings: ReadonlySet<string>;
}

/** The scores of a codebook's `summary:` (already valid by the schema), with every problem the schema cannot see positioned in the file. */
export function readSummaryScores(raw: readonly RawSummaryScore[], names: FormulaNames, yaml: YamlData, problems: YamlProblem[]): SummaryScoreDefinition[] {
  const definitions: SummaryScoreDefinition[] = [];
  raw.forEach((entry, i) => {
    const at = (...path: (string | number)[]): Range => rangeOf(yaml, ['summary', i, ...path], 'value');
    const report = (message: string, range: Range): void => void problems.push({ kind: 'type', message, range });
    const first = definitions.find((d) => d.id === entry.id);
    if (first) return report(`Summary score '${entry.id}' is declared twice (first at line ${first.range?.start.line})`, at('id'));
    const formula = formulaOf(entry);
    if (!formula) return report(`Summary score '${entry.id}' needs exactly one formula: 'sum', 'mean', or 'numerator' with 'denominator'`, at());
    for (const part of ['sum', 'mean', 'numerator', 'denominator'] as const) {
      entry[part]?.forEach((term, k) => {
        const problem = termProblem(term, names);
        if (problem) report(`Summary score '${entry.id}' uses '${term}', which ${problem}`, at(part, k));
      });
    }
    const { thresholds } = entry;
    if (thresholds && thresholds.fair > thresholds.good)
      report(
        `Summary score '${entry.id}': the 'fair' threshold (${thresholds.fair}) should not be above the 'good' one (${thresholds.good})`,
        at('thresholds', 'fair'),
      );
    definitions.push(toDefinition(entry, formula, at('id')));
  });
  return definitions;
}

function formulaOf(entry: RawSummaryScore): SummaryFormula | undefined {
  const { sum, mean, numerator, denominator } = entry;
  const ratio = numerator !== undefined || denominator !== undefined;
  if ([sum !== undefined, mean !== undefined, ratio].filter(Boolean).length !== 1) return undefined;
  if (sum) return { sum: [...sum] };
  if (mean) return { mean: [...mean] };
  return numerator && denominator ? { numerator: [...numerator], denominator: [...denominator] } : undefined;
}

// A name that could be both would make the formula ambiguous; one that is neither, a typo.
function termProblem(term: string, names: FormulaNames): string | undefined {
  const count = names.counts.has(term);
  const rating = names.ratings.has(term);
  if (count && rating) return `is both a count under 'scores:' and a rating scale; rename the scale`;
  return count || rating ? undefined : `is neither a count under 'scores:' nor a rating scale of this codebook`;
}

function toDefinition(entry: RawSummaryScore, formula: SummaryFormula, range: Range): SummaryScoreDefinition {
  const percent = entry.percent ?? false;
  const definition: SummaryScoreDefinition = {
    id: entry.id,
    label: entry.label,
    formula,
    percent,
    decimals: entry.decimals ?? defaultDecimals(formula, percent),
    range,
  };
  if (entry.description !== undefined) definition.description = entry.description;
  if (entry.thresholds !== undefined) definition.thresholds = { fair: entry.thresholds.fair, good: entry.thresholds.good };
  return definition;
}

// Counts add up to whole numbers and percentages read well whole; ratios and means need a decimal (R:Q 1.5, Relational 3.5).
function defaultDecimals(formula: SummaryFormula, percent: boolean): number {
  return percent || 'sum' in formula ? 0 : 1;
}

/** Every term a formula names, once each, in order. */
export function formulaTerms(formula: SummaryFormula): string[] {
  const all = 'sum' in formula ? formula.sum : 'mean' in formula ? formula.mean : [...formula.numerator, ...formula.denominator];
  return [...new Set(all)];
}
