import { strict as assert } from 'node:assert';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSession } from '../../src/core/parse/session';
import { ANNOMI_CSV, annomiImportArgs, requireAnnomi } from '../support/annomi';
import { ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

type Workspace = ReturnType<typeof makeWorkspace>;

// `session-md export --format csv`, then `session-md import --from csv` of that file, restores
// each session's speakers and roles, turns, timestamps, codes, goal references, memos and phases,
// and its client, session, date and codebook; exporting the restored sessions gives the same
// bytes. What an export's rows do not hold (title, prose, other front-matter fields, goals'
// text) is named on stderr, and docs/research.md lists it.

describe('export → import → export (round trip)', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('restores the sample course (codes, utterance codes, goals, memos, phases, measures and stages) so that a second export equals the first, byte for byte', async () => {
    ws = makeWorkspace({});
    // The whole examples folder, so its config and technique library apply to the restored sessions as to the originals.
    cpSync(join(ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const course = ws.path('examples/C-017');
    const first = await runCli(['export', '.', '--out', '../first.csv'], course);
    assert.equal(first.code, 0, first.stderr);
    const imported = await runCli(['import', 'first.csv', '--from', 'csv', '--out', 'restored'], ws.path('examples'));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported 3 sessions \(184 turns\) to restored/);
    assert.deepEqual(readdirSync(ws.path('examples/restored')).sort(), readdirSync(course).sort());
    const second = await runCli(['export', '.', '--out', '../second.csv'], ws.path('examples/restored'));
    assert.equal(second.code, 0, second.stderr);
    const bytes = readFileSync(ws.path('examples/first.csv'));
    assert.ok(bytes.length > 10_000);
    assert.ok(readFileSync(ws.path('examples/second.csv')).equals(bytes), 'the second export differs from the first');

    const original = parseSession(readFileSync(join(course, '04-sleep-window.session.md'), 'utf8'));
    const restored = parseSession(readFileSync(ws.path('examples/restored/04-sleep-window.session.md'), 'utf8'));
    const fm = (s: typeof original): unknown[] => [s.frontMatter?.client, s.frontMatter?.session, s.frontMatter?.date, s.frontMatter?.codebook];
    assert.deepEqual(fm(restored), fm(original));
    assert.deepEqual(fm(restored), ['C-017', 4, '2026-02-03', 'core']);
    assert.deepEqual(
      restored.turns.map((t) => [
        t.label,
        t.role,
        t.timestamp?.seconds,
        t.text,
        t.codes.map((c) => c.id),
        t.goals.map((g) => g.id),
        t.memos.map((m) => m.text),
      ]),
      original.turns.map((t) => [
        t.label,
        t.role,
        t.timestamp?.seconds,
        t.text,
        t.codes.map((c) => c.id),
        t.goals.map((g) => g.id),
        t.memos.map((m) => m.text),
      ]),
    );
    // Never silently: what an export does not hold is named once.
    assert.match(imported.stderr, /first\.csv:1: warning: read as a session-md export/);
    assert.match(imported.stderr, /not restored: .*measures.*goals' text and status/);
  });

  it('restores undeclared speakers, fractions of a second, repeated codes and a memo per turn; a role map still wins', async () => {
    const text = [
      '---',
      'session: 2',
      'date: 2026-01-05',
      'client: C-9',
      'codebook: misc-2.5',
      'speakers: { T: therapist, C: client }',
      'goals:',
      '  - { id: sleep, text: Sleep better }',
      '---',
      '',
      '# Session 2',
      '',
      '[00:00:01.5] T: What helped? {OQ} Who was there? {OQ} {#sleep}',
      '',
      '> Memo: two questions',
      '',
      '[00:00:09] X: I am not on the list.',
      '',
      '## Middle',
      '',
      '[00:01:02] C: Well. {FN}',
      '',
    ].join('\n');
    ws = makeWorkspace({ 'in/s.session.md': text });
    assert.equal((await runCli(['export', 's.session.md', '--out', '../first.csv'], ws.path('in'))).code, 0);
    const imported = await runCli(['import', 'first.csv', '--from', 'csv', '--out', 'back/s.session.md'], ws.dir);
    assert.ok(imported.code === 0 || imported.code === 1, imported.stderr);
    const restored = readFileSync(ws.path('back/s.session.md'), 'utf8');
    assert.match(
      restored,
      /^---\nsession: 2\ndate: 2026-01-05\nclient: C-9\nsource: first.csv\nspeakers:\n {2}T: therapist\n {2}C: client\ncodebook: misc-2.5\n/,
    );
    assert.match(restored, /\n\[00:00:01\.5\] T: What helped\? Who was there\? \{OQ\} \{OQ\} \{#sleep\}\n\n> Memo: two questions\n/);
    assert.match(restored, /\n## Middle\n\n\[00:01:02\] C: Well\. \{FN\}\n/);
    const second = await runCli(['export', 's.session.md'], ws.path('back'));
    assert.equal(second.stdout, readFileSync(ws.path('first.csv'), 'utf8'));

    const mapped = await runCli(['import', 'first.csv', '--from', 'csv', '--role-map', 'X=other,T=client'], ws.dir);
    assert.match(mapped.stdout, /\nspeakers:\n {2}T: client\n {2}X: other\n {2}C: client\n/);
  });

  it('needs --out for an export of several sessions, instead of writing them all to stdout', async () => {
    ws = makeWorkspace({ 'a.session.md': 'T: Hello.\n', 'b.session.md': 'C: Hi.\n' });
    await runCli(['export', '--out', 'all.csv'], ws.dir);
    const result = await runCli(['import', 'all.csv', '--from', 'csv'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /all\.csv is a session-md export of 2 sessions: give the folder to write them in with --out/);
    assert.equal(result.stdout, '');
  });

  it('writes an export whose file paths lead out of the --out folder as <prefix>-<file> files inside it, with a warning', async () => {
    ws = makeWorkspace({ 'in/a.session.md': 'T: Hello.\n', 'in/b.session.md': 'C: Hi.\n', 'work/.keep': '' });
    await runCli(['export', '../in', '--out', 'all.csv'], ws.path('work'));
    // A path outside the working folder is exported absolute.
    assert.match(readFileSync(ws.path('work/all.csv'), 'utf8'), /\n\/.*\/in\/a\.session\.md,/);
    const result = await runCli(['import', 'all.csv', '--from', 'csv', '--out', 'back'], ws.path('work'));
    assert.equal(result.code, 0, result.stderr);
    const names = readdirSync(ws.path('work/back')).sort();
    assert.equal(names.length, 2);
    assert.ok(names[0]!.startsWith('all-') && names[0]!.endsWith('-in-a.session.md'), names[0]);
    assert.match(result.stderr, /all\.csv:1: warning: the 'file' values are not all relative paths of \.session\.md files/);
  });

  it('restores all of AnnoMI imported and exported, byte for byte on the second export', async function () {
    requireAnnomi(this);
    ws = makeWorkspace({});
    const importAnnomi = await runCli(['import', ANNOMI_CSV, ...annomiImportArgs(), '--out', ws.path('annomi')], ws.dir);
    assert.equal(importAnnomi.code, 0, importAnnomi.stderr);
    assert.equal((await runCli(['export', '.', '--out', '../first.csv'], ws.path('annomi'))).code, 0);
    const back = await runCli(['import', 'first.csv', '--from', 'csv', '--out', 'back'], ws.dir);
    assert.equal(back.code, 0, back.stderr.slice(0, 2000));
    assert.match(back.stderr, /imported 133 sessions \(9699 turns\) to back/);
    const second = await runCli(['export', '.'], ws.path('back'));
    assert.equal(second.code, 0, second.stderr);
    const first = readFileSync(ws.path('first.csv'), 'utf8');
    assert.equal(second.stdout.length, first.length);
    assert.ok(second.stdout === first, 'the second export of AnnoMI differs from the first');
  });
});
