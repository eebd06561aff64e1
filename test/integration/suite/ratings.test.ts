import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { acceptUntil, api, deleteWorkspaceFolder, openSession, ruleCodes, waitFor, writeWorkspaceFile } from './support';

// Session ratings in the editor: Rate Session… walks the MITI globals in quick picks and writes
// them into the front matter, the Current Session view lists them, and hover and completion
// explain the levels.

const FILE = 'ratings/03-miti.session.md';
const TEXT = `---
session: 3
codebook: miti-4.2.1   # coded with MITI
ratings:
  empathy: 5   # agreed at supervision
goals:
  - id: drink
    text: Drink on two evenings a week at most
---

## Beginning

T: What would you like to change about your drinking? {question}
C: I would like to stop on weekdays. {#drink}
`;

/** The text after Rate Session… accepted what each pick starts on: where coders start (3), and the current 5 for Empathy. */
const RATED = TEXT.replace(
  '  empathy: 5   # agreed at supervision\n',
  '  empathy: 5   # agreed at supervision\n  cultivating-change-talk: 3\n  softening-sustain-talk: 3\n  partnership: 3\n',
);

async function treeLabels(tree: vscode.TreeDataProvider<unknown>, node?: unknown): Promise<{ label: string; description: string; tooltip: string }[]> {
  const children = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
      return { label, description: typeof item.description === 'string' ? item.description : '', tooltip };
    }),
  );
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is not in the document`);
  return document.positionAt(offset + delta);
}

describe('Session ratings', () => {
  after(async () => {
    await deleteWorkspaceFolder('ratings');
  });

  it('Rate Session… writes a value for each MITI global, starting where coders start and keeping the current one, and nothing else', async () => {
    await writeWorkspaceFile(FILE, TEXT);
    const editor = await openSession(FILE);
    const { store } = await api();
    await waitFor('the unrated session to be reported', () => ruleCodes(editor.document.uri).includes('rating-missing'));
    const running = vscode.commands.executeCommand('sessionMarkdown.rateSession');
    await acceptUntil('the ratings to be written', () => editor.document.getText() !== TEXT);
    await running;
    assert.equal(editor.document.getText(), RATED);
    await waitFor('the rated session to be clean', async () => {
      await store.analyse(editor.document);
      return !ruleCodes(editor.document.uri).some((id) => id.startsWith('rating-'));
    });
  });

  it('shows the ratings in the Current Session view, with the level description in the tooltip', async () => {
    const editor = await openSession(FILE);
    const { currentSessionTree: tree } = await api();
    const ratings = await waitFor('the Ratings group with four rated scales', async () => {
      const roots = (await tree.getChildren()) ?? [];
      const labels = await treeLabels(tree);
      const at = labels.findIndex((l) => l.label === 'Ratings' && l.description === '4/4 rated');
      return at >= 0 ? roots[at] : undefined;
    });
    const scales = await treeLabels(tree, ratings);
    assert.deepEqual(
      scales.map((s) => [s.label, s.description]),
      [
        ['Cultivating Change Talk (CCT)', '3 (1–5)'],
        ['Softening Sustain Talk (SST)', '3 (1–5)'],
        ['Partnership', '3 (1–5)'],
        ['Empathy', '5 (1–5)'],
      ],
    );
    assert.match(scales[3]!.tooltip, /\*\*5\*\*: The clinician conveys a deep understanding of the client\\?'s perspective/);
    assert.ok(editor.document.getText().includes('empathy: 5'));
  });

  it('writes nothing when the walk is cancelled', async () => {
    const editor = await openSession(FILE);
    const before = editor.document.getText();
    let done = false;
    const running = Promise.resolve(vscode.commands.executeCommand('sessionMarkdown.rateSession')).then(() => (done = true));
    await waitFor('Rate Session… to end', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return done;
    });
    await running;
    assert.equal(editor.document.getText(), before);
  });

  it('explains a rating on hover, and completes scale ids and levels under ratings:', async () => {
    const editor = await openSession(FILE);
    const document = editor.document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'partnership: 3', 2));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hover, /\*\*Partnership\*\* \(`partnership`\): 3 on a scale of 1–5/);
    assert.match(hover, /\*\*3\*\*: The clinician takes in some of the client\\?'s ideas/);
    // A new line in the block, then the levels for a value.
    const end = positionOf(document, 'partnership: 3').translate(0, 'partnership: 3'.length);
    await editor.edit((e) => e.replace(new vscode.Range(positionOf(document, '  partnership: 3'), end), '  '));
    const ids = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      positionOf(document, '  \n', 2),
    );
    assert.deepEqual(
      ids.items.map((i) => i.label),
      ['partnership'],
    );
    await editor.edit((e) => e.insert(positionOf(document, '  \n', 2), 'partnership: '));
    const levels = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      positionOf(document, 'partnership: \n', 'partnership: '.length),
    );
    assert.deepEqual(
      levels.items.map((i) => [i.label, i.kind]),
      ['1', '2', '3', '4', '5'].map((n) => [n, vscode.CompletionItemKind.Value]),
    );
    assert.equal(levels.items[2]!.detail, 'Partnership: 3 (where coders start)');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
