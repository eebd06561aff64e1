import type { Role } from '../../model';
import type { TextMatcher } from './textPattern';

// The conditions `session-md query` and the Coded Segments view select turns by: a small tree of
// and / or / not over atoms (docs/research.md#retrieving-segments gives the syntax).

/** What `has:` asks a turn to carry. */
export const HAS_WHAT = ['memo', 'code', 'goal'] as const;
export type HasWhat = (typeof HAS_WHAT)[number];

/** The roles `role:` accepts. */
export const QUERY_ROLES: readonly Role[] = ['therapist', 'client', 'other'];

/** A parsed condition over turns (a small tree: and / or / not / atoms). */
export type TurnCondition =
  | { kind: 'and' | 'or'; operands: TurnCondition[] }
  | { kind: 'not'; operand: TurnCondition }
  /** A code id, a parent id (its children too) or a group of the codebook (its codes too). */
  | { kind: 'code'; id: string }
  /** A phase name or alias, or a heading's title; compared without regard to case. */
  | { kind: 'phase'; name: string }
  /** A speaker label; compared without regard to case. */
  | { kind: 'speaker'; label: string }
  | { kind: 'role'; role: Role }
  /** A goal referenced in the turn (`{#id}`). */
  | { kind: 'goal'; id: string }
  /** A front-matter field and the value it must have (any element of a list); compared without regard to case. */
  | { kind: 'field'; field: string; value: string }
  /** Words of the turn: `written` is the pattern as the query gave it. */
  | { kind: 'text'; written: string; pattern: TextMatcher }
  | { kind: 'has'; what: HasWhat };

/** A problem with the query text; `column` is 1-based in it. */
export interface QuerySyntaxError {
  message: string;
  column: number;
}

/** The names written before `:` in an atom. */
export const ATOM_NAMES = ['code', 'phase', 'speaker', 'role', 'goal', 'text', 'has'] as const;
export type AtomName = (typeof ATOM_NAMES)[number];
