import type { Range, YamlProblem } from '../model';
import { rangeOf, type YamlData } from '../schema/yamlData';

/** A clinical measure (a questionnaire such as PHQ-9) that a codebook or config declares, whose score a session gives under `measures:`. */
export interface MeasureDefinition {
  id: string;
  label: string;
  description?: string;
  /** The paper the range and cut-offs come from. */
  source?: string;
  min: number;
  max: number;
  /** The scores at which each band above the first starts, ascending. */
  cutoffs: number[];
  /** The band names, lowest first: one more than the cut-offs, or none. */
  bands: string[];
  /** The codebook or config file that declares it. */
  declaredIn: string;
  /** Where its id is written there. */
  range?: Range;
}

/** A measure as the codebook and config schemas let it be written. */
export interface RawMeasure {
  id: string;
  label: string;
  description?: string;
  source?: string;
  min: number;
  max: number;
  cutoffs?: number[];
  bands?: string[];
}

/** One band of a measure's range: scores from `from` up to (not including) `to`, or up to `max` for the last band. */
export interface MeasureBand {
  /** The band's name, or `below 5`, `5 and above` when the declaration names none. */
  name: string;
  from: number;
  to: number;
}

/** The measures of a `measures:` list (already valid by the schema), with every problem the schema cannot see positioned in the file. */
export function readMeasures(raw: readonly RawMeasure[], declaredIn: string, yaml: YamlData, problems: YamlProblem[]): MeasureDefinition[] {
  const measures: MeasureDefinition[] = [];
  raw.forEach((entry, i) => {
    const at = (...path: (string | number)[]): Range => rangeOf(yaml, ['measures', i, ...path], 'value');
    const report = (message: string, where: Range): void => void problems.push({ kind: 'type', message: `Measure '${entry.id}': ${message}`, range: where });
    const first = measures.find((m) => m.id === entry.id);
    if (first) {
      problems.push({ kind: 'type', message: `Measure '${entry.id}' is declared twice (first at line ${first.range?.start.line})`, range: at('id') });
      return;
    }
    const cutoffs = entry.cutoffs ?? [];
    const bands = entry.bands ?? [];
    if (entry.min >= entry.max) report(`'min' (${entry.min}) should be below 'max' (${entry.max})`, at('max'));
    const misplaced = cutoffs.findIndex((c, k) => c <= entry.min || c > entry.max || (k > 0 && c <= cutoffs[k - 1]!));
    if (misplaced >= 0) report(`'cutoffs' should rise, each above 'min' (${entry.min}) and at most 'max' (${entry.max})`, at('cutoffs', misplaced));
    if (bands.length > 0 && bands.length !== cutoffs.length + 1)
      report(`'bands' should name ${cutoffs.length + 1} bands, one more than the cut-offs, not ${bands.length}`, at('bands'));
    const measure: MeasureDefinition = {
      id: entry.id,
      label: entry.label,
      min: entry.min,
      max: entry.max,
      cutoffs: [...cutoffs],
      bands: [...bands],
      declaredIn,
      range: at('id'),
    };
    if (entry.description !== undefined) measure.description = entry.description;
    if (entry.source !== undefined) measure.source = entry.source;
    measures.push(measure);
  });
  return measures;
}

/** Merges lists of measures in precedence order: the first to declare an id wins. */
export function mergeMeasures(lists: readonly (readonly MeasureDefinition[] | undefined)[]): MeasureDefinition[] {
  const merged: MeasureDefinition[] = [];
  for (const list of lists) for (const measure of list ?? []) if (!merged.some((m) => m.id === measure.id)) merged.push(measure);
  return merged;
}

/** The measures in force for a session: the config's first (a project may redefine a measure), then the codebook's and its libraries'. */
export function measuresInForce(
  config: { measures?: readonly MeasureDefinition[] },
  codebook: { measures?: readonly MeasureDefinition[] } | undefined,
): MeasureDefinition[] {
  return mergeMeasures([config.measures, codebook?.measures]);
}

/** The bands of a measure's range, lowest first; a measure without cut-offs has one band, its whole range. */
export function measureBands(measure: Pick<MeasureDefinition, 'min' | 'max' | 'cutoffs' | 'bands'>): MeasureBand[] {
  const edges = [measure.min, ...measure.cutoffs, measure.max];
  return edges.slice(0, -1).map((from, k) => {
    const to = edges[k + 1]!;
    return { name: measure.bands[k] ?? (k === 0 ? `below ${to}` : `${from} and above`), from, to };
  });
}

/** The band a score falls in (a score at a cut-off starts the band above it), or undefined outside the range. */
export function bandOf(measure: Pick<MeasureDefinition, 'min' | 'max' | 'cutoffs' | 'bands'>, score: number): MeasureBand | undefined {
  if (!(score >= measure.min && score <= measure.max)) return undefined;
  const bands = measureBands(measure);
  return bands.find((b, k) => score < b.to || k === bands.length - 1);
}

/** `0–27`: the range a measure's scores lie in. */
export function measureSpan(measure: Pick<MeasureDefinition, 'min' | 'max'>): string {
  return `${measure.min}–${measure.max}`;
}
