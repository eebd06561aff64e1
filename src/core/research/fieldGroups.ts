// Grouping a corpus by a front-matter field, as `session-md stats --by mi_quality` does: each
// session falls in the group of its value, so the groups' totals are AnnoMI's high/low contrast.

/** The group of sessions whose front matter lacks the field (or leaves it empty or null). */
export const NO_VALUE = '(none)';

/** The group of sessions whose field is a list or a mapping, which names no one group. */
export const NOT_SINGLE_VALUE = '(not a single value)';

/** A session's group by a field: its value as text, or one of the two groups above and why. */
export interface FieldGroup {
  group: string;
  kind: 'value' | 'none' | 'list' | 'mapping';
}

/**
 * The group of a session's front matter (`data`, as the YAML parser read it) by `field`: a
 * string (trimmed), number or boolean value as text. `a.b` reads `b` inside the mapping `a`
 * (e.g. `ratings.empathy`), unless a top-level key is `a.b` itself.
 */
export function fieldGroup(data: Readonly<Record<string, unknown>> | undefined, field: string): FieldGroup {
  const value = fieldValue(data, field);
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === undefined || text === null || text === '') return { group: NO_VALUE, kind: 'none' };
  if (Array.isArray(text)) return { group: NOT_SINGLE_VALUE, kind: 'list' };
  if (typeof text === 'object') return { group: NOT_SINGLE_VALUE, kind: 'mapping' };
  return { group: String(text), kind: 'value' };
}

function fieldValue(data: Readonly<Record<string, unknown>> | undefined, field: string): unknown {
  if (data === undefined) return undefined;
  if (Object.hasOwn(data, field)) return data[field];
  let value: unknown = data;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The order groups are listed in: numerically when every value is a number, else alphabetically; `(none)` and `(not a single value)` last. */
export function fieldGroupOrder(groups: readonly string[]): (a: string, b: string) => number {
  const rank = (g: string): number => (g === NO_VALUE ? 1 : g === NOT_SINGLE_VALUE ? 2 : 0);
  const numeric = groups.filter((g) => rank(g) === 0).every((g) => g.trim() !== '' && Number.isFinite(Number(g)));
  return (a, b) => rank(a) - rank(b) || (numeric ? Number(a) - Number(b) : a.localeCompare(b));
}
