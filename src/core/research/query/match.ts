import type { Codebook } from '../../codebook/codebook';
import type { Session, Turn, Utterance } from '../../model';
import type { TurnCondition } from './condition';

// Whether a turn (or one of its coded utterances) meets a condition. A code atom matches the id
// itself, its children (`reflection` matches `reflection.complex`) and, when the id names a group
// of the codebook, the group's codes and their children. With an utterance, code and text atoms
// read the utterance's codes and words; every other atom reads its turn.

/** What a condition is tested against. */
export interface MatchSubject {
  session: Session;
  turn: Turn;
  /** The phase as the export's `phase` column gives it; null before the first heading. */
  phase: string | null;
  codebook?: Pick<Codebook, 'groups'> | undefined;
  /** The coded utterance tested instead of the whole turn. */
  utterance?: Utterance;
}

/** Whether the subject meets the condition. */
export function matchesCondition(condition: TurnCondition, subject: MatchSubject): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.operands.every((operand) => matchesCondition(operand, subject));
    case 'or':
      return condition.operands.some((operand) => matchesCondition(operand, subject));
    case 'not':
      return !matchesCondition(condition.operand, subject);
    case 'code': {
      const wanted = codeIdsOf(condition.id, subject.codebook);
      return codesOf(subject).some((id) => wanted.some((w) => id === w || id.startsWith(`${w}.`)));
    }
    case 'phase':
      return phaseMatches(condition.name, subject);
    case 'speaker':
      return sameText(subject.turn.label, condition.label);
    case 'role':
      return subject.turn.role === condition.role;
    case 'goal':
      return subject.turn.goals.some((goal) => goal.id === condition.id);
    case 'field':
      return fieldValues(subject.session.frontMatter?.data[condition.field]).some((value) => sameText(value, condition.value));
    case 'text':
      return condition.pattern.test(subject.utterance?.text ?? subject.turn.text);
    case 'has':
      if (condition.what === 'memo') return subject.turn.memos.length > 0;
      if (condition.what === 'goal') return subject.turn.goals.length > 0;
      return codesOf(subject).length > 0;
  }
}

/** The ids a `code:` atom stands for: the id, and the codes of a codebook group of that id. */
export function codeIdsOf(id: string, codebook: Pick<Codebook, 'groups'> | undefined): string[] {
  const group = codebook?.groups.find((g) => g.id === id);
  return group ? [id, ...group.codes] : [id];
}

function codesOf(subject: MatchSubject): string[] {
  const { turn, utterance } = subject;
  return (utterance ? turn.codes.filter((code) => code.utterance === utterance.index) : turn.codes).map((code) => code.id);
}

function phaseMatches(name: string, subject: MatchSubject): boolean {
  const section = subject.session.sections[subject.turn.sectionIndex];
  if (!section) return false;
  const names = [section.title, ...(section.phase ? [section.phase.name, ...section.phase.aliases] : [])];
  return names.some((n) => sameText(n, name));
}

// A list matches when one of its elements does; a YAML date reads as its day.
function fieldValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((element) => (Array.isArray(element) ? [] : fieldValues(element)));
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return [String(value)];
  if (value instanceof Date && !Number.isNaN(value.getTime())) return [value.toISOString().slice(0, 10)];
  return [];
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
