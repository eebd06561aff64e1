import type { SegmentRow } from '../core';
import { printable } from './terminal';

// `session-md query` as a table for reading in a terminal: one line per row, the text cut to the
// width left (confidential text stays a bounded excerpt on screen), and a count at the end. CSV
// and JSONL, for analysis, carry the whole text (formatSegmentRows in the core).

/** What the table says besides the rows. */
export interface TableContext {
  unit: 'turn' | 'utterance';
  /** Transcripts searched. */
  files: number;
  /** Turns or utterances that matched. */
  matches: number;
  context: number;
  /** The terminal's width, when known. */
  columns?: number;
}

/** The text of a table row is cut to this many characters when the terminal's width is unknown. */
const DEFAULT_TEXT_WIDTH = 60;
const MIN_TEXT_WIDTH = 20;

/** The rows as a table: file, turn, phase, speaker, codes, text; with context, `>` marks the matches and a blank line separates runs of turns that are not adjacent. */
export function segmentTable(rows: readonly SegmentRow[], context: TableContext): string {
  const what = context.unit === 'turn' ? 'turn' : 'utterance';
  const hitFiles = new Set(rows.filter((row) => row.match === 'hit').map((row) => row.file)).size;
  const summary = `${context.matches} ${what}${context.matches === 1 ? '' : 's'} matched in ${hitFiles} of ${context.files} file${context.files === 1 ? '' : 's'}.\n`;
  if (rows.length === 0) return summary;
  const marked = context.context > 0;
  const head = [...(marked ? [''] : []), 'file', context.unit === 'turn' ? 'turn' : 'turn.utt', 'phase', 'speaker', 'codes'];
  const cells = rows.map((row) => [
    ...(marked ? [row.match === 'hit' ? '>' : ''] : []),
    row.file,
    'utterance' in row && row.utterance !== null ? `${row.turn}.${row.utterance}` : String(row.turn),
    row.phase ?? '',
    row.speaker,
    row.codes.join(' '),
  ]);
  const printed = [head, ...cells].map((line) => line.map((cell) => cut(printable(cell), 40)));
  const widths = head.map((_, i) => Math.max(...printed.map((line) => line[i]!.length)));
  const used = widths.reduce((sum, width) => sum + width + 2, 0);
  const textWidth = context.columns === undefined ? DEFAULT_TEXT_WIDTH : Math.max(MIN_TEXT_WIDTH, context.columns - used);
  const line = (cellsOf: string[], text: string): string => [...cellsOf.map((cell, i) => cell.padEnd(widths[i]!)), text].join('  ').trimEnd();
  const lines = [line(printed[0]!, 'text')];
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    if (marked && previous && (previous.file !== row.file || row.turn > previous.turn + 1)) lines.push('');
    lines.push(line(printed[i + 1]!, cut(printable(row.text), textWidth)));
  });
  return `${lines.join('\n')}\n\n${summary}`;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
