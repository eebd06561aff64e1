import { RULES } from '../core';
import { UsageError } from './io';

/** Names `--rules` accepts besides rule ids, each standing for a group of rules. */
export const RULE_GROUPS: Readonly<Record<string, (id: string) => boolean>> = {
  pii: (id) => id.startsWith('pii-'),
};

/** The rule ids a `--rules` value names (`pii,timestamp-order`), in the order of RULES; a usage error names any unknown one and lists the valid names. */
export function selectRules(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new UsageError(`--rules needs at least one rule id or group, comma-separated; valid names are ${validNames()}`);
  const unknown = names.filter((n) => !Object.hasOwn(RULE_GROUPS, n) && !RULES.some((r) => r.id === n));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown rule${unknown.length > 1 ? 's' : ''} in --rules: ${unknown.map((n) => `'${n}'`).join(', ')}; valid names are ${validNames()}`,
    );
  const wanted = (id: string): boolean => names.some((n) => n === id || (Object.hasOwn(RULE_GROUPS, n) && RULE_GROUPS[n]!(id)));
  return RULES.filter((r) => wanted(r.id)).map((r) => r.id);
}

function validNames(): string {
  return [...Object.keys(RULE_GROUPS).map((g) => `${g} (group)`), ...RULES.map((r) => r.id)].join(', ');
}
