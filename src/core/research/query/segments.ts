import type { Codebook } from '../../codebook/codebook';
import type { Memo, Session, Turn } from '../../model';
import { phaseOf } from '../export';
import type { TurnCondition } from './condition';
import { matchesCondition } from './match';

/** A transcript to search: its path, parsed session and the codebook in force (for code hierarchy and groups). */
export interface QueryInput {
  file: string;
  session: Session;
  codebook?: Codebook;
}

/** One turn (or utterance) that matched, with the turns around it when context was asked for. */
export interface SegmentMatch {
  file: string;
  session: Session;
  turn: Turn;
  /** As the export's `phase` column gives it. */
  phase: string | null;
  /** The 1-based index of the coded utterance, when unit is 'utterance'. */
  utterance?: number;
  /** Context: up to `context` turns before and after, within the session (empty when context is 0). */
  before: Turn[];
  after: Turn[];
}

/** The options of a search: turns of context on each side, and what a match is. */
export interface SegmentOptions {
  context?: number;
  /** 'turn' (the default): each turn; 'utterance': each coded utterance (docs/format.md#utterances). */
  unit?: 'turn' | 'utterance';
}

/** Every turn (or coded utterance) of the inputs that meets the condition (all of them without one), in order of file and turn. */
export function findSegments(inputs: readonly QueryInput[], condition: TurnCondition | undefined, options: SegmentOptions = {}): SegmentMatch[] {
  const context = Math.max(0, Math.floor(options.context ?? 0));
  const matches: SegmentMatch[] = [];
  for (const { file, session, codebook } of inputs) {
    session.turns.forEach((turn, position) => {
      const phase = phaseOf(session, turn);
      const surround = (): Pick<SegmentMatch, 'before' | 'after'> => ({
        before: session.turns.slice(Math.max(0, position - context), position),
        after: context === 0 ? [] : session.turns.slice(position + 1, position + 1 + context),
      });
      if (options.unit === 'utterance') {
        for (const utterance of turn.utterances) {
          if (condition && !matchesCondition(condition, { session, turn, phase, codebook, utterance })) continue;
          matches.push({ file, session, turn, phase, utterance: utterance.index, ...surround() });
        }
      } else if (!condition || matchesCondition(condition, { session, turn, phase, codebook })) {
        matches.push({ file, session, turn, phase, ...surround() });
      }
    });
  }
  return matches;
}

/** Every memo with its session, turn and phase, and the codes of the turn it follows. */
export interface MemoEntry {
  file: string;
  session: Session;
  turn: Turn;
  phase: string | null;
  memo: Memo;
  /** The turn's code ids, each once, in order of appearance. */
  codes: string[];
}

/** Every memo of the inputs, in order of file and turn. */
export function collectMemos(inputs: readonly QueryInput[]): MemoEntry[] {
  return inputs.flatMap(({ file, session }) =>
    session.turns.flatMap((turn) => {
      const codes = [...new Set(turn.codes.map((code) => code.id))];
      return turn.memos.map((memo) => ({ file, session, turn, phase: phaseOf(session, turn), memo, codes }));
    }),
  );
}
