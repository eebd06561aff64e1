import { parse as parseYaml } from 'yaml';
import type { Range, Session, TextEdit } from '../model';
import { GOAL_ID } from '../parse/frontMatter';
import { annotationAt, unquotedIdRange } from './locate';
import type { SymbolOccurrences } from './types';

/** A goal or a code, by id: what go to definition, references and rename work on. */
export interface SymbolTarget {
  kind: 'goal' | 'code';
  id: string;
}

// The id pattern of schemas/codebook.schema.json (codes); goal ids follow GOAL_ID.
const CODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** The goal or code id under the cursor, with the goal's definition and every reference in the session. */
export function occurrencesAt(session: Session, offset: number): SymbolOccurrences | undefined {
  const found = annotationAt(session, offset, true);
  if (!found) return undefined;
  if (found.kind === 'code') {
    if (found.code.id === '') return undefined;
    return { kind: 'code', id: found.code.id, range: found.code.idRange, references: codeRanges(session, found.code.id) };
  }
  const id = found.kind === 'goal' ? found.ref.id : found.goal.id;
  if (id === '') return undefined;
  const range = found.kind === 'goal' ? found.ref.idRange : unquotedIdRange(session, found.goal);
  const occurrences: SymbolOccurrences = { kind: 'goal', id, range, references: goalRanges(session, id) };
  const goal = session.frontMatter?.goals.find((g) => g.id === id);
  if (goal) occurrences.definition = unquotedIdRange(session, goal);
  return occurrences;
}

// Renaming `reflection` leaves `reflection.complex` alone: only exact ids change, never notes or words.
/** Edits renaming a goal (its front-matter id and every `{#id}`) or a code (the id of every `{id}`); none for an invalid or unchanged id. */
export function renameEdits(session: Session, target: SymbolTarget, newId: string): TextEdit[] {
  if (newId === target.id || validNewId(target.kind, newId) !== undefined) return [];
  if (target.kind === 'code') return codeRanges(session, target.id).map((range) => ({ range, newText: newId }));
  const edits: TextEdit[] = [];
  for (const goal of session.frontMatter?.goals ?? []) {
    if (goal.id !== target.id) continue;
    const inner = unquotedIdRange(session, goal);
    const quoted = inner !== goal.idRange;
    edits.push({ range: inner, newText: quoted ? newId : yamlPlain(newId) });
  }
  for (const range of goalRanges(session, target.id)) edits.push({ range, newText: newId });
  return edits;
}

/** Why `id` cannot be used as a goal or code id, or undefined when it can. */
export function validNewId(kind: 'goal' | 'code', id: string): string | undefined {
  if (id.trim() === '') return `A ${kind} id cannot be empty.`;
  if (kind === 'goal') {
    return GOAL_ID.test(id) ? undefined : `'${id}' is not a valid goal id: use letters, digits, '-', '_' and '.', starting with a letter or digit.`;
  }
  return CODE_ID.test(id)
    ? undefined
    : `'${id}' is not a valid code id: use letters, digits, '-' and '_', with dots only between parts (as in reflection.complex), starting with a letter or digit.`;
}

function goalRanges(session: Session, id: string): Range[] {
  return session.turns.flatMap((turn) => turn.goals.filter((g) => g.id === id).map((g) => g.idRange));
}

function codeRanges(session: Session, id: string): Range[] {
  return session.turns.flatMap((turn) => turn.codes.filter((c) => c.id === id).map((c) => c.idRange));
}

/** An id as a YAML scalar: plain, or quoted when YAML would read it as a number, boolean or null (`2024`, `true`). */
function yamlPlain(id: string): string {
  let value: unknown;
  try {
    value = parseYaml(id);
  } catch {
    value = undefined;
  }
  return value === id ? id : `"${id}"`;
}
