import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Rating } from '../model';
import type { YamlData } from '../schema/yamlData';

/** The entries of the front matter's `ratings:` mapping, with the positions of each key and value; none for `ratings:` with nothing after it, undefined without a mapping. */
export function readRatings(yaml: YamlData): Rating[] | undefined {
  return readScoreMapping(yaml, 'ratings');
}

/** The entries of a front matter mapping of scores (`ratings:`, `measures:`), read as `readRatings` reads ratings. */
export function readScoreMapping(yaml: YamlData, key: string): Rating[] | undefined {
  const node = yaml.doc?.get(key, true);
  // `ratings:` written, the values still to come.
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) return undefined;
  const ratings: Rating[] = [];
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    const key = pair.key.range;
    const value = pair.value as Node | null;
    const idRange = yaml.toRange(key[0], key[1]);
    // `empathy:` with nothing after it has a value node of no width; the entry is then its key.
    const valueRange = value?.range && value.range[1] > value.range[0] ? yaml.toRange(value.range[0], value.range[1]) : undefined;
    // An alias (`*usual`) stands for the value of its anchor.
    const resolved = isAlias(value) && yaml.doc ? ((value.resolve(yaml.doc) as Node | undefined) ?? null) : value;
    const rating: Rating = { id: String(pair.key.value), kind: kindOf(resolved), idRange, range: { start: idRange.start, end: (valueRange ?? idRange).end } };
    if (valueRange) rating.valueRange = valueRange;
    if (isScalar(resolved) && typeof resolved.value === 'number' && Number.isFinite(resolved.value)) rating.value = resolved.value;
    ratings.push(rating);
  }
  return ratings;
}

function kindOf(value: Node | null): Rating['kind'] {
  if (value === null || (isScalar(value) && value.value === null)) return 'empty';
  if (isSeq(value)) return 'list';
  if (isMap(value)) return 'mapping';
  if (!isScalar(value)) return 'text';
  if (typeof value.value === 'number') return 'number';
  if (typeof value.value === 'boolean') return 'boolean';
  return 'text';
}
