import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

const OPEN_CELL = 'sessionMarkdown.openGoalProgressCell';
const SHOW_COURSE = 'sessionMarkdown.showGoalProgressCourse';

/** The text of the table's rows, tags dropped: `sleep|open|14 turns|…`. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<span class="text">.*?<\/span>/g, '')
      .replace(/<br>/g, ' ')
      .replace(/<[^>]+>/g, '|')
      .replace(/\|+/g, '|')
      .replace(/^\||\|$/g, ''),
  );
}

/** The command link of the cell of `goal` in the session whose file ends with `file`. */
function cellLink(html: string, goal: string, session: number): { command: string; args: unknown[] } {
  const link = new RegExp(`<a href="command:([\\w.]+)\\?([^"]*)" aria-label="${goal} in session ${session}: `).exec(html);
  assert.ok(link, `a link in the cell of ${goal} in session ${session}`);
  return { command: link[1]!, args: JSON.parse(decodeURIComponent(link[2]!)) as unknown[] };
}

describe('Show Goal Progress', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("shows the goals of the active session's course over its sessions, with each status and the turns that address the goal", async () => {
    await openSession('C-017/04-sleep-window.session.md');
    const { goalProgress } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showGoalProgress');
    const html = await waitFor('the goal progress of C-017 with its three sessions', () => goalProgress.html?.includes('Session 8') && goalProgress.html);
    assert.match(html, /<h1>Goal progress: C-017<\/h1>/);
    // The figures `session-md goals examples` prints (docs/research.md).
    assert.deepEqual(rows(html), [
      'Goal|Session 1 |2026-01-13| |intake|Session 4 |2026-02-03| |working|Session 8 |2026-03-10| |termination',
      'sleep|open|14 turns|in-progress|19 turns|achieved|17 turns',
      'mood|open|9 turns|in-progress|4 turns|achieved|9 turns',
      'choir|open|7 turns|open|10 turns|achieved|7 turns',
      'running|open|7 turns|open|3 turns|dropped|5 turns',
      'walking|–|0 turns|–|0 turns|open|5 turns',
    ]);
    assert.doesNotMatch(html, /<script/);
    assert.deepEqual([goalProgress.webviewOptions?.enableScripts, goalProgress.webviewOptions?.enableCommandUris], [false, [OPEN_CELL, SHOW_COURSE]]);
  });

  it('opens the session of a clicked cell at its first reference to the goal, and ignores links to anything else', async () => {
    await openSession('C-017/01-intake.session.md');
    const { goalProgress, store } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showGoalProgress');
    const html = await waitFor('the goal progress of C-017', () => goalProgress.html?.includes('Session 8') && goalProgress.html);
    const { command, args } = cellLink(html, 'mood', 8);
    assert.equal(command, OPEN_CELL);
    // What VS Code does when the link is clicked (test/integration/goalProgressView.mjs clicks one).
    await vscode.commands.executeCommand(command, ...args);
    const editor = await waitFor('session 8 in the editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/C-017/08-termination.session.md') && active;
    });
    const session = store.peek(editor.document.uri)!.linted!.session;
    const first = session.turns.flatMap((t) => t.goals).find((g) => g.id === 'mood')!;
    assert.equal(editor.selection.start.line, first.range.start.line - 1);
    assert.equal(editor.document.getText(editor.selection), '{#mood}');

    // Anything but a goal and a session of the shown course is ignored: another file, even a transcript of the workspace, is not opened.
    const intake = vscode.Uri.joinPath(workspaceRoot(), 'C-017/01-intake.session.md').toString();
    const elsewhere = vscode.Uri.joinPath(workspaceRoot(), 'README.md').toString();
    for (const bad of [
      ['nothing', intake],
      ['mood', elsewhere],
      ['mood', 'file:///etc/passwd'],
      [0, 0],
      [{}, null],
    ])
      await vscode.commands.executeCommand(OPEN_CELL, ...bad);
    await vscode.commands.executeCommand(SHOW_COURSE, 'C-404');
    await vscode.commands.executeCommand(SHOW_COURSE, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), '{#mood}');
    assert.equal(goalProgress.shownCourse?.course, 'C-017');
  });

  it('opens a session that declares a goal without referencing it at the declaration', async () => {
    await openSession('C-017/01-intake.session.md');
    const { goalProgress } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showGoalProgress');
    const line = '[00:00:04] T: Nothing about goals here.';
    const uri = await writeWorkspaceFile(
      'C-017/09-booster.session.md',
      `---\nsession: 9\nclient: C-017\ngoals:\n  - id: walking\n    text: Walk\n    status: in-progress\n---\n\n## Beginning\n\n${line}\n`,
    );
    try {
      const html = await waitFor('the booster session as a column', () => goalProgress.html?.includes('Session 9') && goalProgress.html);
      assert.match(
        rows(html).find((r) => r.startsWith('walking|'))!,
        /\|in-progress\|0 turns$/,
      );
      const { command, args } = cellLink(html, 'walking', 9);
      await vscode.commands.executeCommand(command, ...args);
      const editor = await waitFor(
        'session 9 in the editor',
        () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor,
      );
      assert.equal(editor.selection.start.line, 4);
      assert.equal(editor.document.getText(editor.selection), 'walking');
    } finally {
      // The session's editor, not the panel.
      await vscode.window.tabGroups.close(
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
      );
      await vscode.workspace.fs.delete(uri);
    }
    await waitFor('the booster session gone again', () => goalProgress.html?.includes('Session 8') && !goalProgress.html.includes('Session 9'));
  });

  it('follows edits, and shows another course when asked or when one of its sessions becomes active', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { goalProgress } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showGoalProgress');
    await waitFor('the goal progress of C-017', () => goalProgress.html?.includes('Session 8'));

    // A turn about walking in session 4: one turn, and no status, since session 4 does not declare it.
    const line = editor.document.getText().split('\n').indexOf('## Termination') + 2;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'T: And walking? {open-question} {#walking}\n'));
    await waitFor('a turn about walking in session 4', () => goalProgress.html && rows(goalProgress.html).includes('walking|–|0 turns|–|1 turn|open|5 turns'));
    await editor.edit((e) => e.delete(new vscode.Range(line, 0, line + 1, 0)));
    await waitFor('the edit undone', () => goalProgress.html && rows(goalProgress.html).includes('walking|–|0 turns|–|0 turns|open|5 turns'));
    await vscode.commands.executeCommand('workbench.action.files.revert');

    await writeWorkspaceFile(
      'other/1.session.md',
      '---\nsession: 1\nclient: C-771\ngoals:\n  - id: work\n    text: Work\n    status: open\n---\n\n## Beginning\n\nT: Hi. {#work}\n',
    );
    try {
      const html = await waitFor('a link to the other course', () => goalProgress.html?.includes('>C-771</a>') && goalProgress.html);
      assert.match(html, /<strong aria-current="page">C-017<\/strong>/);
      const [, args] = /<a href="command:sessionMarkdown\.showGoalProgressCourse\?([^"]*)">C-771<\/a>/.exec(html)!;
      await vscode.commands.executeCommand(SHOW_COURSE, ...(JSON.parse(decodeURIComponent(args!)) as unknown[]));
      await waitFor('the course C-771', () => goalProgress.html?.includes('<h1>Goal progress: C-771</h1>'));
      assert.deepEqual(rows(goalProgress.html!), ['Goal|Session 1', 'work|open|1 turn']);

      // Back to C-017 when another of its sessions becomes active, in the same panel, without taking the focus.
      const intake = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'C-017/01-intake.session.md'));
      await vscode.window.showTextDocument(intake, vscode.ViewColumn.One);
      await waitFor('the course C-017 again', () => goalProgress.html?.includes('<h1>Goal progress: C-017</h1>'));
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), intake.uri.toString());
      const panels = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sessionMarkdown.goalProgress'));
      assert.equal(panels.length, 1, 'one goal progress panel');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'other'), { recursive: true });
    }
    await waitFor('the other course gone', () => goalProgress.html?.includes('Session 8') && !goalProgress.html.includes('C-771'));
  });
});
