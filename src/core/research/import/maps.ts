import type { Role } from '../../model';
import { excerpt } from '../../text/excerpt';
import { ImportError, type CodeMap, type RoleMap } from './types';

const ROLES: readonly Role[] = ['therapist', 'client', 'other'];

// `a=b,c=d` as pairs; an entry without `=` is a mistake the option's name is reported with.
// A part without `=` before one with it is the first half of a name with a comma (Teams'
// `Inglis, Jake=therapist`).
function pairs(spec: string, option: string): [string, string][] {
  const entries: string[] = [];
  let pending = '';
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const entry = pending === '' ? part : `${pending},${part}`;
    if (entry.includes('=')) {
      entries.push(entry);
      pending = '';
    } else pending = entry;
  }
  // An entry names a speaker of the transcript, so it is shown masked.
  if (pending !== '') throw new ImportError(`${option}: '${excerpt(pending.trim())}' has no '=' (write name=value)`);
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    return [entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()];
  });
}

/** Reads `--role-map "Dr Rivera=therapist,Sam=client"`; every role must be therapist, client or other. */
export function parseRoleMap(spec: string | undefined): RoleMap {
  const map = new Map<string, Role>();
  for (const [name, role] of pairs(spec ?? '', '--role-map')) {
    if (!(ROLES as readonly string[]).includes(role)) throw new ImportError(`--role-map: '${excerpt(role)}' is not a role; use therapist, client or other`);
    map.set(name, role as Role);
  }
  return map;
}

/** Reads `--code-map therapist_input=input,n/a=`; an empty target drops the value. */
export function parseCodeMap(spec: string | undefined): CodeMap {
  return new Map(pairs(spec ?? '', '--code-map'));
}

/**
 * The role of a speaker: from the map by the name as the source writes it or by its turn
 * `label` (exact, then ignoring case), else by the format's default labels (`therapist`/`T`,
 * `client`/`C`, the words in any case), else `other`.
 */
export function roleFor(name: string, roles: RoleMap, label = name): Role {
  const exact = roles.get(name) ?? roles.get(label);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, role] of roles) if (key.toLowerCase() === lower || key.toLowerCase() === label.toLowerCase()) return role;
  if (lower === 'therapist' || name === 'T') return 'therapist';
  return lower === 'client' || name === 'C' ? 'client' : 'other';
}

/** The role map's names that match no speaker of the transcript, by name or by turn label, ignoring case. */
export function unmatchedRoleNames(roles: RoleMap, speakers: Iterable<{ name: string; label: string }>): string[] {
  const known = new Set([...speakers].flatMap((s) => [s.name.toLowerCase(), s.label.toLowerCase()]));
  return [...roles.keys()].filter((key) => !known.has(key.toLowerCase()));
}

/** The codes a source value stands for: split at `;`, each mapped through the code map; empty results are dropped. */
export function mapCodes(value: string, codes: CodeMap): string[] {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => codes.get(part) ?? part)
    .filter((code) => code !== '');
}
