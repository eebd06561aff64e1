import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openSession, writeWorkspaceFile } from './support';

const INTAKE = 'C-017/01-intake.session.md';

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is not in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('language features', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = (await openSession(INTAKE)).document;
  });

  it('completes codes after {, with their label and description', async () => {
    const position = positionOf(document, '{affirmation}', 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '{');
    const item = list.items.find((i) => i.label === 'reflection.complex');
    assert.ok(item, 'reflection.complex is offered');
    assert.equal(item.detail, 'Complex reflection (therapist)');
    const docs = item.documentation instanceof vscode.MarkdownString ? item.documentation.value : String(item.documentation);
    assert.match(docs, /Adds meaning or emphasis/);
    assert.match(docs, /Codebook: Core techniques/);
  });

  it('completes goal ids after {# and speaker labels at the start of a line', async () => {
    const goalAt = positionOf(document, '{#sleep}', 2);
    const goals = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, goalAt, '#');
    assert.deepEqual(
      goals.items
        .filter((i) => i.kind === vscode.CompletionItemKind.Reference)
        .map((i) => i.label)
        .sort(),
      ['choir', 'mood', 'running', 'sleep'],
    );
    const lineStart = positionOf(document, '[00:00:09] **Client:**', 11);
    const labels = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, lineStart);
    const speakers = labels.items.filter((i) => i.kind === vscode.CompletionItemKind.User).map((i) => i.label);
    assert.deepEqual(speakers, ['Therapist', 'Client']);
  });

  it('shows the code definition and the goal on hover', async () => {
    const code = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '{affirmation}', 3));
    const text = hoverText(code);
    assert.match(text, /\*\*Affirmation\*\*/);
    assert.match(text, /Codebook: Core techniques/);
    const goal = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '{#sleep}', 3));
    const goalText = hoverText(goal);
    assert.match(goalText, /Sleep through the night at least four nights a week/);
    assert.match(goalText, /open/);
    assert.match(goalText, /Used in \d+ turns?/);
  });

  it('lists phases with their topics as document symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const phases = symbols.filter((s) => s.kind === vscode.SymbolKind.Module);
    assert.deepEqual(
      phases.map((s) => s.name),
      ['Beginning', 'Middle', 'Termination'],
    );
    assert.deepEqual(
      phases[0]!.children.map((c) => c.name),
      ['Welcome and confidentiality', 'What brings you here', 'Hopes for therapy'],
    );
  });

  it('folds the front matter and each phase', async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const starts = ranges.map((r) => r.start);
    assert.ok(starts.includes(0), 'front matter folds from line 1');
    for (const heading of ['## Opening', '## Working phase', '## Closing']) {
      assert.ok(starts.includes(positionOf(document, heading).line), `${heading} folds`);
    }
  });

  it('goes from a goal reference to its declaration and finds its references', async () => {
    const at = positionOf(document, '{#sleep}', 3);
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, at);
    assert.equal(definitions[0]!.range.start.line, positionOf(document, '- id: sleep').line);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, at);
    const files = new Set(references.map((r) => r.uri.path.split('/').pop()));
    assert.ok(files.has('01-intake.session.md') && files.has('08-termination.session.md'), [...files].join(', '));
  });

  it("renames a goal id in this client's sessions only", async () => {
    const other = await writeWorkspaceFile(
      'other-client/01.session.md',
      '---\nsession: 1\nclient: C-200\ngoals:\n  - id: sleep\n    text: Sleep\n---\n\nC: I sleep badly. {#sleep}\n',
    );
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      positionOf(document, '{#sleep}', 3),
      'night-sleep',
    );
    const files = edit
      .entries()
      .map(([uri]) => uri.path.split('/').pop())
      .sort();
    assert.deepEqual(files, ['01-intake.session.md', '04-sleep-window.session.md', '08-termination.session.md']);
    assert.ok(edit.entries().every(([, edits]) => edits.every((e) => e.newText === 'night-sleep')));
    assert.ok(!edit.has(other), 'another client’s goal of the same name is left alone');
  });

  it('refuses to rename a code to an id the codebook does not define', async () => {
    await assert.rejects(
      async () => vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, positionOf(document, '{affirmation}', 3), 'oq'),
      /'oq' is not a code of/,
    );
  });
});
