import type { Range, Session, Turn } from '../../model';

/** A stretch of a session's text that a pii rule found, as 0-based offsets (end exclusive). */
export interface PiiSpan {
  start: number;
  end: number;
}

/** Where a span sits: what the message says, and whether pii-date (turns only) looks at it. */
export type Place = { kind: 'front matter' } | { kind: 'turn'; turn: Turn } | { kind: 'memo'; turn: Turn } | { kind: 'text' };

/**
 * Where a span of the text is, or undefined when the rules must not look there: inside a
 * `{code}` or `{#goal}` annotation or a turn's `[hh:mm:ss]` timestamp.
 */
export function placeOf(session: Session, span: PiiSpan): Place | undefined {
  const fm = session.frontMatter;
  if (fm && span.start < fm.range.end.offset) return { kind: 'front matter' };
  const turn = lastTurnAt(session.turns, span.start);
  if (!turn) return { kind: 'text' };
  if (span.start < turn.range.end.offset) {
    if (turn.timestamp && overlaps(turn.timestamp.range, span)) return undefined;
    for (const annotation of turn.codes) if (overlaps(annotation.range, span)) return undefined;
    for (const annotation of turn.goals) if (overlaps(annotation.range, span)) return undefined;
    return { kind: 'turn', turn };
  }
  for (const memo of turn.memos) if (span.start >= memo.range.start.offset && span.start < memo.range.end.offset) return { kind: 'memo', turn };
  return { kind: 'text' };
}

/** `in turn 12`, `in the front matter`…, for messages, which never quote the text found. */
export function describePlace(place: Place): string {
  switch (place.kind) {
    case 'front matter':
      return 'in the front matter';
    case 'turn':
      return `in turn ${place.turn.index}`;
    case 'memo':
      return `in the memo on turn ${place.turn.index}`;
    default:
      return 'outside the turns';
  }
}

function overlaps(range: Range, span: PiiSpan): boolean {
  return range.start.offset < span.end && span.start < range.end.offset;
}

// The last turn that starts at or before `offset`; turns are in document order.
function lastTurnAt(turns: readonly Turn[], offset: number): Turn | undefined {
  let lo = 0;
  let hi = turns.length - 1;
  let found: Turn | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.range.start.offset <= offset) {
      found = turns[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const sessionCache = new WeakMap<Session, Map<string, unknown>>();

/** Computes something about a session once and shares it between the pii rules: one scan for numbers serves pii-phone, pii-id-number and pii-date. */
export function memoised<T>(session: Session, key: string, compute: () => T): T {
  let entries = sessionCache.get(session);
  if (!entries) {
    entries = new Map();
    sessionCache.set(session, entries);
  }
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}
