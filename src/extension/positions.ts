import * as vscode from 'vscode';
import type { Range } from '../core';

/** The one place where the core's 1-based ranges become VS Code's 0-based ones. */
export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

/** A VS Code position as the core's 0-based offset into the session text (which has no BOM, like VS Code's). */
export function toOffset(document: vscode.TextDocument, position: vscode.Position): number {
  return document.offsetAt(position);
}
