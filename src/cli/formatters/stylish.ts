import type { FileReport, Severity } from '../../core';
import { COLOUR, printable } from '../terminal';
import type { FormatContext } from './types';

const COLOURS: Record<Severity, string> = { error: COLOUR.red, warning: COLOUR.yellow, info: COLOUR.cyan };
const DIM = COLOUR.dim;
const RESET = COLOUR.reset;

/** One line per finding, `path:line:col  severity  message  rule-id`, then a summary line. */
export function formatStylish(results: readonly FileReport[], { color }: FormatContext): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const rows = results.flatMap(({ path, findings }) =>
    findings.map((f) => ({
      where: `${printable(path)}:${f.range.start.line}:${f.range.start.column}`,
      severity: f.severity,
      message: printable(f.message),
      rule: printable(f.ruleId),
    })),
  );
  const whereWidth = Math.max(0, ...rows.map((r) => r.where.length));
  const lines = rows.map((r) => [r.where.padEnd(whereWidth), paint(COLOURS[r.severity], r.severity.padEnd(7)), r.message, paint(DIM, r.rule)].join('  '));
  const count = (s: Severity): number => rows.filter((r) => r.severity === s).length;
  const files = results.length;
  const summary =
    rows.length === 0
      ? `No problems found in ${files} file${files === 1 ? '' : 's'}.`
      : `${rows.length} problem${rows.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${files} file${files === 1 ? '' : 's'}.`;
  return (
    [...lines, ...(lines.length > 0 ? [''] : []), rows.length === 0 ? summary : paint(count('error') > 0 ? COLOURS.error : COLOURS.warning, summary)].join(
      '\n',
    ) + '\n'
  );
}
