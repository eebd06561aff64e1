import type * as vscode from 'vscode';

/** Whether a document is a transcript this extension analyses. */
export function isSession(document: vscode.TextDocument): boolean {
  return document.languageId === 'session-markdown';
}

/** Whether a document is a codebook or technique library. */
export function isLibrary(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && document.uri.path.endsWith('.codebook.yaml');
}
