import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, ruleCodes, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

const PROBLEMS = `---
session: 9
date: 2026-04-01
client: C-099
goals:
  - id: sleep
    text: Sleep better
    status: open
---

## Beginning

T: How was the week? {open-question} {#sleep}
Theraist: Did the diary help? {closed-question}
C: Some nights. {neutrl} {#mood}

## Middle

T: Let's look at the diary. {summary}

## Termination

T: We will review sleep next time. {summary} {#sleep}
`;

describe('diagnostics', () => {
  it('shows no problems for the clean example course', async () => {
    await openSession('C-017/01-intake.session.md');
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'C-017/04-sleep-window.session.md');
    // Closed files are checked too; give the workspace scan a moment, then expect nothing.
    await waitFor('the example to be analysed', async () => (await api()).store.peek(uri));
    assert.deepEqual(ruleCodes(uri), []);
  });

  it('reports problems in a closed file, with the rule ids as codes', async () => {
    const uri = await writeWorkspaceFile('scratch/closed.session.md', PROBLEMS);
    const codes = await waitFor('diagnostics of a closed file', () => (ruleCodes(uri).length >= 3 ? ruleCodes(uri) : undefined));
    assert.deepEqual(codes, ['speaker-undeclared', 'code-unknown', 'goal-undeclared']);
    const unknown = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'code-unknown')!;
    assert.equal(unknown.message, "Unknown code 'n*****' in codebook 'Core techniques'; did you mean 'neutral'?");
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([unknown.range.start.line, unknown.range.start.character], [14, 16]);
  });

  it('reads byte order marks as the CLI does: two as one, a third reported at its place and deleted by a quick fix, open or closed', async () => {
    // VS Code removes two byte order marks from what it shows; the extension and the CLI read the same text.
    const where = (d: vscode.Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
    const unknownAt = (uri: vscode.Uri) => where(vscode.languages.getDiagnostics(uri).find((d) => d.code === 'code-unknown')!);
    const two = await writeWorkspaceFile('scratch/two-boms.session.md', `\uFEFF\uFEFF${PROBLEMS}`);
    await waitFor('the findings of the closed file', () => ruleCodes(two).length === 3);
    assert.deepEqual(
      [ruleCodes(two), unknownAt(two)],
      [
        ['speaker-undeclared', 'code-unknown', 'goal-undeclared'],
        [14, 16, 14, 24],
      ],
    );
    const twoEditor = await openSession('scratch/two-boms.session.md');
    assert.equal(twoEditor.document.getText(), PROBLEMS, 'VS Code shows neither byte order mark');
    await waitFor('the analysis of the open file', async () => (await api()).store.peek(two)?.version === twoEditor.document.version);
    assert.deepEqual(
      [ruleCodes(two), unknownAt(two)],
      [
        ['speaker-undeclared', 'code-unknown', 'goal-undeclared'],
        [14, 16, 14, 24],
      ],
    );

    const three = await writeWorkspaceFile('scratch/three-boms.session.md', `\uFEFF\uFEFF\uFEFF${PROBLEMS}`);
    const closed = await waitFor('file-invalid on the closed file', () => vscode.languages.getDiagnostics(three).find((d) => d.code === 'file-invalid'));
    assert.match(closed.message, /^Line 1 starts with one byte order mark too many \(U\+FEFF, an invisible character\): Markdown reads the line as plain text/);
    assert.deepEqual([ruleCodes(three), where(closed)], [['file-invalid'], [0, 0, 0, 1]]);
    const editor = await openSession('scratch/three-boms.session.md');
    assert.equal(editor.document.getText(), `\uFEFF${PROBLEMS}`);
    const open = await waitFor(
      'file-invalid on the open file',
      async () =>
        (await api()).store.peek(three)?.version === editor.document.version && vscode.languages.getDiagnostics(three).find((d) => d.code === 'file-invalid'),
    );
    assert.deepEqual([open.message, where(open)], [closed.message, where(closed)]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      three,
      open.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const remove = actions.find((a) => a.title === 'Delete the byte order mark (U+FEFF)');
    assert.ok(remove, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(remove.edit!));
    assert.equal(editor.document.getText(), PROBLEMS);
    await waitFor('the findings of the transcript itself', () => ruleCodes(three).length === 3 && !ruleCodes(three).includes('file-invalid'));
    assert.deepEqual(
      [ruleCodes(three), unknownAt(three)],
      [
        ['speaker-undeclared', 'code-unknown', 'goal-undeclared'],
        [14, 16, 14, 24],
      ],
    );
  });

  it('applies a quick fix and updates the diagnostics', async () => {
    const uri = await writeWorkspaceFile('scratch/fix.session.md', PROBLEMS);
    const editor = await openSession('scratch/fix.session.md');
    const goal = await waitFor('the goal-undeclared diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'goal-undeclared'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      goal.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Declare goal 'mood' in the front matter"), titles.join(' | '));
    assert.ok(titles.includes('Fix all safe problems in this file'), titles.join(' | '));
    const declare = actions.find((a) => a.title === "Declare goal 'mood' in the front matter")!;
    assert.ok(await vscode.workspace.applyEdit(declare.edit!));
    assert.match(editor.document.getText(), /\n {2}- id: mood\n {4}text: "TODO: describe this goal"\n {4}status: open\n---/);
    await waitFor('goal-undeclared to disappear', () => !ruleCodes(uri).includes('goal-undeclared'));
    assert.deepEqual(ruleCodes(uri), ['speaker-undeclared', 'code-unknown']);
  });

  it('checks a session against the earlier sessions of its course, and again when one of them is edited', async () => {
    const session = (n: number, status: string) =>
      `---\nsession: ${n}\ndate: 2026-05-0${n}\nclient: C-098\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: ${status}\n---\n\n## Beginning\n\nC: About my sleep. {neutral} {#sleep}\n\n## Middle\n\nT: Tell me more. {open-question}\n\n## Termination\n\nT: We stay with your sleep. {summary} {#sleep}\n`;
    await writeWorkspaceFile('course-c/1.session.md', session(1, 'achieved'));
    const second = await writeWorkspaceFile('course-c/2.session.md', session(2, 'open'));
    const regressed = await waitFor('goal-regressed on the second session', () =>
      vscode.languages.getDiagnostics(second).find((d) => d.code === 'goal-regressed'),
    );
    assert.equal(
      regressed.message,
      "Goal 's****' went back from achieved to open since the previous session, and no memo says why: add a memo (a '>' block quote after a turn) that refers to it with {#id}",
    );
    assert.deepEqual([regressed.range.start.line, regressed.range.start.character], [5, 8]);
    // Editing the first session (unsaved) changes the second's course: its finding goes, though the second is untouched.
    const editor = await openSession('course-c/1.session.md');
    const status = editor.document.getText().indexOf('achieved');
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(editor.document.positionAt(status), editor.document.positionAt(status + 'achieved'.length)), 'open'),
    );
    await waitFor('the second session without goal-regressed', () => !ruleCodes(second).includes('goal-regressed'));
    assert.deepEqual(ruleCodes(second), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('goal-regressed back on the second session', () => ruleCodes(second).includes('goal-regressed'));
  });

  it('updates diagnostics while typing', async () => {
    await writeWorkspaceFile('scratch/typing.session.md', PROBLEMS.replace('Theraist', 'T').replace('{neutrl} {#mood}', '{neutral}'));
    const editor = await openSession('scratch/typing.session.md');
    const uri = editor.document.uri;
    await waitFor('a clean analysis', async () => (await api()).store.peek(uri)?.version === editor.document.version);
    assert.deepEqual(ruleCodes(uri), []);
    await editor.edit((edit) => edit.insert(new vscode.Position(18, 0), 'Cliant: I did try it. {change-talk}\n'));
    await waitFor('speaker-undeclared after typing', () => ruleCodes(uri).includes('speaker-undeclared'));
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'speaker-undeclared')!;
    assert.equal(diagnostic.message, "Unknown speaker 'C*****'; declared speakers are T, Therapist, C, Client");
  });

  it('fixes all safe problems in the file with one command', async () => {
    await writeWorkspaceFile('scratch/fixall.session.md', PROBLEMS.replace('{#mood}', '{#mood} {#energy}'));
    const editor = await openSession('scratch/fixall.session.md');
    await waitFor('goal-undeclared diagnostics', () => ruleCodes(editor.document.uri).includes('goal-undeclared'));
    await vscode.commands.executeCommand('sessionMarkdown.fixAll');
    await waitFor('both goals declared', () => /- id: mood[\s\S]*- id: energy/.test(editor.document.getText()));
    await waitFor('goal-undeclared to disappear', () => !ruleCodes(editor.document.uri).includes('goal-undeclared'));
    assert.match(editor.document.getText(), /Theraist: Did the diary help\?/, 'unsafe fixes (a guessed speaker) are left for a person');
  });

  it('honours rule severities from the settings, below the project config', async () => {
    const uri = await writeWorkspaceFile('scratch/settings.session.md', PROBLEMS);
    await waitFor('code-unknown in a closed file', () => ruleCodes(uri).includes('code-unknown'));
    const config = vscode.workspace.getConfiguration('sessionMarkdown');
    await config.update('rules', { 'code-unknown': 'off', 'speaker-undeclared': 'info' }, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('code-unknown to be switched off', () => !ruleCodes(uri).includes('code-unknown'));
      const speaker = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'speaker-undeclared')!;
      assert.equal(speaker.severity, vscode.DiagnosticSeverity.Information);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('code-unknown back after the setting is removed', () => ruleCodes(uri).includes('code-unknown'));
  });
});
