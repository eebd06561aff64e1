import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openSession, ruleCodes, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// Its codes are defined by neither core nor the example library in the workspace, so they are unknown until it exists.
const LIBRARY = `name: Supervision group library
version: 0.1.0
codes:
  - id: agenda-together
    label: Agenda setting
    role: therapist
    description: Agree what the session will cover.
    snippets:
      - label: Set the agenda together
        body: "T: What would you like us to focus on today? {agenda-together}"
        phases: [Beginning]
  - id: relapse-plan
    label: Relapse plan
    role: therapist
    snippets:
      - label: Plan for setbacks
        body: "T: If \${1:the sleeplessness} comes back, what will you do first? {relapse-plan}"
        phases: [Termination]
  - id: hope
    label: Hope
    role: client
    snippets:
      - label: Voice hope
        body: "C: I think \${1:it can change}. {hope}"
`;

const SESSION = `---
session: 2
date: 2026-04-02
client: C-101
---

## Beginning

T: Welcome back. {agenda-together}
C: Thanks. It has been a long week.

## Middle

T: Tell me about the week. {open-question}

## Termination

C: I feel ready to try it on my own.

`;

async function snippetLabels(document: vscode.TextDocument, line: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 0));
  return list.items
    .filter((i) => i.kind === vscode.CompletionItemKind.Snippet && typeof i.detail === 'string' && i.detail.startsWith('Supervision group library'))
    .map((i) => String(i.label));
}

describe('technique libraries', () => {
  const libraryPath = 'libs/supervision.codebook.yaml';
  let session: vscode.Uri;

  before(async () => {
    session = await writeWorkspaceFile('library-use/s2.session.md', SESSION);
  });

  it('picks up a new library without a reload: its codes stop being unknown', async () => {
    await openSession('library-use/s2.session.md');
    await waitFor('code-unknown for {agenda-together} before the library exists', () => ruleCodes(session).includes('code-unknown'));
    await writeWorkspaceFile(libraryPath, LIBRARY);
    await waitFor('{agenda-together} to be known once the library exists', () => !ruleCodes(session).includes('code-unknown'));
  });

  it('offers library snippets only in the phase and for the speaker they are written for', async () => {
    const editor = await openSession('library-use/s2.session.md');
    const lines = editor.document.getText().split('\n');
    const afterClientInBeginning = lines.indexOf('C: Thanks. It has been a long week.') + 1;
    await editor.edit((e) => e.insert(new vscode.Position(afterClientInBeginning, 0), '\n'));
    const beginning = await waitFor('library snippets in Beginning', async () => {
      const labels = await snippetLabels(editor.document, afterClientInBeginning);
      return labels.length > 0 ? labels : undefined;
    });
    assert.deepEqual(beginning, ['Set the agenda together'], 'Beginning, after a client turn: the therapist agenda snippet only');

    const afterTherapistInMiddle = editor.document.getText().split('\n').indexOf('T: Tell me about the week. {open-question}') + 1;
    await editor.edit((e) => e.insert(new vscode.Position(afterTherapistInMiddle, 0), '\n'));
    assert.deepEqual(await snippetLabels(editor.document, afterTherapistInMiddle), ['Voice hope'], 'after a therapist turn it is the client’s turn');

    const end = editor.document.lineCount - 1;
    assert.deepEqual(await snippetLabels(editor.document, end), ['Plan for setbacks'], 'Termination, after a client turn');
  });

  it('reports a broken library on the library file, at the position of the problem', async () => {
    const uri = await writeWorkspaceFile(libraryPath, LIBRARY.replace('    role: client', '    role: patient'));
    const diagnostic = await waitFor(
      'a diagnostic on the library file',
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'codebook-invalid'),
      20000,
    );
    assert.match(diagnostic.message, /'codes\.2\.role' should be one of "therapist", "client", "any"/);
    assert.equal(diagnostic.range.start.line, LIBRARY.split('\n').indexOf('    role: client'));
  });

  it('forgets a deleted library: its codes are unknown again', async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), libraryPath));
    await waitFor('code-unknown once the library is gone', () => ruleCodes(session).includes('code-unknown'), 20000);
  });
});
