// Retrieving segments: the query syntax, its matching and the memos (docs/research.md#retrieving-segments).
export { ATOM_NAMES, HAS_WHAT, type AtomName, type HasWhat, type QuerySyntaxError, type TurnCondition } from './condition';
export { conditionAtom, MAX_QUERY_LENGTH, parseTurnQuery } from './parse';
export { codeIdsOf, matchesCondition, type MatchSubject } from './match';
export { collectMemos, findSegments, type MemoEntry, type QueryInput, type SegmentMatch, type SegmentOptions } from './segments';
export { formatSegmentRows, segmentColumns, segmentRows, type MatchKind, type SegmentRow } from './rows';
export { formatMemoRows, MEMO_COLUMNS, MEMO_GROUPINGS, memoColumns, memoRows, type MemoGrouping, type MemoRow } from './memoRows';
export { unknownTermNotes } from './notes';
