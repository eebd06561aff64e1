import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { snippetInsertText } from '../../../src/core';
import { techniqueSnippets, type TechniqueSnippet } from '../../../src/core/language/snippets';
import { acceptUntil, api, deleteWorkspaceFolder, openSession, writeWorkspaceFile } from './support';

/** Placeholders as VS Code fills them in when a snippet is inserted: their default text. */
function asInserted(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('Insert Technique…', () => {
  const FILE = 'techniques/middle.session.md';
  const TEXT = `---
session: 3
date: 2026-05-02
client: C-778
codebook: core
---

## Beginning

T: Welcome back. {other}
C: Thanks. {neutral}

## Middle

T: How did the experiment go? {open-question}
C: It was a bad week. {sustain-talk}
`;

  after(async () => {
    await deleteWorkspaceFolder('techniques');
  });

  /** Puts the cursor on a new line after `line`, runs Insert Technique, accepts the first item, and undoes it again. */
  async function firstOffered(editor: vscode.TextEditor, line: string): Promise<TechniqueSnippet> {
    const end = editor.document.lineAt(editor.document.getText().split('\n').indexOf(line)).range.end;
    await editor.edit((e) => e.insert(end, '\n'));
    const at = end.translate(1, -end.character);
    editor.selection = new vscode.Selection(at, at);
    const before = editor.document.getText();
    const running = vscode.commands.executeCommand('sessionMarkdown.insertTechnique');
    await acceptUntil('a technique to be inserted', () => editor.document.getText() !== before);
    await running;
    await vscode.commands.executeCommand('leaveSnippet');
    const inserted = editor.document.lineAt(at.line).text;
    const { store } = await api();
    const analysis = await store.analyse(editor.document);
    const entry = techniqueSnippets(analysis.codebook!).find((e) => asInserted(snippetInsertText(e, analysis.linted!.session)) === inserted);
    assert.ok(entry, `no snippet inserts '${inserted}'`);
    await editor.edit((e) => e.delete(new vscode.Range(end, editor.document.lineAt(at.line).range.end)));
    assert.equal(editor.document.getText(), TEXT);
    return entry;
  }

  it("offers first the therapist's techniques written for the Middle after a client turn in the Middle", async () => {
    await writeWorkspaceFile(FILE, TEXT);
    const editor = await openSession(FILE);
    const first = await firstOffered(editor, 'C: It was a bad week. {sustain-talk}');
    assert.ok(
      first.snippet.phases?.includes('Middle'),
      `'${first.snippet.label}' (${first.library}) is for ${first.snippet.phases?.join(', ') ?? 'any phase'}`,
    );
    assert.ok(first.roles?.includes('therapist'), `'${first.snippet.label}' is for ${first.roles?.join(', ') ?? 'anyone'}`);
  });

  it("offers first a client's technique after a therapist turn", async () => {
    const editor = await openSession(FILE);
    const first = await firstOffered(editor, 'T: How did the experiment go? {open-question}');
    assert.ok(!first.snippet.phases || first.snippet.phases.includes('Middle'), `'${first.snippet.label}' is for ${first.snippet.phases?.join(', ')}`);
    assert.deepEqual(first.roles, ['client'], `'${first.snippet.label}' (${first.library})`);
  });
});
