import { lookupCode, type Codebook, type CodeGroup } from '../codebook/codebook';
import type { Role, Turn } from '../model';
import { excerpt } from '../text/excerpt';
import { preview, type AlignedUnit } from './align';
import { inCodebookOrder, membersOf, rolesOf, unitsOfRole } from './agreement';

// The aligned turns where coders differ, side by side, for adjudication (`session-md agree
// --disagreements`, and the editor's Compare Coders). A turn differs when the coders' sets of
// codes on it differ: the order codes are written in and their notes do not count.

/** One coder's side of a turn where the coders differ. */
export interface DisagreementSide {
  /** The copy (0-based). */
  copy: number;
  /** The turn's 1-based index in that copy. */
  turn: number;
  line: number;
  /**
   * The distinct codes the coder wrote on the turn, in the codebook's order (ids it does not
   * define last, alphabetically, and masked as messages show transcript text).
   */
  codes: string[];
}

/** An aligned turn to which the coders gave different codes. */
export interface Disagreement {
  /** The unit's role: its speaker's role in the first copy. */
  role: Role | undefined;
  /** The first copy's turn, masked (`T: Y** w*** t*…`): the lines say where to read it. */
  preview: string;
  /** The groups of the codebook whose values the coders differ on at this turn, in the codebook's order. */
  groups: string[];
  sides: DisagreementSide[];
}

/** The aligned units whose coders wrote different sets of codes, in the first copy's order. */
export function findDisagreements(units: readonly AlignedUnit[], codebook: Pick<Codebook, 'codes' | 'groups'>): Disagreement[] {
  const differing = groupsDifferingAt(units, codebook);
  return units.flatMap((unit) => {
    const sets = unit.turns.map((turn) => new Set(turn.codes.map((c) => c.id)));
    if (sets.every((set) => sameSet(set, sets[0]!))) return [];
    const first = unit.turns[0]!;
    return [
      {
        role: first.role,
        preview: preview(first),
        groups: differing.get(unit) ?? [],
        sides: unit.turns.map((turn, copy) => side(turn, copy, sets[copy]!, codebook)),
      },
    ];
  });
}

function side(turn: Turn, copy: number, codes: ReadonlySet<string>, codebook: Pick<Codebook, 'codes'>): DisagreementSide {
  return {
    copy,
    turn: turn.index,
    line: turn.range.start.line,
    codes: inCodebookOrder(codes, codebook).map((id) => (lookupCode(codebook, id) ? id : excerpt(id))),
  };
}

// For each unit, the groups (of its role) on which the coders' values differ.
function groupsDifferingAt(units: readonly AlignedUnit[], codebook: Pick<Codebook, 'codes' | 'groups'>): Map<AlignedUnit, string[]> {
  const differing = new Map<AlignedUnit, string[]>();
  for (const group of codebook.groups) {
    for (const unit of unitsOfRole(units, rolesOf(codebook, group.codes))) {
      const values = unit.turns.map((turn) => groupValue(turn, group));
      if (values.every((v) => v === values[0])) continue;
      differing.set(unit, [...(differing.get(unit) ?? []), group.id]);
    }
  }
  return differing;
}

// A turn's value in a group as agreement reads it: its first member for an exclusive group, the set of its members otherwise.
function groupValue(turn: Turn, group: CodeGroup): string {
  const members = membersOf(turn, group.codes);
  return group.exclusive ? (members[0] ?? '') : members.join('\u0000');
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
