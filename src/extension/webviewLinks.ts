import * as vscode from 'vscode';

// VS Code polls a webview's focus every 250 ms (webview/browser/pre/index.html, trackFocus), so the
// report that a click on a link focused the panel can come after the link's command has moved the
// focus to an editor, and make the panel's group active again under the editor's cursor. Within
// this time after the editor is shown, the panel is checked, on each change and at these times.
const LATE_FOCUS_CHECKS_MS = [300, 600, 1000];
// The editor's tab and the panel's state reach the extension in separate messages: how long both are given.
const SETTLE_MS = 50;

/**
 * Opens `uri` from a link in `panel`: in the column where it is already visible, otherwise on the
 * other side of the panel, with the focus in the editor; and keeps the focus there when VS Code
 * reports the click's focus on the panel late.
 */
export async function showFromPanel(panel: vscode.WebviewPanel, uri: vscode.Uri, selection?: vscode.Range): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const column = visible?.viewColumn ?? (panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, ...(selection ? { selection } : {}) });
  keepFocus(panel, editor);
  return editor;
}

// Gives the focus back to `editor` once if `panel` becomes active while the editor is still shown.
function keepFocus(panel: vscode.WebviewPanel, editor: vscode.TextEditor): void {
  let done = false;
  const check = (): void => {
    if (done || !panel.active || !stillShown(editor)) return;
    done = true;
    void vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false }).then(undefined, () => undefined);
  };
  const timers = LATE_FOCUS_CHECKS_MS.map((ms) => setTimeout(check, ms));
  const listeners = [panel.onDidChangeViewState(() => void setTimeout(check, SETTLE_MS)), panel.onDidDispose(() => stop())];
  const stop = (): void => {
    done = true;
    for (const timer of timers) clearTimeout(timer);
    for (const listener of listeners) listener.dispose();
  };
  timers.push(setTimeout(stop, LATE_FOCUS_CHECKS_MS.at(-1)! + SETTLE_MS));
}

// Closed or replaced meanwhile, the editor is not shown: the user has moved on, and the panel is active for that.
function stillShown(editor: vscode.TextEditor): boolean {
  const uri = editor.document.uri.toString();
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === editor.viewColumn);
  const tab = group?.activeTab?.input;
  return vscode.window.visibleTextEditors.includes(editor) && tab instanceof vscode.TabInputText && tab.uri.toString() === uri;
}
