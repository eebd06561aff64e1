import * as vscode from 'vscode';

// Which transcripts someone has open: their text comes from the editor rather than the disk, and
// they stay analysed while a tab shows them.

/** Whether VS Code has the transcript open as a document (its text then comes from the editor, not the disk). */
export function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}

/**
 * Whether someone works on the transcript in an editor: a tab shows it, or it has unsaved changes.
 * A document VS Code keeps open without a tab (it may, for minutes after its tab was closed) does not count.
 */
export function isInEditor(uri: vscode.Uri): boolean {
  const key = uri.toString();
  if (vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === key)) return true;
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUris(tab).some((u) => u.toString() === key)));
}

/** The files a tab shows: one for a text editor, two for a diff. */
export function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}
