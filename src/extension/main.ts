// The extension: wired up in the extension issue; this issue ships the core and CLI.
import type * as vscode from 'vscode';

/** Called by VS Code when a session file opens. */
export function activate(_context: vscode.ExtensionContext): void {}

/** Called by VS Code on shutdown. */
export function deactivate(): void {}
