import { jsonText } from '../terminal';
import type { FileReport } from '../../core';

/** One JSON document: `{"files":[{"path","findings":[{ruleId,severity,message,line,column,endLine,endColumn}]}]}`. */
export function formatJson(results: readonly FileReport[]): string {
  const files = results.map(({ path, findings }) => ({
    path,
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line,
      column: f.range.start.column,
      endLine: f.range.end.line,
      endColumn: f.range.end.column,
    })),
  }));
  return jsonText({ files }, 2) + '\n';
}
