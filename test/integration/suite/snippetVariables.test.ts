import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as vscode from 'vscode';
import { literalSnippetVariables } from '../../../src/core/language/snippets';
import { openSession, waitFor, writeWorkspaceFile } from './support';

// In Restricted Mode a library's snippet variables ($CLIPBOARD, ${TM_FILEPATH}, …) are inserted
// as written: a library from a colleague's folder must not copy the clipboard or local paths
// into a transcript. Tab stops, placeholders and choices keep working.

const EXPECT_RESTRICTED_MODE = process.env.SESSIONMD_TEST_RESTRICTED === '1';
const CLIPBOARD = 'clipboard-secret-4711';

const LIBRARY = `name: Variables library
codes:
  - id: probe
    label: Probe
    role: therapist
    snippets:
      - label: Probe with variables
        body: "T: You said \${1:something} ($CLIPBOARD, \${TM_FILEPATH}, \${2|sad,angry|}) {probe}"
        phases: [Beginning]
`;
const INSERTED = 'T: You said something ($CLIPBOARD, ${TM_FILEPATH}, sad) {probe}';

const SESSION = `---
session: 1
date: 2026-05-02
client: C-321
codebook: variables.codebook.yaml
---

## Beginning

C: Hello.
`;

async function appendLine(editor: vscode.TextEditor): Promise<vscode.Position> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((e) => e.insert(end, '\n'));
  const at = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(at, at);
  return at;
}

/** Inserts a snippet at the end and returns what it added, then removes it again. */
async function insertAtEnd(editor: vscode.TextEditor, snippet: vscode.SnippetString): Promise<string> {
  const at = await appendLine(editor);
  const offset = editor.document.offsetAt(at);
  assert.ok(await editor.insertSnippet(snippet, at));
  await vscode.commands.executeCommand('leaveSnippet');
  const inserted = editor.document.getText().slice(offset);
  await editor.edit((e) => e.delete(new vscode.Range(editor.document.positionAt(offset - 1), editor.document.positionAt(editor.document.getText().length))));
  return inserted;
}

function assertLiteral(text: string): void {
  assert.ok(!text.includes(CLIPBOARD), `the clipboard was inserted: ${text}`);
  assert.ok(!text.includes('probe.session.md'), `the file name or path was inserted: ${text}`);
}

describe('snippet variables in Restricted Mode', () => {
  let editor: vscode.TextEditor;

  before(async function () {
    if (!EXPECT_RESTRICTED_MODE) this.skip(); // only the code-server run opens the folder untrusted
    assert.equal(vscode.workspace.isTrusted, false);
    await writeWorkspaceFile('snippet-vars/variables.codebook.yaml', LIBRARY);
    await writeWorkspaceFile('snippet-vars/probe.session.md', SESSION);
    await vscode.env.clipboard.writeText(CLIPBOARD);
    editor = await openSession('snippet-vars/probe.session.md');
    // The test can fail: this VS Code does resolve $CLIPBOARD and $TM_FILEPATH in a snippet the test itself inserts.
    const resolved = await insertAtEnd(editor, new vscode.SnippetString('$CLIPBOARD $TM_FILEPATH'));
    assert.equal(resolved, `${CLIPBOARD} ${editor.document.uri.fsPath}`, 'VS Code resolves snippet variables here');
  });

  it('Insert Technique inserts a library snippet with $CLIPBOARD and ${TM_FILEPATH} as written, placeholders and choices working', async () => {
    await appendLine(editor);
    const before = editor.document.getText();
    const running = vscode.commands.executeCommand('sessionMarkdown.insertTechnique');
    // The library is the session's codebook and its snippet is written for the cursor's phase, so it is the first item of the list.
    await waitFor('the technique to be inserted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return editor.document.getText() !== before;
    });
    await running;
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText();
    assertLiteral(text);
    assert.equal(text.slice(before.length), INSERTED);
  });

  it('completion inserts the same snippet as written', async () => {
    // A therapist snippet is offered after a client turn.
    await editor.edit((e) => e.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\nC: Fine.'));
    const at = await appendLine(editor);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    const item = list.items.find((i) => label(i) === 'Probe with variables');
    assert.ok(item, `no completion for the library snippet: ${list.items.map(label).join(', ')}`);
    assert.ok(item.insertText instanceof vscode.SnippetString);
    const before = editor.document.getText();
    assert.ok(await editor.insertSnippet(item.insertText, at));
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText();
    assertLiteral(text);
    assert.equal(text.slice(before.length), INSERTED);
  });

  it('leaves no variable for VS Code to resolve in any body, by VS Code’s own snippet parser (property, 60 bodies)', async () => {
    const pieces = [
      '$CLIPBOARD',
      '${CLIPBOARD}',
      '${CLIPBOARD:x}',
      '$TM_FILEPATH',
      '${TM_FILEPATH/(.*)/$1/}',
      '${RELATIVE_FILEPATH}',
      '$1',
      '${1:a}',
      '${2|b,c|}',
      '${1:',
      '${',
      '}',
      '{',
      '$',
      '\\',
      '\\$',
      '|',
      ',',
      ':',
      '/',
      'a',
      ' ',
    ];
    const bodies = fc.sample(
      fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')),
      { seed: 20260314, numRuns: 60 },
    );
    for (const body of bodies) {
      const inserted = await insertAtEnd(editor, new vscode.SnippetString(literalSnippetVariables(body)));
      assertLiteral(inserted);
    }
  });
});
