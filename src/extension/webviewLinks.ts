import * as vscode from 'vscode';

// VS Code polls a webview's focus every 250 ms (webview/browser/pre/index.html, trackFocus), so the
// report that a click on a link focused the panel can come after the link's command has moved the
// focus to an editor. A report later than this is taken as the user's own move to the panel.
const LATE_FOCUS_REPORT_MS = 1000;

// How long the state of tabs and panels is given to settle before it is read.
const SETTLE_MS = 50;

/**
 * Opens `uri` from a link in `panel`: in the column where it is already visible, otherwise on the
 * other side of the panel, with the focus in the editor, and keeps the focus there when VS Code
 * reports the click's focus on the panel late. Without this, the panel's group becomes active again
 * under the editor's cursor, at random.
 */
export async function showFromPanel(panel: vscode.WebviewPanel, uri: vscode.Uri, selection?: vscode.Range): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const column = visible?.viewColumn ?? (panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, ...(selection ? { selection } : {}) });
  const stop = (): void => {
    clearTimeout(timer);
    lateReport.dispose();
  };
  const lateReport = panel.onDidChangeViewState(({ webviewPanel }) => {
    if (!webviewPanel.active) return;
    stop();
    // The editor's tab and the panel's state reach the extension in separate messages: decide once both have.
    setTimeout(() => {
      if (panel.active && stillShown(editor))
        void vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false }).then(undefined, () => undefined);
    }, SETTLE_MS);
  });
  const timer = setTimeout(stop, LATE_FOCUS_REPORT_MS);
  return editor;
}

// Closed or replaced meanwhile, the editor is not shown: the user has moved on, and the panel is active for that.
function stillShown(editor: vscode.TextEditor): boolean {
  const uri = editor.document.uri.toString();
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === editor.viewColumn);
  const tab = group?.activeTab?.input;
  return vscode.window.visibleTextEditors.includes(editor) && tab instanceof vscode.TabInputText && tab.uri.toString() === uri;
}
