import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, waitFor, writeWorkspaceFile } from './support';

async function labels(tree: vscode.TreeDataProvider<unknown>, node?: unknown): Promise<{ label: string; description: string }[]> {
  const children = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { label, description: typeof item.description === 'string' ? item.description : '' };
    }),
  );
}

describe('Sessions sidebar', () => {
  it('shows goals, phases, speakers and codes of the active session', async () => {
    await openSession('C-017/04-sleep-window.session.md');
    const { currentSessionTree: tree } = await api();
    const top = await waitFor('the Current Session tree', async () => {
      const items = await labels(tree);
      return items.length > 0 ? items : undefined;
    });
    assert.deepEqual(
      top.map((i) => i.label),
      ['Goals', 'Phases', 'Speakers', 'Codes'],
    );
    const roots = (await tree.getChildren())!;
    const goals = await labels(tree, roots[0]);
    assert.deepEqual(
      goals.map((g) => g.label),
      ['sleep', 'mood', 'choir', 'running'],
    );
    const phases = await labels(tree, roots[1]);
    assert.deepEqual(
      phases.map((p) => p.label),
      ['Beginning', 'Middle', 'Termination'],
    );
    assert.ok(
      phases.every((p) => /^\d+ turns? · \d+%$/.test(p.description)),
      JSON.stringify(phases),
    );
    const speakers = await labels(tree, roots[2]);
    assert.deepEqual(
      speakers.map((s) => s.label.split(' ')[0]),
      ['T', 'C', 'P'],
    );
  });

  it('lists the workspace sessions by client, ordered by session number', async () => {
    const { allSessionsTree: tree } = await api();
    // Other suites add and delete transcripts of their own, some copies of C-017's (the tree
    // rebuilds at most every 200 ms): wait for the tree to show the examples' course as it is on disk.
    const files = await vscode.workspace.findFiles('C-017/*.session.md');
    assert.equal(files.length, 3);
    let shown: { label: string; description: string }[] = [];
    await waitFor('C-017 with its three sessions in the All Sessions tree', async () => {
      const roots = (await tree.getChildren()) ?? [];
      const items = await labels(tree);
      const course = roots[items.findIndex((i) => i.label === 'C-017')];
      shown = course ? await labels(tree, course) : [];
      return shown.length === files.length;
    }).catch(() => assert.fail(`the C-017 group shows ${JSON.stringify(shown)}`));
    assert.deepEqual(
      shown.map((s) => s.label.split(' · ')[0]),
      ['Session 1', 'Session 4', 'Session 8'],
    );
    assert.deepEqual(
      shown.map((s) => s.description),
      ['3/3 phases · 0 problems', 'gap: 2–3 · 3/3 phases · 0 problems', 'gap: 5–7 · 3/3 phases · 0 problems'],
    );
  });

  it("shows a client's course as stages in session order, marking a gap and a session out of order on it and on its group", async () => {
    const { allSessionsTree: tree } = await api();
    const session = (n: number, date: string, stage: string) =>
      `---\nsession: ${n}\ndate: ${date}\nclient: C-555\nstage: ${stage}\n---\n\n## Beginning\n\nT: How are you? {open-question}\n`;
    await writeWorkspaceFile('course-t/1.session.md', session(1, '2026-01-05', 'intake'));
    await writeWorkspaceFile('course-t/2.session.md', session(2, '2026-01-12', 'termination'));
    await writeWorkspaceFile('course-t/4.session.md', session(4, '2026-01-26', 'working'));
    let shown: { label: string; description: string }[] = [];
    const group = await waitFor('C-555 with its three sessions in the All Sessions tree', async () => {
      const roots = (await tree.getChildren()) ?? [];
      const items = await labels(tree);
      const index = items.findIndex((i) => i.label === 'C-555');
      shown = index >= 0 ? await labels(tree, roots[index]) : [];
      return shown.length === 3 && roots[index];
    }).catch(() => assert.fail(`the C-555 group shows ${JSON.stringify(shown)}`));
    assert.deepEqual(
      shown.map((s) => [s.label, s.description.replace(/(^| · )\d\/3 phases · \d+ problems?$/, '')]),
      [
        ['Session 1 · intake · 2026-01-05', ''],
        ['Session 2 · termination · 2026-01-12', ''],
        ['Session 4 · working · 2026-01-26', 'gap: 3 · out of order'],
      ],
    );
    const item = await tree.getTreeItem(group);
    assert.equal(item.description, '3 sessions · 1 gap · 1 out of order');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(
      tooltip,
      /- Stages: 1 intake → 2 termination → 4 working\n- Missing: session 3\n- Out of order: .*stage working comes after termination \\\(session 2\\\)/,
    );
    assert.equal((item.iconPath as vscode.ThemeIcon).color?.id, 'list.warningForeground');
  });

  it('reveals a turn when a goal reference is clicked', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { currentSessionTree: tree } = await api();
    const roots = (await tree.getChildren())!;
    const sleep = (await tree.getChildren(roots[0]))![0]!;
    const firstReference = (await tree.getChildren(sleep))![0]!;
    const item = await tree.getTreeItem(firstReference);
    assert.equal(item.command?.command, 'sessionMarkdown.revealRange');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    const selected = active.document.getText(active.selection);
    assert.match(selected, /\{#sleep\}/, 'the selection is the turn that references the goal');
    assert.ok(active.selection.start.line > 0);
  });

  it('shows the phase and turn at the cursor in the status bar, and reveals the current turn', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statusBar, store } = await api();
    const text = editor.document.getText();
    const offset = text.indexOf('Tell me about the better part.');
    const cursor = editor.document.positionAt(offset);
    editor.selection = new vscode.Selection(cursor, cursor);
    const turns = store.peek(editor.document.uri)!.linted!.session.turns.length;
    // The item follows the selection; wait for it to catch up with the new cursor.
    await waitFor(`'Beginning · turn 3/${turns}' in the status bar`, () => statusBar.text === `Beginning · turn 3/${turns}`);
    await vscode.commands.executeCommand('sessionMarkdown.revealCurrentTurn');
    assert.equal(editor.document.getText(editor.selection), '[00:15] T: Mixed but better. Tell me about the better part. {reflection.simple} {open-question}');
  });
});
