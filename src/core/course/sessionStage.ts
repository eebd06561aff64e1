import type { GoalStatus, Range, Session } from '../model';
import { rangeAt } from '../text/lines';
import { trimRange } from '../lint/ruleHelpers';

// What the stage-aware and course rules share: where a session names its stage, and how goal statuses rank.

/** Where a finding about the session's stage points: the `stage:` value, else the opening `---` of the front matter, else the file's start. */
export function stagePlace(session: Session): Range {
  const fm = session.frontMatter;
  const value = fm?.keyRanges.get('stage')?.value;
  return value ? trimRange(session, value) : frontMatterStart(session);
}

/** Where a finding about the session's goals points: the `goals:` key, else the front matter's opening fence. */
export function goalsPlace(session: Session): Range {
  const key = session.frontMatter?.keyRanges.get('goals')?.key;
  return key ?? frontMatterStart(session);
}

function frontMatterStart(session: Session): Range {
  return rangeAt(session.lineStarts, 0, session.frontMatter ? Math.min(3, session.text.length) : 0);
}

// `achieved` and `dropped` both close a goal; reopening either is going back.
const RANK: Record<GoalStatus, number> = { open: 0, 'in-progress': 1, achieved: 2, dropped: 2 };

/** Whether a goal's status went back between two sessions: to `open` from any other, or from `achieved` or `dropped` to `in-progress`. */
export function wentBack(before: GoalStatus, after: GoalStatus): boolean {
  return RANK[after] < RANK[before];
}

/** Whether a memo in the session refers to the goal with `{#id}`: the note that explains a status going back. */
export function hasMemoOnGoal(session: Session, id: string): boolean {
  return session.turns.some((turn) => turn.memos.some((memo) => memoGoalIds(memo.text).has(id)));
}

const GOAL_IN_MEMO = /\{\s*#\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*\}/g;

function memoGoalIds(text: string): Set<string> {
  return new Set([...text.matchAll(GOAL_IN_MEMO)].map((m) => m[1]!));
}
