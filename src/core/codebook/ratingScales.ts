import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { Range, YamlProblem } from '../model';
import { rangeOf, type YamlData } from '../schema/yamlData';

/** Who a rating scale rates. */
export type RatedRole = 'therapist' | 'client';

/** One described point of a rating scale, such as MITI Empathy 4. */
export interface RatingLevel {
  value: number;
  description: string;
}

/** A session rating scale a codebook declares (a MITI or MISC global), whose value a session gives under `ratings:`. */
export interface RatingScale {
  id: string;
  label: string;
  description?: string;
  role: RatedRole;
  min: number;
  max: number;
  /** Whether values are whole numbers; then `levels` describes every one from `min` to `max`. */
  integer: boolean;
  /** Where a coder starts; Rate Session… proposes it first. */
  default?: number;
  /** Whether every session coded with the codebook must give a value. */
  required: boolean;
  /** The described levels, lowest first. */
  levels: RatingLevel[];
  /** The codebook that declares it. */
  codebook: string;
  /** Where its id is written in the codebook file. */
  range?: Range;
}

/** A scale as the codebook schema lets it be written. */
export interface RawRatingScale {
  id: string;
  label: string;
  description?: string;
  role?: RatedRole;
  min: number;
  max: number;
  integer?: boolean;
  default?: number;
  required?: boolean;
  levels: Record<string, string>;
}

/** The scales of a codebook's `ratings:` (already valid by the schema), with every problem the schema cannot see positioned in the file. */
export function readRatingScales(raw: RawRatingScale[], codebook: string, yaml: YamlData, problems: YamlProblem[]): RatingScale[] {
  const scales: RatingScale[] = [];
  raw.forEach((entry, i) => {
    const at = (...path: (string | number)[]): Range => rangeOf(yaml, ['ratings', i, ...path], 'value');
    const range = at('id');
    const first = scales.find((s) => s.id === entry.id);
    if (first) {
      problems.push({ kind: 'type', message: `Rating scale '${entry.id}' is declared twice (first at line ${first.range?.start.line})`, range });
      return;
    }
    const scale = toScale(entry, codebook, range);
    const report = (message: string, where: Range): void =>
      void problems.push({ kind: 'type', message: `Rating scale '${entry.id}': ${message}`, range: where });
    if (scale.min >= scale.max) report(`'min' (${scale.min}) should be below 'max' (${scale.max})`, at('max'));
    else checkScale(scale, yaml, i, at, report);
    scales.push(scale);
  });
  return scales;
}

function toScale(entry: RawRatingScale, codebook: string, range: Range): RatingScale {
  const levels = Object.entries(entry.levels)
    .map(([value, description]) => ({ value: Number(value), description }))
    .sort((a, b) => a.value - b.value);
  const scale: RatingScale = {
    id: entry.id,
    label: entry.label,
    role: entry.role ?? 'therapist',
    min: entry.min,
    max: entry.max,
    integer: entry.integer ?? true,
    required: entry.required ?? false,
    levels,
    codebook,
    range,
  };
  if (entry.description !== undefined) scale.description = entry.description;
  if (entry.default !== undefined) scale.default = entry.default;
  return scale;
}

// The bounds, the default and the levels must be values of the scale, and a whole-number scale describes each of its values.
function checkScale(
  scale: RatingScale,
  yaml: YamlData,
  i: number,
  at: (...path: (string | number)[]) => Range,
  report: (message: string, where: Range) => void,
): void {
  const whole = (value: number): boolean => !scale.integer || Number.isInteger(value);
  const span = `${scale.min} to ${scale.max}`;
  if (!whole(scale.min)) report(`'min' should be a whole number, as the scale is (or set 'integer: false')`, at('min'));
  if (!whole(scale.max)) report(`'max' should be a whole number, as the scale is (or set 'integer: false')`, at('max'));
  if (scale.default !== undefined && (!onScale(scale, scale.default) || !whole(scale.default)))
    report(`'default' should be a value of the scale (${span})`, at('default'));
  const keys = levelKeys(yaml, i);
  for (const level of scale.levels) {
    if (onScale(scale, level.value) && whole(level.value)) continue;
    report(`level ${level.value} is not a value of the scale (${scale.integer ? 'whole numbers ' : ''}${span})`, keys.get(level.value) ?? at('levels'));
  }
  if (!scale.integer || !Number.isInteger(scale.min) || !Number.isInteger(scale.max)) return;
  const described = new Set(scale.levels.map((l) => l.value));
  const missing: number[] = [];
  for (let value = scale.min; value <= scale.max && missing.length <= MAX_LISTED; value++) if (!described.has(value)) missing.push(value);
  if (missing.length === 0) return;
  const listed = missing.length > MAX_LISTED ? `${missing.slice(0, MAX_LISTED).join(', ')} and more` : missing.join(', ');
  report(`'levels' should describe every value from ${span}; ${listed} ${missing.length === 1 ? 'is' : 'are'} missing`, keyRange(yaml, i) ?? at('levels'));
}

const MAX_LISTED = 10;

/** Whether `value` lies within the scale's bounds. */
export function onScale(scale: Pick<RatingScale, 'min' | 'max'>, value: number): boolean {
  return value >= scale.min && value <= scale.max;
}

// Level keys are numbers in YAML (`3:`), which the schema paths (strings) cannot find: the ranges are read from the nodes.
function levelKeys(yaml: YamlData, i: number): Map<number, Range> {
  const keys = new Map<number, Range>();
  const node = yaml.doc?.getIn(['ratings', i, 'levels'], true);
  if (!isMap(node)) return keys;
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    keys.set(Number(pair.key.value), yaml.toRange(pair.key.range[0], pair.key.range[1]));
  }
  return keys;
}

// The `levels` key itself, so a finding about the whole list underlines one word, not the list.
function keyRange(yaml: YamlData, i: number): Range | undefined {
  const node = yaml.doc?.getIn(['ratings', i], true);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'levels');
  const key = pair?.key as Node | undefined;
  return key?.range ? yaml.toRange(key.range[0], key.range[1]) : undefined;
}

/** The level that describes `value`: the level of that value, else (on a scale that is not whole numbers) the anchors on either side. */
export function levelOf(scale: RatingScale, value: number): { level?: RatingLevel; below?: RatingLevel; above?: RatingLevel } {
  const level = scale.levels.find((l) => l.value === value);
  if (level) return { level };
  const below = [...scale.levels].reverse().find((l) => l.value < value);
  const above = scale.levels.find((l) => l.value > value);
  return { ...(below ? { below } : {}), ...(above ? { above } : {}) };
}

/** `1–5`, or `0–10 (any number)` for a scale that is not whole numbers. */
export function scaleSpan(scale: Pick<RatingScale, 'min' | 'max' | 'integer'>): string {
  return `${scale.min}–${scale.max}${scale.integer ? '' : ' (any number)'}`;
}

/** Merges the scales of several codebooks in precedence order: the first to declare an id wins. */
export function mergeRatingScales(lists: readonly (readonly RatingScale[] | undefined)[]): RatingScale[] {
  const merged: RatingScale[] = [];
  for (const list of lists) for (const scale of list ?? []) if (!merged.some((s) => s.id === scale.id)) merged.push(scale);
  return merged;
}
