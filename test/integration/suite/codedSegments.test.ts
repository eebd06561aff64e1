import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SegmentExportOptions, SegmentExportOutcome } from '../../../src/extension/segmentExport';
import { api, deleteWorkspaceFolder, openSession, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// The Coded Segments and Memos views of the Sessions sidebar in real VS Code: what they list
// across the workspace, what a click opens, the filter, the export, and how they follow the disk.
// The suites share one workspace (a copy of examples/), so these tests filter to the client of
// their own sessions, written into segments-t/.

type Row = { label: string; description: string };

async function rows<T>(tree: vscode.TreeDataProvider<T>, node?: T): Promise<{ node: T; row: Row; item: vscode.TreeItem }[]> {
  const children = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { node: child, row: { label, description: typeof item.description === 'string' ? item.description : '' }, item };
    }),
  );
}

async function child<T>(tree: vscode.TreeDataProvider<T>, parent: T | undefined, label: string | RegExp): Promise<{ node: T; item: vscode.TreeItem }> {
  const found = (await rows(tree, parent)).find((r) => (typeof label === 'string' ? r.row.label === label : label.test(r.row.label)));
  return found ?? assert.fail(`no row ${label} among ${JSON.stringify((await rows(tree, parent)).map((r) => r.row.label))}`);
}

const session = (n: number, body: string[]) =>
  ['---', 'client: C-900', `session: ${n}`, 'codebook: core', 'speakers: { T: therapist, C: client }', '---', '', ...body, ''].join('\n');

const FIRST = session(1, [
  '## Beginning',
  '',
  'T: What brings you here today? {open-question}',
  'C: I cannot sleep at all. {change-talk}',
  '',
  '> Memo: first mention of sleep.',
  '',
  '## Middle',
  '',
  'T: The nights feel endless. {reflection.complex}',
  'T: You are tired. {reflection.simple}',
]);
const SECOND = session(2, ['## Middle', '', 'T: The week was hard on you. {reflection.simple}', '', '> Memo: client agrees.']);

describe('Coded Segments and Memos views', function () {
  this.timeout(120_000);

  before(async () => {
    await writeWorkspaceFile('segments-t/01.session.md', FIRST);
    await writeWorkspaceFile('segments-t/02.session.md', SECOND);
    await api();
    await vscode.commands.executeCommand('sessionMarkdown.codedSegments.focus');
  });

  after(async () => {
    await vscode.commands.executeCommand('sessionMarkdown.clearCodedSegmentsFilter');
    await deleteWorkspaceFolder('segments-t');
  });

  it('lists codes by group and hierarchy, each with its turns across the workspace; a click opens the turn', async () => {
    const { codedSegmentsTree: tree } = await api();
    assert.equal(await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900'), undefined);
    assert.equal(tree.view.description, 'client=C-900');
    const technique = await waitFor('Therapist technique with 4 turns of C-900', async () => {
      const found = (await rows(tree)).find((r) => r.row.label === 'Therapist technique');
      return found?.row.description === '4 turns' && found;
    });
    assert.deepEqual(
      (await rows(tree)).map((r) => r.row.label),
      ['Therapist technique', 'Client talk'],
    );
    assert.match(tree.view.message ?? '', /^5 coded turns in 2 sessions match the filter\.$/);
    const reflection = await child(tree, technique.node, 'reflection × 3');
    assert.deepEqual(
      (await rows(tree, reflection.node)).map((r) => r.row.label),
      ['reflection.simple × 2', 'reflection.complex × 1'],
    );
    const simple = await child(tree, reflection.node, 'reflection.simple × 2');
    const turns = await rows(tree, simple.node);
    assert.deepEqual(
      turns.map((r) => [r.row.label, r.row.description]),
      [
        ['T: You are tired.', 'C-900 · Session 1 · Middle · turn 4'],
        ['T: The week was hard on you.', 'C-900 · Session 2 · Middle · turn 1'],
      ],
    );
    const { command } = turns[1]!.item;
    await vscode.commands.executeCommand(command!.command, ...(command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/segments-t/02.session.md'), editor.document.uri.toString());
    assert.equal(editor.document.getText(editor.selection), 'T: The week was hard on you. {reflection.simple}');
  });

  it('takes the query syntax as filter, says where a filter is wrong, and clears it', async () => {
    const { codedSegmentsTree: tree } = await api();
    const error = await vscode.commands.executeCommand<string>('sessionMarkdown.filterCodedSegments', 'client=C-900 and (phase:Middle');
    assert.match(error, /^Column \d+: /);
    assert.equal(tree.filter, 'client=C-900', 'a wrong filter leaves the one in force');
    await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900 and phase:Middle and not speaker:C');
    const groups = await rows(tree);
    assert.deepEqual(
      groups.map((r) => [r.row.label, r.row.description]),
      [['Therapist technique', '3 turns']],
    );
    await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900 and text:zebra');
    assert.deepEqual(await rows(tree), []);
    assert.equal(tree.view.message, 'No coded turn matches the filter.');
    await vscode.commands.executeCommand('sessionMarkdown.clearCodedSegmentsFilter');
    assert.equal(tree.filter, undefined);
    assert.equal(tree.view.description, undefined);
    assert.ok(
      tree.segments.some((m) => m.file.endsWith('/C-017/04-sleep-window.session.md')),
      'the examples are listed again',
    );
  });

  it('follows a transcript changed on disk, and one deleted', async () => {
    const { codedSegmentsTree: tree } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900');
    await writeWorkspaceFile('segments-t/02.session.md', SECOND.replace('{reflection.simple}', '{summary}'));
    await waitFor('summary × 1 under Therapist technique', async () => {
      const technique = (await rows(tree)).find((r) => r.row.label === 'Therapist technique');
      return technique && (await rows(tree, technique.node)).some((r) => r.row.label === 'summary × 1');
    });
    await writeWorkspaceFile('segments-t/03.session.md', session(3, ['## Middle', '', 'C: I will try the diary. {change-talk}']));
    await waitFor('Client talk with 2 turns', async () => (await rows(tree)).some((r) => r.row.label === 'Client talk' && r.row.description === '2 turns'));
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'segments-t', '03.session.md'));
    await waitFor('Client talk with 1 turn again', async () => (await rows(tree)).some((r) => r.row.label === 'Client talk' && r.row.description === '1 turn'));
    await writeWorkspaceFile('segments-t/02.session.md', SECOND);
  });

  it('exports the turns it shows with the export’s columns, inside the workspace and never through a symbolic link out of it', async () => {
    const { codedSegmentsTree: tree } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900 and code:reflection');
    await waitFor('the three reflections of C-900', () => tree.segments.length === 3);
    const exportTo = (options: SegmentExportOptions, node?: unknown) =>
      vscode.commands.executeCommand<SegmentExportOutcome>('sessionMarkdown.exportCodedSegments', ...(node ? [node, options] : [options]));
    const target = vscode.Uri.joinPath(workspaceRoot(), 'segments-t', 'reflections.csv');
    const outcome = await exportTo({ format: 'csv', target });
    assert.deepEqual(outcome, { written: target, turns: 3 });
    const lines = readFileSync(target.fsPath, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'file,client,session,date,phase,turn,timestamp,speaker,role,text,codes,goals,memo,seconds,codebook,match');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 6).join(',')),
      ['segments-t/01.session.md,C-900,1,,Middle,3', 'segments-t/01.session.md,C-900,1,,Middle,4', 'segments-t/02.session.md,C-900,2,,Middle,1'],
    );

    const jsonl = vscode.Uri.joinPath(workspaceRoot(), 'segments-t', 'complex.jsonl');
    const technique = await child(tree, undefined, 'Therapist technique');
    const complex = await child(tree, (await child(tree, technique.node, /^reflection × /)).node, 'reflection.complex × 1');
    assert.deepEqual(await exportTo({ format: 'jsonl', target: jsonl }, complex.node), { written: jsonl, turns: 1 });
    const record = JSON.parse(readFileSync(jsonl.fsPath, 'utf8'));
    assert.deepEqual([record.text, record.codes, record.match], ['The nights feel endless.', ['reflection.complex'], 'hit']);

    const outside = mkdtempSync(join(workspaceRoot().fsPath, '..', 'outside-segments-'));
    symlinkSync(outside, join(workspaceRoot().fsPath, 'segments-t', 'linked-out'));
    const through = await exportTo({ format: 'csv', target: vscode.Uri.joinPath(workspaceRoot(), 'segments-t', 'linked-out', 'x.csv') });
    assert.ok('error' in through! && /leads through a symbolic link out of the workspace folder/.test(through.error), JSON.stringify(through));
    writeFileSync(join(outside, 'kept.csv'), 'kept\n');
    symlinkSync(join(outside, 'kept.csv'), join(workspaceRoot().fsPath, 'segments-t', 'link.csv'));
    const overLink = await exportTo({ format: 'csv', target: vscode.Uri.joinPath(workspaceRoot(), 'segments-t', 'link.csv') });
    assert.ok('error' in overLink! && /is a symbolic link/.test(overLink.error), JSON.stringify(overLink));
    assert.equal(readFileSync(join(outside, 'kept.csv'), 'utf8'), 'kept\n');
    assert.ok(!existsSync(join(outside, 'x.csv')));
    rmSync(outside, { recursive: true });
  });

  it('shows a page of a code’s turns and a row that shows the next page', async () => {
    const { codedSegmentsTree: tree } = await api();
    const many = Array.from({ length: 120 }, (_, i) => `T: Question number ${i}? {closed-question}`);
    await writeWorkspaceFile('segments-t/many.session.md', session(9, ['## Middle', '', ...many]));
    await vscode.commands.executeCommand('sessionMarkdown.filterCodedSegments', 'client=C-900 and code:closed-question');
    const code = await waitFor('closed-question × 120', async () => {
      const technique = (await rows(tree)).find((r) => r.row.label === 'Therapist technique');
      return technique && (await rows(tree, technique.node)).find((r) => r.row.label === 'closed-question × 120');
    });
    let page = await rows(tree, code.node);
    assert.equal(page.length, 51);
    assert.deepEqual(page.at(-1)!.row, { label: '70 more…', description: 'show the next 50' });
    const more = page.at(-1)!.item.command!;
    await vscode.commands.executeCommand(more.command, ...(more.arguments ?? []));
    page = await rows(tree, code.node);
    assert.equal(page.length, 101);
    assert.equal(page.at(-1)!.row.label, '20 more…');
  });

  it('lists every memo by session or by the codes of its turn; a click opens the memo; it follows the disk', async () => {
    const { memosTree: tree } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.memos.focus');
    const group = await waitFor('C-900 · Session 1 among the memos', async () => (await rows(tree)).find((r) => r.row.label === 'C-900 · Session 1'));
    assert.equal(group.row.description, '1 memo');
    const [memo] = await rows(tree, group.node);
    assert.deepEqual(memo!.row, { label: 'first mention of sleep.', description: 'Beginning · turn 2 · C' });
    await vscode.commands.executeCommand(memo!.item.command!.command, ...(memo!.item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/segments-t/01.session.md'));
    assert.match(editor.document.getText(editor.selection), /first mention of sleep\./);

    await vscode.commands.executeCommand('sessionMarkdown.groupMemosByCode');
    assert.equal(tree.grouping, 'code');
    const changeTalk = await child(tree, undefined, 'change-talk');
    assert.ok(
      (await rows(tree, changeTalk.node)).some(
        (r) => r.row.label === 'first mention of sleep.' && r.row.description === 'C-900 · Session 1 · Beginning · turn 2 · C',
      ),
    );
    await vscode.commands.executeCommand('sessionMarkdown.groupMemosBySession');

    await writeWorkspaceFile('segments-t/02.session.md', SECOND.replace('client agrees.', 'client agrees, and asks for a diary.'));
    await waitFor('the changed memo', async () => {
      const second = (await rows(tree)).find((r) => r.row.label === 'C-900 · Session 2');
      return second && (await rows(tree, second.node)).some((r) => r.row.label === 'client agrees, and asks for a diary.');
    });
  });

  it('expands a code of Current Session to the turns of that session that carry it', async () => {
    await openSession('segments-t/01.session.md');
    const { currentSessionTree: tree } = await api();
    const codes = await waitFor('the Codes group of 01.session.md', async () => (await rows(tree)).find((r) => r.row.label === 'Codes'));
    const simple = await child(tree, codes.node, 'reflection.simple × 1');
    assert.equal(simple.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const [turn] = await rows(tree, simple.node);
    assert.deepEqual(turn!.row, { label: 'T: You are tired.', description: 'Middle · turn 4' });
    await vscode.commands.executeCommand(turn!.item.command!.command, ...(turn!.item.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), 'T: You are tired. {reflection.simple}');
  });
});
