import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, ruleCodes, waitFor, writeWorkspaceFile } from './support';

// Turns Markdown hides (issue 11, items 14, 16, 17), in the editor: a pasted numbered transcript,
// turns under a `---`, and a code inside a comment.

const FRONT = '---\nsession: 2\ndate: 2026-03-01\nclient: C-099\nrules:\n  phase-missing: off\n---\n\n## Beginning\n\n';

describe('turns Markdown hides', () => {
  it('reports a pasted numbered transcript, and one quick fix makes its items turns', async () => {
    const uri = await writeWorkspaceFile(
      'scratch/numbered.session.md',
      `${FRONT}1. T: Hello, come in. {open-question}\n2. C: Thanks. {neutral}\n3. T: What brings you here? {open-question}\n`,
    );
    const editor = await openSession('scratch/numbered.session.md');
    await waitFor('three turn-unread diagnostics', () => ruleCodes(uri).filter((c) => c === 'turn-unread').length === 3);
    const first = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'turn-unread')!;
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    assert.match(first.message, /^Not read as a turn: this line is inside a list item/);
    assert.equal((await api()).store.peek(uri)?.linted?.session.turns.length, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      first.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const all = actions.find((a) => a.title === 'Remove the list markers of the 3 turns in this list');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit!));
    assert.ok(
      editor.document
        .getText()
        .endsWith('## Beginning\n\nT: Hello, come in. {open-question}\nC: Thanks. {neutral}\nT: What brings you here? {open-question}\n'),
    );
    await waitFor('the three turns to be read', async () => (await api()).store.peek(uri)?.linted?.session.turns.length === 3);
    await waitFor('no more problems', () => ruleCodes(uri).length === 0);
  });

  it('warns about a --- right under turns, fixes it safely, and ignores codes in comments', async () => {
    const uri = await writeWorkspaceFile(
      'scratch/underlined.session.md',
      `${FRONT}(Recording starts.)\nT: Hello <!-- {no-such-code} --> there. {open-question}\nC: Hi.\n---\n`,
    );
    const editor = await openSession('scratch/underlined.session.md');
    await waitFor('the turn-underlined warning', () => ruleCodes(uri).includes('turn-underlined'));
    assert.deepEqual(ruleCodes(uri), ['turn-underlined'], 'no phase-unknown for the lines, no code-unknown for the comment');
    await waitFor('the analysis of the open document', async () => (await api()).store.peek(uri)?.version === editor.document.version);
    const session = (await api()).store.peek(uri)!.linted!.session;
    assert.deepEqual(
      session.turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id)]),
      [
        ['T', 'Hello there.', ['open-question']],
        ['C', 'Hi.', []],
      ],
    );
    await vscode.commands.executeCommand('sessionMarkdown.fixAll', editor.document.uri);
    await waitFor('the blank line above ---', () => editor.document.getText().endsWith('C: Hi.\n\n---\n'));
    await waitFor('no more warnings', () => ruleCodes(uri).length === 0);
  });
});
