import type { Memo } from '../model';
import type { MemoGrouping } from '../research/query/memoRows';
import { escapeControls } from '../text/controls';
import { joinMarkdown, markdown, markdownCode, type Markdown } from '../text/markdown';
import { excerpt, LABEL_EXCERPT, sessionName, TOOLTIP_EXCERPT, turnPlace, type RowView, type TurnInSession } from './segmentText';

// The Memos view of the Sessions sidebar as plain data: every memo of the workspace with its
// session, turn and phase, grouped by session or by the codes of the turn it follows. A group's
// memos become rows a page at a time, as the Coded Segments view's turns do.

/** A memo with the turn it follows, as the query core collects them (`MemoEntry`). */
export interface MemoInSession extends TurnInSession {
  memo: Memo;
  /** The codes of the turn the memo follows. */
  codes: string[];
}

/** The group of memos whose turn carries no code, when grouped by code. */
export const UNCODED = '(turn without a code)';

/** How many memos of a group one page shows. */
export const MEMO_PAGE = 50;

/** A row of the Memos tree: a session or a code, a memo, or the row that shows a group's next page. */
export type MemosNode =
  | { kind: 'group'; id: string; label: string; grouping: MemoGrouping; memos: MemoInSession[] }
  | { kind: 'memo'; id: string; grouping: MemoGrouping; entry: MemoInSession }
  | { kind: 'more'; id: string; group: MemosNode & { kind: 'group' }; hidden: number };

/** Groups the memos by session (in the order given) or by code (by id, the uncoded last); a memo under each code of its turn. */
export function buildMemosNodes(entries: readonly MemoInSession[], grouping: MemoGrouping): (MemosNode & { kind: 'group' })[] {
  const groups = new Map<string, { label: string; memos: MemoInSession[] }>();
  const add = (key: string, label: string, entry: MemoInSession): void => {
    const group = groups.get(key);
    if (group) group.memos.push(entry);
    else groups.set(key, { label, memos: [entry] });
  };
  for (const entry of entries) {
    if (grouping === 'session') add(entry.file, sessionName(entry.session, entry.file), entry);
    else if (entry.codes.length === 0) add(UNCODED, UNCODED, entry);
    else for (const code of new Set(entry.codes)) add(`code:${code}`, escapeControls(code), entry);
  }
  const keys = [...groups.keys()];
  if (grouping === 'code') keys.sort((a, b) => Number(a === UNCODED) - Number(b === UNCODED) || a.localeCompare(b));
  return keys.map((key) => ({ kind: 'group', id: `${grouping}:${key}`, label: groups.get(key)!.label, grouping, memos: groups.get(key)!.memos }));
}

/** The children of a row: a group's first `shown` memos, and a "more" row for the rest. */
export function memosChildren(node: MemosNode, shown = MEMO_PAGE): MemosNode[] {
  if (node.kind !== 'group') return [];
  const page = node.memos.slice(0, Math.max(0, shown));
  const rows: MemosNode[] = page.map((entry) => ({
    kind: 'memo',
    id: `${node.id}@${entry.file}#${entry.memo.range.start.offset}`,
    grouping: node.grouping,
    entry,
  }));
  const hidden = node.memos.length - page.length;
  if (hidden > 0) rows.push({ kind: 'more', id: `${node.id}@more`, group: node, hidden });
  return rows;
}

/** What a row of the Memos tree shows. */
export function memosView(node: MemosNode): RowView {
  switch (node.kind) {
    case 'group': {
      const n = node.memos.length;
      return { label: node.label, description: `${n} memo${n === 1 ? '' : 's'}`, fold: 'collapsed' };
    }
    case 'memo': {
      const { entry } = node;
      // Grouped by session, the session is the group; by code, each row says its session.
      const place = turnPlace(entry, node.grouping === 'code');
      return {
        label: excerpt(entry.memo.text, LABEL_EXCERPT),
        description: `${place} · ${escapeControls(entry.turn.label)}`,
        tooltip: memoTooltip(entry),
        fold: 'none',
        reveal: { file: entry.file, range: entry.memo.range },
      };
    }
    case 'more':
      return { label: `${node.hidden} more…`, description: `show the next ${Math.min(MEMO_PAGE, node.hidden)}`, fold: 'none' };
  }
}

function memoTooltip(entry: MemoInSession): Markdown {
  const { turn } = entry;
  const lines: Markdown[] = [
    markdown`**${sessionName(entry.session, entry.file)}** · ${entry.phase ?? 'before the first phase'} · after turn ${turn.index} (${turn.label})`,
    markdown`${excerpt(entry.memo.text, TOOLTIP_EXCERPT)}`,
  ];
  if (entry.codes.length > 0) lines.push([...new Set(entry.codes)].reduce((line, id) => markdown`${line} ${markdownCode(id)}`, markdown`Codes of the turn:`));
  return joinMarkdown(lines, '\n\n');
}
