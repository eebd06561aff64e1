import type { Role } from '../../model';
import { excerpt } from '../../text/excerpt';
import { ImportError, type CodeMap, type RoleMap } from './types';

const ROLES: readonly Role[] = ['therapist', 'client', 'other'];

// `a=b,c=d` as pairs; an entry without `=` is a mistake the option's name is reported with.
function pairs(spec: string, option: string): [string, string][] {
  return spec
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const eq = entry.indexOf('=');
      // An entry names a speaker of the transcript, so it is shown masked.
      if (eq === -1) throw new ImportError(`${option}: '${excerpt(entry.trim())}' has no '=' (write name=value)`);
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

/** The role of a speaker: from the map (exact, then ignoring case), else by the format's default labels (`therapist`/`T`, `client`/`C`, the words in any case), else `other`. */
export function roleFor(name: string, roles: RoleMap): Role {
  const exact = roles.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, role] of roles) if (key.toLowerCase() === lower) return role;
  if (lower === 'therapist' || name === 'T') return 'therapist';
  return lower === 'client' || name === 'C' ? 'client' : 'other';
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
