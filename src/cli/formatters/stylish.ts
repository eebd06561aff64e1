import type { Severity } from '../../core';
import type { FileResult, FormatContext } from './index';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** One line per finding, `path:line:col  severity  message  rule-id`, then a summary line. */
export function formatStylish(results: FileResult[], { color }: FormatContext): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const rows = results.flatMap(({ path, findings }) =>
    findings.map((f) => ({ where: `${path}:${f.range.start.line}:${f.range.start.column}`, severity: f.severity, message: f.message, rule: f.ruleId })),
  );
  const whereWidth = Math.max(0, ...rows.map((r) => r.where.length));
  const lines = rows.map((r) =>
    [r.where.padEnd(whereWidth), paint(COLOURS[r.severity], r.severity.padEnd(7)), r.message, paint(DIM, r.rule)].join('  '),
  );
  const count = (s: Severity): number => rows.filter((r) => r.severity === s).length;
  const files = results.length;
  const summary =
    rows.length === 0
      ? `No problems found in ${files} file${files === 1 ? '' : 's'}.`
      : `${rows.length} problem${rows.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${files} file${files === 1 ? '' : 's'}.`;
  return [...lines, ...(lines.length > 0 ? [''] : []), rows.length === 0 ? summary : paint(count('error') > 0 ? COLOURS.error : COLOURS.warning, summary)].join('\n') + '\n';
}
