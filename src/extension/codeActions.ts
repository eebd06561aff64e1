import * as vscode from 'vscode';
import { compatibleEdits, safeFixEdits, type Finding, type Fix, type TextEdit } from '../core';
import { DIAGNOSTIC_SOURCE } from './findings';
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
      const finding = analysis.findings.find(
        (f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && toVsRange(f.range).isEqual(diagnostic.range),
      );
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

/**
 * "Fix All Safe Problems in This File": applies the fix-all edit of the active transcript (or of
 * `uri`) from its current analysis. It does not go through `editor.action.codeAction`, which acts
 * on whichever editor has focus when it runs, and focus can move while a busy machine catches up.
 */
export async function fixAllInFile(store: SessionStore, uri?: vscode.Uri): Promise<boolean> {
  const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'session-markdown') return false;
  const version = document.version;
  const analysis = await store.analyse(document);
  // An edit typed while the analysis ran would make its ranges wrong; the next run sees it.
  if (document.version !== version) return false;
  const edits = safeFixEdits(analysis.findings);
  if (edits.length === 0) return false;
  return vscode.workspace.applyEdit(toWorkspaceEdit(document.uri, compatibleEdits(edits, document.getText().length)));
}

/** Core text edits as one workspace edit. */
export function toWorkspaceEdit(uri: vscode.Uri, edits: TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toVsRange(e.range), e.newText);
  return edit;
}
