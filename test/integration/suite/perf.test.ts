import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, openSession, waitFor, writeWorkspaceFile } from './support';

// Editor latency, measured for `npm run bench` (bench/editor.mjs), which sets SESSIONMD_PERF_FILE
// to a 3,000-turn transcript and SESSIONMD_PERF_OUT to where the figures go. No timing is asserted:
// the benchmark reports the figures. In a plain test run this suite is skipped.
const FILE = process.env['SESSIONMD_PERF_FILE'];
const OUT = process.env['SESSIONMD_PERF_OUT'];
const EDITS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('editor latency (benchmark)', function () {
  this.timeout(300000);
  before(function () {
    if (!FILE || !OUT) this.skip();
  });

  it('measures a keystroke to updated diagnostics and tree in a 3,000-turn session', async () => {
    const extension = await api();
    await writeWorkspaceFile('perf/long.session.md', readFileSync(FILE!, 'utf8'));
    const editor = await openSession('perf/long.session.md');
    const uri = editor.document.uri;
    await waitFor('the first analysis', () => extension.store.peek(uri)?.version === editor.document.version, 60000);
    const turns = extension.store.peek(uri)!.linted!.session.turns.length;
    assert.ok(turns >= 3000, `${turns} turns`);
    const debounceMs = vscode.workspace.getConfiguration('sessionMarkdown').get<number>('lint.debounceMs', 250);
    const samples: { diagnosticsMs: number; treeMs: number }[] = [];
    const middle = Math.floor(editor.document.lineCount / 2);
    for (let i = 0; i < EDITS; i++) {
      const line = middle + i * 7;
      let diagnosticsAt = 0;
      let treeAt = 0;
      const onDiagnostics = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) diagnosticsAt ||= performance.now();
      });
      const onTree = extension.currentSessionTree.onDidChangeTreeData(() => (treeAt ||= performance.now()));
      const start = performance.now();
      await editor.edit((edit) => edit.insert(new vscode.Position(line, editor.document.lineAt(line).text.length), 'x'));
      await waitFor('diagnostics and tree after a keystroke', () => diagnosticsAt > 0 && treeAt > 0, 60000);
      onDiagnostics.dispose();
      onTree.dispose();
      samples.push({ diagnosticsMs: diagnosticsAt - start, treeMs: treeAt - start });
    }
    const report = {
      vscodeVersion: vscode.version,
      turns,
      bytes: editor.document.getText().length,
      edits: EDITS,
      debounceMs,
      activationMs: extension.activationMs,
      keystrokeToDiagnosticsMs: median(samples.map((s) => s.diagnosticsMs)),
      keystrokeToTreeMs: median(samples.map((s) => s.treeMs)),
      samples,
    };
    writeFileSync(OUT!, `${JSON.stringify(report, null, 2)}\n`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
