import { lookupCode, type Codebook, type CodeGroup, type CodeRole } from '../codebook/codebook';
import type { Turn } from '../model';
import { alignTurns, type AlignedUnit, type Alignment } from './align';
import { cohenKappa, confusionMatrix, fleissKappa, krippendorffAlpha, percentAgreement } from './kappa';
import { masiAlpha } from './setAgreement';

// Agreement between coders' copies of one transcript, per code group and per code.
//
// A group is one variable over the aligned turns of its role. A turn carries the group members
// its codes count as (the most specific one: the exact id, else the longest member that is a
// dot-prefix of the code, so `question.open` counts as `question`). In a group of mutually
// exclusive codes a turn's value is its member, or NONE; a turn carrying two members is warned
// about, and the first in the group's order is used. In a group whose codes may go together
// (`exclusive: false`, as a MITI volley earns several behaviour codes) a turn's value is the SET
// of its members: percent agreement and the kappas compare whole sets, Krippendorff's alpha uses
// the MASI distance between sets (setAgreement.ts), and each member is also compared as present
// or absent. Either way the order codes are written in never changes a figure. For percent
// agreement, Cohen's and Fleiss' kappa and the confusion matrix NONE (the empty set) is a
// category like any other; for Krippendorff's alpha it is a missing value, so alpha measures
// agreement on which members, over the turns at least two coders gave one. A code is a
// present/absent variable over the aligned turns of its role (absent is a value, not missing).
// A bare parent that the codebook's `counting.unspecified` gives a subtype is read as that subtype,
// as `session-md stats` counts it: under MITI 4.2.1 a bare `{reflection}` is `reflection.simple`.

/** The value of a turn that carries no member of a group. */
export const NONE = '(none)';

/** One coder's copy: a name for reports and the parsed turns. */
export interface CoderCopy {
  name: string;
  turns: readonly Turn[];
}

/** The statistics of one variable; null where a statistic is undefined (see `kappa.ts`). */
export interface AgreementStatistics {
  /** Aligned turns of the variable's role. */
  units: number;
  /** A proportion (0–1): for three or more coders the mean pairwise agreement. */
  percentAgreement: number | null;
  /** Present only with exactly two coders. */
  cohenKappa?: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** The units alpha could use: those with values from at least two coders. */
  alphaUnits: number;
}

/** Counts of value pairs: coder A × coder B, or with three or more coders every pair of coders summed (earlier coder in rows). */
export interface ConfusionMatrix {
  kind: 'coders' | 'pairwise-sum';
  categories: string[];
  counts: number[][];
}

/** Agreement on one group: of mutually exclusive codes, or of codes that may go together (values are sets). */
export interface GroupAgreement extends AgreementStatistics {
  id: string;
  label?: string;
  role: CodeRole;
  /** false when a turn's value is the set of members it carries; alpha then uses the MASI distance. */
  exclusive: boolean;
  /** Categories are the group's members (or, for a non-exclusive group, the sets coders used) and NONE. */
  confusion: ConfusionMatrix;
  /** For a non-exclusive group: each member as present or absent on the group's turns. */
  presence?: CodeAgreement[];
}

/** Agreement on one code as present or absent. */
export interface CodeAgreement extends AgreementStatistics {
  code: string;
  role: CodeRole;
  /** How many of the units each coder marked it on. */
  present: number[];
}

/** A turn that carries two or more members of one group; the first is used. */
export interface ExclusivityWarning {
  copy: number;
  turn: number;
  line: number;
  group: string;
  codes: string[];
  used: string;
}

/** Everything `session-md agree` reports. */
export interface AgreementReport {
  coders: string[];
  alignment: Alignment;
  groups: GroupAgreement[];
  codes: CodeAgreement[];
  warnings: ExclusivityWarning[];
}

/** Aligns the copies and computes agreement per group of the codebook and per code used. */
export function computeAgreement(
  copies: readonly CoderCopy[],
  codebook: Pick<Codebook, 'codes'> & Partial<Pick<Codebook, 'counting'>> & { groups: readonly CodeGroup[] },
): AgreementReport {
  const unspecified = codebook.counting?.unspecified;
  const alignment = alignTurns(copies.map((c) => (unspecified && unspecified.size > 0 ? c.turns.map((t) => withSubtypes(t, unspecified)) : c.turns)));
  const warnings: ExclusivityWarning[] = [];
  const groups = codebook.groups.map((group) => groupAgreement(group, alignment.units, codebook, warnings));
  const codes = usedCodes(alignment.units, codebook).map((code) => codeAgreement(code, alignment.units, codebook));
  return { coders: copies.map((c) => c.name), alignment, groups, codes, warnings };
}

// The turn with each bare parent written as the subtype it counts as.
function withSubtypes(turn: Turn, unspecified: ReadonlyMap<string, string>): Turn {
  if (!turn.codes.some((c) => unspecified.has(c.id))) return turn;
  return { ...turn, codes: turn.codes.map((c) => (unspecified.has(c.id) ? { ...c, id: unspecified.get(c.id)! } : c)) };
}

/** The group member a code counts as: the exact id, else the longest member that is a dot-prefix of it. */
export function groupMember(code: string, members: readonly string[]): string | undefined {
  if (members.includes(code)) return code;
  let best: string | undefined;
  for (const m of members) if (code.startsWith(m + '.') && (best === undefined || m.length > best.length)) best = m;
  return best;
}

/** The role a set of codes applies to: theirs when they all share one, else `any`. */
export function rolesOf(codebook: Pick<Codebook, 'codes'>, ids: readonly string[]): CodeRole {
  const roles = new Set(ids.map((id) => lookupCode(codebook, id)?.role ?? 'any'));
  return roles.size === 1 ? [...roles][0]! : 'any';
}

function groupAgreement(group: CodeGroup, units: readonly AlignedUnit[], codebook: Pick<Codebook, 'codes'>, warnings: ExclusivityWarning[]): GroupAgreement {
  const role = rolesOf(codebook, group.codes);
  const ofRole = unitsOfRole(units, role);
  const members = ofRole.map((unit) => unit.turns.map((turn) => membersOf(turn, group.codes)));
  const result = !group.exclusive ? setGroupAgreement(group, role, members) : exclusiveGroupAgreement(group, role, ofRole, members, warnings);
  if (group.label !== undefined) result.label = group.label;
  return result;
}

function exclusiveGroupAgreement(
  group: CodeGroup,
  role: CodeRole,
  units: readonly AlignedUnit[],
  members: string[][][],
  warnings: ExclusivityWarning[],
): GroupAgreement {
  const ratings = members.map((unit, u) =>
    unit.map((carried, copy) => {
      const turn = units[u]!.turns[copy]!;
      if (carried.length > 1) warnings.push({ copy, turn: turn.index, line: turn.range.start.line, group: group.id, codes: carried, used: carried[0]! });
      return carried[0] ?? NONE;
    }),
  );
  const categories = [...group.codes, NONE];
  const alpha = krippendorffAlpha(
    ratings.map((r) => r.map((v) => (v === NONE ? undefined : v))),
    categories,
  );
  return { id: group.id, role, exclusive: true, ...statistics(ratings, categories, alpha), confusion: confusion(ratings, categories) };
}

function setGroupAgreement(group: CodeGroup, role: CodeRole, members: string[][][]): GroupAgreement {
  const name = (set: readonly string[]): string => (set.length === 0 ? NONE : set.join(' + '));
  const ratings = members.map((unit) => unit.map(name));
  const categories = setCategories(members.flat(), group.codes).map(name);
  const alpha = masiAlpha(members.map((unit) => unit.map((set) => (set.length === 0 ? undefined : set))));
  const presence = group.codes.map((code) =>
    presenceAgreement(
      code,
      role,
      members.map((unit) => unit.map((set) => set.includes(code))),
    ),
  );
  return { id: group.id, role, exclusive: false, ...statistics(ratings, categories, alpha), confusion: confusion(ratings, categories), presence };
}

/** The group members a turn's codes count as, once each, in the group's order (never the order written). */
export function membersOf(turn: Turn, members: readonly string[]): string[] {
  const carried = new Set(turn.codes.flatMap((c) => groupMember(c.id, members) ?? []));
  return members.filter((m) => carried.has(m));
}

// The sets coders used, smaller first, then by the group's order of their members; the empty set (NONE) last.
function setCategories(sets: readonly string[][], order: readonly string[]): string[][] {
  const distinct = new Map(sets.filter((s) => s.length > 0).map((s) => [s.join('\u0000'), s]));
  const rank = (set: readonly string[]): number[] => set.map((m) => order.indexOf(m));
  const compare = (a: string[], b: string[]): number => a.length - b.length || rank(a).reduce((d, r, i) => d || r - rank(b)[i]!, 0);
  return [...[...distinct.values()].sort(compare), []];
}

function codeAgreement(code: string, units: readonly AlignedUnit[], codebook: Pick<Codebook, 'codes'>): CodeAgreement {
  const role = lookupCode(codebook, code)?.role ?? 'any';
  return presenceAgreement(
    code,
    role,
    unitsOfRole(units, role).map((unit) => unit.turns.map((turn) => turn.codes.some((c) => c.id === code))),
  );
}

// One code as present or absent: `carried[u][k]` says whether coder k marked it on unit u.
function presenceAgreement(code: string, role: CodeRole, carried: readonly (readonly boolean[])[]): CodeAgreement {
  const ratings = carried.map((unit) => unit.map((has) => (has ? 'present' : 'absent')));
  const present = (ratings[0] ?? []).map((_, k) => ratings.filter((r) => r[k] === 'present').length);
  const categories = ['present', 'absent'];
  return { code, role, present, ...statistics(ratings, categories, krippendorffAlpha(ratings, categories)) };
}

// Every statistic of one variable, with its alpha computed as the variable needs it.
function statistics(ratings: string[][], categories: string[], alpha: { alpha: number | null; units: number }): AgreementStatistics {
  const coders = ratings[0]?.length ?? 0;
  const stats: AgreementStatistics = {
    units: ratings.length,
    percentAgreement: percentAgreement(ratings),
    fleissKappa: fleissKappa(ratings, categories).kappa,
    krippendorffAlpha: alpha.alpha,
    alphaUnits: alpha.units,
  };
  if (coders === 2)
    stats.cohenKappa = cohenKappa(
      ratings.map((r) => r[0]!),
      ratings.map((r) => r[1]!),
    ).kappa;
  return stats;
}

function confusion(ratings: string[][], categories: string[]): ConfusionMatrix {
  const coders = ratings[0]?.length ?? 0;
  const counts = categories.map(() => categories.map(() => 0));
  for (let a = 0; a < coders; a++) {
    for (let b = a + 1; b < coders; b++) {
      const matrix = confusionMatrix(
        ratings.map((r) => r[a]!),
        ratings.map((r) => r[b]!),
        categories,
      );
      matrix.forEach((row, i) => row.forEach((n, j) => (counts[i]![j]! += n)));
    }
  }
  return { kind: coders > 2 ? 'pairwise-sum' : 'coders', categories, counts };
}

/** The units of a role, by the role of the first copy's turn; `any` takes them all. */
export function unitsOfRole(units: readonly AlignedUnit[], role: CodeRole): readonly AlignedUnit[] {
  return role === 'any' ? units : units.filter((u) => u.turns[0]!.role === role);
}

// The code ids written on aligned turns in any copy, in codebook order.
function usedCodes(units: readonly AlignedUnit[], codebook: Pick<Codebook, 'codes'>): string[] {
  return inCodebookOrder(new Set(units.flatMap((u) => u.turns.flatMap((t) => t.codes.map((c) => c.id)))), codebook);
}

/** Code ids in codebook order (a parent id where its first child is), then the ids the codebook does not know, alphabetically. */
export function inCodebookOrder(ids: Iterable<string>, codebook: Pick<Codebook, 'codes'>): string[] {
  const order = [...codebook.codes.keys()];
  const ranks = new Map([...ids].map((id) => [id, order.findIndex((key) => key === id || key.startsWith(id + '.'))]));
  const rank = (id: string): number => (ranks.get(id)! < 0 ? order.length : ranks.get(id)!);
  return [...ranks.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
