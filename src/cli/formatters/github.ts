import type { FileReport, Severity } from '../../core';
import { printable } from '../terminal';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which annotate the pull request. */
export function formatGithub(results: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const { path, findings } of results) {
    for (const f of findings) {
      const { start, end } = f.range;
      const props = [
        `file=${escapeProperty(path)}`,
        `line=${start.line}`,
        `endLine=${end.line}`,
        `col=${start.column}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(f.ruleId)}`,
      ];
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${f.message} (${f.ruleId})`)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

// Control characters become visible escapes first (the log shows them in a terminal), then Actions' own escapes apply.
function escapeData(text: string): string {
  return printable(text).replace(/%/g, '%25');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
