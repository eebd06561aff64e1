import * as vscode from 'vscode';
import { compatibleEdits, safeFixEdits, type Finding, type Fix, type TextEdit } from '../core';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toVsRange } from './positions';
import type { SessionStore } from './sessionStore';

/** The code action kind of "Fix all in this file", also run by `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('sessionMarkdown');

/** Quick fixes from the rules' fixes, plus "Fix all in this file". */
export class SessionCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(private readonly store: SessionStore) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const analysis = await this.store.analyse(document);
    // `source.fixAll` (as in editor.codeActionsOnSave) asks for every fix-all kind, ours included.
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) return this.fixAll(document, analysis.findings);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = analysis.findings.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && toVsRange(f.range).isEqual(diagnostic.range));
      finding?.fixes?.forEach((fix, i) => actions.push(this.quickFix(document, fix, diagnostic, i === 0)));
    }
    if (actions.length > 0) actions.push(...this.fixAll(document, analysis.findings, vscode.CodeActionKind.QuickFix));
    return actions;
  }

  private quickFix(document: vscode.TextDocument, fix: Fix, diagnostic: vscode.Diagnostic, first: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document.uri, fix.edits);
    action.diagnostics = [diagnostic];
    action.isPreferred = first && fix.safe;
    return action;
  }

  private fixAll(document: vscode.TextDocument, findings: Finding[], kind = FIX_ALL_KIND): vscode.CodeAction[] {
    const edits = safeFixEdits(findings);
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction('Fix all safe problems in this file', kind);
    action.edit = toWorkspaceEdit(document.uri, compatibleEdits(edits, document.getText().length));
    return [action];
  }
}

/** Core text edits as one workspace edit. */
export function toWorkspaceEdit(uri: vscode.Uri, edits: TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toVsRange(e.range), e.newText);
  return edit;
}
