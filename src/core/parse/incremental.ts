import type { RootContent } from 'mdast';
import type { CodeAnnotation, GoalReference, Memo, Position, Range, Session, Turn, Utterance } from '../model';
import { computeLineStarts, stripBom } from '../text/lines';
import { parseSession, readTurns, sessionShell, type ParseDefaults } from './session';
import type { SectionChange } from './sections';
import { spliceMarkdown, type SessionEdit } from './splice';

// Editing a long transcript re-parses only the blocks around the edit (see splice.ts) and re-reads
// turns only from those blocks: the turns before them are kept, the turns after them are moved.
// Everything else falls back to a full parse, so the result always equals `parseSession(text)`.

export type { SessionEdit } from './splice';

// Sessions whose text has no lone carriage return, which Markdown counts as a line break and `lineStarts` does not.
const withoutLoneCr = new WeakSet<Session>();

// `edit` (offsets in `input`, BOM included) must describe the change exactly; without it the texts are compared.
/** Parses `input`, a new version of the text of `previous`, re-parsing only what changed; equals `parseSession(input, defaults)`. */
export function reparseSession(previous: Session, input: string, edit?: SessionEdit, defaults: ParseDefaults = {}): Session {
  const { text, bom } = stripBom(input);
  const change = bom === previous.bom ? textEdit(previous.text, text, edit, bom.length) : undefined;
  // An unclosed front matter ends at the first line no front matter holds (see frontMatter.ts), which the edit may move.
  const unclosed = previous.frontMatter !== undefined && previous.mdast.children[0]?.type !== 'yaml';
  const spliced = change && !unclosed && !hasLoneCr(previous) ? spliceMarkdown(previous, text, change) : undefined;
  if (!spliced) {
    if (defaults.counter) defaults.counter.full++;
    return parseSession(input, defaults);
  }
  if (defaults.counter) defaults.counter.incremental++;
  const lineStarts = computeLineStarts(text);
  // The front matter lies before the re-parsed blocks (spliceMarkdown never re-parses the first block).
  const { session, changes } = sessionShell(text, bom, lineStarts, spliced.mdast, previous.frontMatter, defaults);
  const blocks = spliced.mdast.children;
  const oldBlocks = previous.mdast.children;
  // Re-read turns from a block that was and is no memo or list continuing an earlier turn, so the turns before it stay as they were.
  let first = spliced.from;
  while (first > 0 && (reachesBack(oldBlocks[first]!) || (first < blocks.length && reachesBack(blocks[first]!)))) first--;
  let last = spliced.to;
  while (last < blocks.length && reachesBack(blocks[last]!)) last++;
  const kept = countTurnsBefore(previous.turns, startOf(oldBlocks[first]!));
  const read = readTurns(session, changes, first, last, kept);
  const moved = last < blocks.length ? countTurnsBefore(previous.turns, startOf(oldBlocks[last - spliced.to + spliced.previousTo]!)) : previous.turns.length;
  const shift = { lines: lineStarts.length - previous.lineStarts.length, offset: text.length - previous.text.length };
  session.turns = previous.turns.slice(0, kept).concat(read);
  moveTurns(previous.turns, moved, session.turns, changes, shift);
  // The re-parsed slice has no lone carriage return either (spliceMarkdown checks), and it starts and ends after a line feed.
  withoutLoneCr.add(session);
  return session;
}

/** The edit that turns `before` into `after` (both without BOM): the span between their common prefix and suffix. */
export function diffText(before: string, after: string): SessionEdit {
  const shortest = Math.min(before.length, after.length);
  // Whole chunks first (a string comparison is far faster than a loop over characters), then characters.
  let prefix = 0;
  while (prefix + CHUNK <= shortest && before.slice(prefix, prefix + CHUNK) === after.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const room = shortest - prefix;
  let suffix = 0;
  while (
    suffix + CHUNK <= room &&
    before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)
  )
    suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { offset: prefix, removed: before.length - prefix - suffix, inserted: after.length - prefix - suffix };
}

const CHUNK = 512;

function textEdit(before: string, after: string, edit: SessionEdit | undefined, bomLength: number): SessionEdit | undefined {
  if (!edit) return diffText(before, after);
  const offset = edit.offset - bomLength;
  if (offset < 0 || edit.removed < 0 || edit.inserted < 0 || offset + edit.removed > before.length) return undefined;
  return before.length - edit.removed + edit.inserted === after.length ? { ...edit, offset } : diffText(before, after);
}

function hasLoneCr(session: Session): boolean {
  if (withoutLoneCr.has(session)) return false;
  if (/\r(?!\n)/.test(session.text)) return true;
  withoutLoneCr.add(session);
  return false;
}

function reachesBack(block: RootContent): boolean {
  return block.type === 'blockquote' || block.type === 'list';
}

function startOf(block: RootContent): number {
  return block.position!.start.offset!;
}

// Turns are in document order, and each starts inside the block that read it.
function countTurnsBefore(turns: Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.range.start.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends `previous[from..]` to `turns`, moved by `shift`, renumbered, and in the section each now falls in. */
function moveTurns(previous: Turn[], from: number, turns: Turn[], changes: SectionChange[], shift: Shift): void {
  let change = 0;
  let section = -1;
  for (let i = from; i < previous.length; i++) {
    const old = previous[i]!;
    while (change < changes.length && changes[change]!.offset <= old.range.start.offset + shift.offset) section = changes[change++]!.section;
    const index = turns.length + 1;
    turns.push(shift.lines === 0 && shift.offset === 0 && index === old.index && section === old.sectionIndex ? old : moveTurn(old, index, section, shift));
  }
}

function moveTurn(old: Turn, index: number, sectionIndex: number, shift: Shift): Turn {
  const codes: CodeAnnotation[] = [];
  for (const code of old.codes) codes.push({ ...code, range: moveRange(code.range, shift), idRange: moveRange(code.idRange, shift) });
  const goals: GoalReference[] = [];
  for (const goal of old.goals) goals.push({ ...goal, range: moveRange(goal.range, shift), idRange: moveRange(goal.idRange, shift) });
  const memos: Memo[] = [];
  for (const memo of old.memos) memos.push({ ...memo, range: moveRange(memo.range, shift) });
  const utterances: Utterance[] = [];
  for (const utterance of old.utterances) utterances.push({ ...utterance, range: moveRange(utterance.range, shift) });
  const turn: Turn = {
    ...old,
    index,
    sectionIndex,
    range: moveRange(old.range, shift),
    labelRange: moveRange(old.labelRange, shift),
    codes,
    utterances,
    goals,
    memos,
  };
  if (old.timestamp) turn.timestamp = { ...old.timestamp, range: moveRange(old.timestamp.range, shift) };
  return turn;
}

interface Shift {
  lines: number;
  offset: number;
}

function moveRange(range: Range, shift: Shift): Range {
  return { start: movePosition(range.start, shift), end: movePosition(range.end, shift) };
}

function movePosition(position: Position, shift: Shift): Position {
  return { line: position.line + shift.lines, column: position.column, offset: position.offset + shift.offset };
}
