import * as vscode from 'vscode';
import type { Finding } from '../core';
import { toVsRange } from './positions';

// What the core finds, as VS Code shows it.

/** The `source` of every diagnostic the extension publishes. */
export const DIAGNOSTIC_SOURCE = 'session-md';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A finding as a VS Code diagnostic, with the rule id as its code. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.ruleId;
  return diagnostic;
}
