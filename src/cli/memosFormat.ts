import type { MemoGrouping, MemoRow } from '../core';
import { printable } from './terminal';

// `session-md memos` as text for a terminal: a heading per file (or per code) and a line per memo,
// each memo cut to the width left, so that confidential text stays a bounded excerpt on screen.

/** What the table needs besides the rows. */
export interface MemoTableContext {
  grouping: MemoGrouping;
  files: number;
  columns?: number;
}

const DEFAULT_MEMO_WIDTH = 70;
const MIN_MEMO_WIDTH = 20;

/** The memos under a heading per file (by session) or per code, each as `turn  phase  speaker  codes  memo`. */
export function memoTable(rows: readonly MemoRow[], context: MemoTableContext): string {
  const memos = new Set(rows.map((row) => `${row.file}\0${row.turn}\0${row.memo}`)).size;
  const summary = `${memos} memo${memos === 1 ? '' : 's'} in ${context.files} file${context.files === 1 ? '' : 's'}.\n`;
  if (rows.length === 0) return summary;
  const headingOf = (row: MemoRow): string => (context.grouping === 'code' ? (row.code ?? 'no code') : row.file);
  const cellsOf = (row: MemoRow): string[] => [
    ...(context.grouping === 'code' ? [row.file] : []),
    `turn ${row.turn}`,
    row.phase ?? '',
    row.speaker,
    ...(context.grouping === 'code' ? [] : [row.codes.join(' ')]),
  ];
  const printed = rows.map((row) => cellsOf(row).map((cell) => cut(printable(cell), 40)));
  const widths = printed[0]!.map((_, i) => Math.max(...printed.map((line) => line[i]!.length)));
  const used = 2 + widths.reduce((sum, width) => sum + width + 2, 0);
  const memoWidth = context.columns === undefined ? DEFAULT_MEMO_WIDTH : Math.max(MIN_MEMO_WIDTH, context.columns - used);
  const lines: string[] = [];
  rows.forEach((row, i) => {
    if (i === 0 || headingOf(rows[i - 1]!) !== headingOf(row)) lines.push(...(i === 0 ? [] : ['']), printable(headingOf(row)));
    const cells = printed[i]!.map((cell, k) => cell.padEnd(widths[k]!));
    lines.push(`  ${[...cells, cut(printable(row.memo.replace(/\s+/g, ' ')), memoWidth)].join('  ')}`.trimEnd());
  });
  return `${lines.join('\n')}\n\n${summary}`;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
