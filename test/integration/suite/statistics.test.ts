import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

const REVEAL = 'sessionMarkdown.revealStatisticsTurn';
const statisticsTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sessionMarkdown.statistics'));

describe('Show Session Statistics', () => {
  it('opens charts of the active session beside it, and follows its edits', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statistics } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    const html = await waitFor('the statistics page', () => statistics.html);
    for (const heading of ['Time per phase', 'Speaker share', 'Codes over the session', 'Summary scores'])
      assert.match(html, new RegExp(`<h2>${heading}</h2>`));
    assert.match(html, /<h1>C-017 · Session 4 · 2026-02-03<\/h1>/);
    assert.match(html, />Beginning<\/text>/);
    // The figures `session-md stats` prints for this file (test/cli/stats.test.ts), unjudged: it is a CBT (core) session.
    assert.match(html, /R:Q: <strong>0\.7<\/strong>/);
    assert.match(html, />%CR<\/text><text [^>]*>50%<\/text>/);
    assert.doesNotMatch(html, /\((?:below|fair|good)\)/);
    assert.doesNotMatch(html, /<script/);
    const before = (html.match(/<circle /g) ?? []).length;
    const line = editor.document.getText().split('\n').indexOf('## Termination') + 2;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'T: One more reflection on the week. {reflection.complex}\n'));
    await waitFor('one more code in the chart', () => (statistics.html?.match(/<circle /g) ?? []).length === before + 1);
  });

  // Issue 17, items 4 and 5: the figures of `session-md cooccur` and `session-md sequences` for the open session.
  it('draws the co-occurrence of its codes and the therapist → client heat-map, and follows an edit that pairs two codes', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statistics } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    const html = await waitFor('the sequence charts', () =>
      statistics.html?.includes('<h2>Sequences: therapist → client</h2>') ? statistics.html : undefined,
    );
    assert.match(html, /<h2>Code co-occurrence<\/h2>/);
    assert.match(html, /<summary>Every cell as a table<\/summary>/);
    assert.doesNotMatch(html, /<text x="0" y="\d+">\+ homework<\/text>/);
    const line = editor.document.getText().split('\n').indexOf('## Termination') + 2;
    const added = 'T: Shall we write that down as homework? {closed-question} {homework}\nC: Yes. {change-talk}\n';
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), added));
    await waitFor('the new pair in the chart', () => /<text x="0" y="\d+">\+ homework<\/text>/.test(statistics.html ?? ''));
    await editor.edit((e) => e.delete(new vscode.Range(new vscode.Position(line, 0), new vscode.Position(line + 2, 0))));
  });
});

describe('Show Session Statistics, following the editor', () => {
  it('shows the transcript that becomes active, in the same panel, without taking the focus, and says which file it is', async () => {
    await openSession('C-017/04-sleep-window.session.md');
    const { statistics } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    await waitFor('the statistics of session 4', () => statistics.html?.includes('<h1>C-017 · Session 4 · 2026-02-03</h1>'));
    assert.match(statistics.html!, /C-017\/04-sleep-window\.session\.md/);

    const other = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'C-017/08-termination.session.md'));
    const editor = await vscode.window.showTextDocument(other, vscode.ViewColumn.One);
    const html = await waitFor('the statistics of session 8', () => statistics.html?.includes('<h1>C-017 · Session 8 · 2026-03-10</h1>') && statistics.html);
    assert.match(html, /<p class="muted file">C-017\/08-termination\.session\.md<\/p>/);
    assert.equal(statistics.shownUri?.toString(), other.uri.toString());
    assert.equal(statisticsTabs().length, 1, 'one statistics panel');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), other.uri.toString(), 'the transcript keeps the focus');

    // An edit of the transcript it now shows is drawn too.
    const before = (html.match(/<circle /g) ?? []).length;
    const end = other.lineAt(other.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n\nT: One more question? {open-question}\n'));
    await waitFor('one more code in the chart', () => (statistics.html?.match(/<circle /g) ?? []).length === before + 1);
    await editor.edit((e) => e.delete(new vscode.Range(end, other.lineAt(other.lineCount - 1).range.end)));

    // Another kind of file leaves the panel as it is.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'README.md')), vscode.ViewColumn.One);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(statistics.shownUri?.toString(), other.uri.toString());
  });

  it('links each chart dot to its turn: the link reveals that turn in the editor, and nothing else', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statistics, store } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    const html = await waitFor('the statistics of session 4', () => statistics.html?.includes('<h1>C-017 · Session 4 · 2026-02-03</h1>') && statistics.html);
    // The page may run this one command and no script.
    assert.deepEqual([statistics.webviewOptions?.enableScripts, statistics.webviewOptions?.enableCommandUris], [false, [REVEAL]]);

    const links = [...html.matchAll(/<a href="command:([\w.]+)\?([^"]*)"[^>]*><title>turn (\d+): ([^<]*)<\/title>/g)];
    const timeline = /<svg[^>]*aria-label="Codes over the session"[\s\S]*?<\/svg>/.exec(html)![0];
    assert.equal(links.length, (timeline.match(/<circle /g) ?? []).length, 'every dot of the code timeline is a link');
    const [, command, args, turn, code] = links.find((l) => l[4] === 'reflection.complex')!;
    assert.equal(command, REVEAL);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    // What VS Code does when the link is clicked (test/integration/statistics.mjs clicks one).
    await vscode.commands.executeCommand(command!, ...(JSON.parse(decodeURIComponent(args!)) as unknown[]));
    const expected = store.peek(editor.document.uri)!.linted!.session.turns[Number(turn) - 1]!;
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.equal(active.selection.active.line, expected.range.start.line - 1);
    assert.match(active.document.lineAt(active.selection.active.line).text, /^\[\d\d:\d\d\] T: /);
    assert.ok(
      active.document.getText(new vscode.Range(active.selection.active, active.document.lineAt(expected.range.end.line - 1).range.end)).includes(`{${code}}`),
    );

    // Anything but a turn number of the shown session is ignored.
    active.selection = new vscode.Selection(0, 0, 0, 0);
    for (const bad of [0, 10_000, 2.5, '3', { turn: 3 }, null]) await vscode.commands.executeCommand(REVEAL, bad);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 0);
  });
});

describe('Show Session Statistics, measures over the course', () => {
  it('draws each measure across the sessions of the course, over its cut-off bands, and follows an edit of the scores', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statistics } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    // Sessions 1 and 8 are not open: the view reads the course's other transcripts itself.
    const html = await waitFor('the measures of sessions 1, 4 and 8', () => statistics.html?.includes('>14 → 11 → 6<') && statistics.html);
    assert.match(html, /<h2>Measures over the course<\/h2>/);
    assert.match(html, />18 → 14 → 6</);
    for (const band of ['minimal', 'mild', 'moderate', 'subthreshold']) assert.match(html, new RegExp(`class="muted-text"[^>]*>${band}</text>`));
    assert.match(html, /<title>Session 4: PHQ-9 11 \(moderate\)<\/title>/);
    assert.match(html, /font-weight="bold">S4<\/text>/);

    const line = editor.document.getText().split('\n').indexOf('  PHQ-9: 11');
    assert.ok(line > 0, 'session 4 records PHQ-9 11');
    const score = new vscode.Range(line, 9, line, 11);
    await editor.edit((e) => e.replace(score, '16'));
    await waitFor('the edited score in the chart', () => statistics.html?.includes('>14 → 16 → 6<'));
    assert.match(statistics.html!, /<title>Session 4: PHQ-9 16 \(moderately severe\)<\/title>/);
    await editor.edit((e) => e.replace(score, '11'));
    await waitFor('the score as it was', () => statistics.html?.includes('>14 → 11 → 6<'));
  });
});

describe('Compare Coders…', () => {
  it("reports agreement between two coders' copies of a transcript", async () => {
    const original = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'C-017/04-sleep-window.session.md'));
    const text = new TextDecoder().decode(original);
    const a = await writeWorkspaceFile('coders/a.session.md', text);
    // Coder B hears the first open question as a closed one.
    const b = await writeWorkspaceFile('coders/b.session.md', text.replace('{open-question}', '{closed-question}'));
    await vscode.commands.executeCommand('sessionMarkdown.compareCoders', a, [a, b]);
    const report = await waitFor('the agreement report', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.getText().startsWith('# Agreement between coders') ? doc.getText() : undefined;
    });
    assert.match(report, /^1\. `coders\/a\.session\.md`$/m);
    assert.match(report, /^\| `Therapist technique` \| \d+ \| 0\.9\d\d \| 0\.9\d\d \| 0\.9\d\d \| 0\.9\d\d \| set of codes \|$/m);
    assert.match(report, /^\| `Client talk` \| \d+ \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| set of codes \|$/m);
    assert.match(report, /^\| `open-question` \| \d+ \| 0\.9\d\d \|/m);
  });

  it('lists the turns where the coders differ, and its links open the copies side by side at the turn', async () => {
    const lines = ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', 'codebook: miti-4.2.1', '---', '', '# Session 1', '', '## Middle', ''];
    const a = await writeWorkspaceFile(
      'coders/links-a.session.md',
      [...lines, 'T: How was the week? {question}', 'C: Hard.', 'T: Nights are hard. {reflection.simple}', ''].join('\n'),
    );
    // Coder B lacks a first turn, so the turn where they differ is on another line in each copy.
    const b = await writeWorkspaceFile(
      'coders/links-b.session.md',
      [...lines, 'T: Hello. {giving-information}', 'T: How was the week? {question}', 'C: Hard.', 'T: Nights are hard. {reflection.complex}', ''].join('\n'),
    );
    await vscode.commands.executeCommand('sessionMarkdown.compareCoders', a, [a, b]);
    const editor = await waitFor('the agreement report', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.getText().includes('links-a.session.md') && active.document.getText().startsWith('# Agreement between coders') && active;
    });
    const report = editor.document.getText().split('\n');
    const heading = report.findIndex((l) => l.startsWith('1. therapist turn `T: N****'));
    assert.equal(report[heading], '1. therapist turn `T: N***** a** h***.`, differs in `behaviour`: open side by side');
    assert.deepEqual(report.slice(heading + 1, heading + 3), [
      '   - `coders/links-a.session.md:14` `reflection.simple`',
      '   - `coders/links-b.session.md:15` `reflection.complex`',
    ]);
    assert.equal(editor.document.uri.scheme, 'session-md-agreement', 'a read-only report, not an untitled file to save');

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const onLine = (line: number) => links.filter((l) => l.range.start.line === line).map((l) => editor.document.getText(l.range));
    assert.deepEqual(onLine(heading), ['open side by side']);
    assert.deepEqual(onLine(heading + 2), ['`coders/links-b.session.md:15`']);
    // Follow the link as a user does (Open Link at the cursor): each copy opens in its own column, at the turn.
    const open = links.find((l) => l.range.start.line === heading)!;
    editor.selection = new vscode.Selection(open.range.start, open.range.start);
    await vscode.commands.executeCommand('editor.action.openLink');
    const at = (uri: vscode.Uri) => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    await waitFor('both copies at the turn', () => at(a)?.selection.active.line === 13 && at(b)?.selection.active.line === 14);
    assert.deepEqual([at(a)!.viewColumn, at(b)!.viewColumn], [vscode.ViewColumn.One, vscode.ViewColumn.Two]);
    assert.equal(at(b)!.document.lineAt(at(b)!.selection.active.line).text, 'T: Nights are hard. {reflection.complex}');
    const opened = [a, b, editor.document.uri].map((uri) => uri.toString());
    await vscode.window.tabGroups.close(
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && opened.includes(t.input.uri.toString())),
    );
  });

  after(async () => {
    // Leave the workspace as the other suites expect it: one course, three sessions.
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'coders'), { recursive: true });
  });
});
