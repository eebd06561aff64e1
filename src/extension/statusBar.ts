import * as vscode from 'vscode';
import { cursorContext, type CursorContext } from '../core';
import { isSession } from './documents';
import { toOffset } from './positions';
import type { SessionStore } from './sessionStore';

export const REVEAL_CURRENT_TURN_COMMAND = 'sessionMarkdown.revealCurrentTurn';

/** The status bar text for a cursor position, e.g. `Middle · turn 42/180` (or `Middle · 180 turns` above its first turn). */
export function cursorText(context: CursorContext): string {
  const { section, turn, totalTurns } = context;
  const phase = section ? (section.phase?.name ?? section.title) : undefined;
  // Between a phase heading and its first turn, the turn before the cursor belongs to the previous phase.
  const inPhase = turn && (!section || turn.range.start.offset >= section.range.start.offset);
  const where = inPhase ? `turn ${turn.index}/${totalTurns}` : `${totalTurns} turn${totalTurns === 1 ? '' : 's'}`;
  return phase ? `${phase} · ${where}` : where;
}

/** Shows the phase and turn at the cursor of the active session; reads only the store's cached analysis. */
export function registerStatusBar(context: vscode.ExtensionContext, store: SessionStore): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('sessionMarkdown.cursor', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Session Markdown: Phase and Turn';
  const requested = new WeakSet<vscode.TextDocument>();

  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isSession(editor.document)) return item.hide();
    const analysis = store.peek(editor.document.uri);
    if (!analysis) {
      // Not analysed yet (linting may be off): ask once; the store shares the result with every feature.
      if (!requested.has(editor.document)) {
        requested.add(editor.document);
        void store.analyse(editor.document);
      }
      return item.hide();
    }
    if (analysis.skipped) {
      item.text = `$(warning) Session Markdown: live analysis off (${analysis.skipped})`;
      item.tooltip = 'This file is too large to analyse while typing. Raise sessionMarkdown.maxFileSize to analyse it.';
      item.command = { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['sessionMarkdown.maxFileSize'] };
      return item.show();
    }
    if (!analysis.linted) return item.hide();
    item.text = cursorText(cursorContext(analysis.linted.session, toOffset(editor.document, editor.selection.active)));
    item.tooltip = 'Phase and turn at the cursor. Click to select the turn and reveal it in the Current Session view.';
    item.command = REVEAL_CURRENT_TURN_COMMAND;
    item.show();
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && update()),
    store.onDidAnalyse((a) => a.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString() && update()),
    store.onDidForget(update),
  );
  update();
  return item;
}
