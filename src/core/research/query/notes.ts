import { lookupCode } from '../../codebook/codebook';
import { Speller } from '../../text/spelling';
import type { TurnCondition } from './condition';
import type { QueryInput } from './segments';

// A query that names a code, field, phase, speaker or goal that nothing searched knows matches
// nothing, silently: most often a typo (`code:refelction`, `mi_qualty=high`). These notes say so,
// with the closest known name, before the user concludes that the corpus has no such turns.

/** Notes on the atoms of a condition that no input knows: `code:refelction: no codebook in force or turn has this code (did you mean reflection?)`. */
export function unknownTermNotes(inputs: readonly QueryInput[], condition: TurnCondition | undefined): string[] {
  if (!condition) return [];
  const known = knownTerms(inputs);
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const atom of atomsOf(condition)) {
    const note = noteOn(atom, known);
    if (note === undefined || seen.has(note)) continue;
    notes.push(note);
    seen.add(note);
  }
  return notes;
}

interface KnownTerms {
  codes: Set<string>;
  fields: Set<string>;
  /** Lower-cased name → as written. */
  phases: Map<string, string>;
  speakers: Map<string, string>;
  goals: Set<string>;
  inputs: readonly QueryInput[];
}

function knownTerms(inputs: readonly QueryInput[]): KnownTerms {
  const known: KnownTerms = { codes: new Set(), fields: new Set(), phases: new Map(), speakers: new Map(), goals: new Set(), inputs };
  const codebooks = new Set(inputs.map((input) => input.codebook).filter((codebook) => codebook !== undefined));
  for (const codebook of codebooks) {
    for (const id of codebook.codes.keys()) known.codes.add(id);
    for (const group of codebook.groups) known.codes.add(group.id);
  }
  for (const { session } of inputs) {
    for (const key of Object.keys(session.frontMatter?.data ?? {})) known.fields.add(key);
    for (const phase of session.phaseModel.phases) for (const name of [phase.name, ...phase.aliases]) known.phases.set(name.toLowerCase(), name);
    for (const section of session.sections) known.phases.set(section.title.toLowerCase(), section.title);
    for (const speaker of session.speakers) known.speakers.set(speaker.label.toLowerCase(), speaker.label);
    for (const goal of session.frontMatter?.goals ?? []) known.goals.add(goal.id);
    for (const turn of session.turns) {
      known.speakers.set(turn.label.toLowerCase(), turn.label);
      for (const code of turn.codes) known.codes.add(code.id);
      for (const goal of turn.goals) known.goals.add(goal.id);
    }
  }
  return known;
}

function noteOn(atom: TurnCondition, known: KnownTerms): string | undefined {
  switch (atom.kind) {
    case 'code': {
      const parentOfKnown = [...known.codes].some((id) => id.startsWith(`${atom.id}.`));
      const inCodebook = known.inputs.some((input) => input.codebook && lookupCode(input.codebook, atom.id));
      if (known.codes.has(atom.id) || parentOfKnown || inCodebook) return undefined;
      return `code:${cut(atom.id)}: no codebook in force and no turn has this code or group${hint(atom.id, known.codes)}`;
    }
    case 'field':
      return known.fields.has(atom.field) ? undefined : `${cut(atom.field)}=: no session's front matter has this field${hint(atom.field, known.fields)}`;
    case 'phase':
      return known.phases.has(atom.name.toLowerCase())
        ? undefined
        : `phase:${cut(atom.name)}: no phase model or heading has this name${hint(atom.name, new Set(known.phases.values()))}`;
    case 'speaker':
      return known.speakers.has(atom.label.toLowerCase())
        ? undefined
        : `speaker:${cut(atom.label)}: no session has this speaker${hint(atom.label, new Set(known.speakers.values()))}`;
    case 'goal':
      return known.goals.has(atom.id) ? undefined : `goal:${cut(atom.id)}: no session declares or references this goal${hint(atom.id, known.goals)}`;
    default:
      return undefined;
  }
}

function hint(name: string, known: Set<string>): string {
  const closest = known.size > 0 ? new Speller(known).suggest(name) : undefined;
  return closest === undefined ? '' : ` (did you mean ${cut(closest)}?)`;
}

// Names come from the query and from the files: a message quotes at most 40 characters of one.
function cut(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

function atomsOf(condition: TurnCondition): TurnCondition[] {
  if (condition.kind === 'and' || condition.kind === 'or') return condition.operands.flatMap(atomsOf);
  if (condition.kind === 'not') return atomsOf(condition.operand);
  return [condition];
}
