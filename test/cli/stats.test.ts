import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeTurns, sessionStats } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, nodeHostWith, runCli, transcript } from '../support/workspace';

// `session-md stats`: every format, --by, --codebook, libraries, and the exit codes.

const MITI_SESSION = [
  '---',
  'session: 3',
  'date: 2026-03-14',
  'client: C-002',
  'codebook: miti-4.2.1',
  'phases: mi',
  '---',
  '',
  '## Engaging',
  '',
  '[00:00:00] T: How are things? {question}',
  '[00:00:20] C: Not great.',
  '[00:01:00] T: Things feel heavy. {reflection.complex}',
  '',
  '## Evoking',
  '',
  '[00:03:00] T: What would you like to change? {question}',
  '[00:04:00] T: You want more time with your kids. {reflection.simple}',
  '[00:05:00] T: You should stop. {persuade}',
  '[00:06:00] T: Would you like some ideas? {persuade.with-permission}',
  '[00:07:00] T: That took courage. {affirm}',
  '[00:08:00] T: It sounds hard. {reflection}',
  '',
].join('\n');

function workspace(extra: Record<string, string> = {}) {
  return makeWorkspace({
    'C-001/a.session.md': transcript({ middle: ['[00:06:00] C: I lie awake. {change-talk}'] }),
    'C-002/b.session.md': MITI_SESSION,
    ...extra,
  });
}

interface Score {
  id: string;
  value: number | null;
  level: string | null;
}

interface Json {
  sessions: {
    file: string;
    group: string;
    codebook: string;
    turns: number;
    scoreCounts: Record<string, number>;
    summaryScores: Score[];
    phases?: { phase: string; turns: number; durationSeconds: number | null }[];
    codes: { id: string; label?: string; count: number }[];
  }[];
  groups: { group: string; sessions: number; turns: number }[];
  corpus: { sessions: number; turns: number; scoreCounts: Record<string, number>; summaryScores: Score[] };
}

describe('session-md stats', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('prints a table: a block per session with its phases and the scores its codebook declares, then totals per client', async () => {
    ws = workspace();
    const { code, stdout, stderr } = await runCli(['stats'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^C-001\/a\.session\.md\n {2}C-001 · session 1 · 2026-03-14 · codebook: Core techniques\n {2}5 turns · 23 words · duration 39:55\n/);
    // MITI counts per volley (4.2.1, E.1.a): the client does not speak between the Engaging reflection and the end, so those
    // seven codes are one volley, which earns one reflection (complex, as one is), one question and persuade.with-permission in neither total.
    assert.match(
      stdout,
      /\n {2}Scores: Technical – \(not rated: cultivating-change-talk, softening-sustain-talk\) · Relational – \(not rated: partnership, empathy\) · R:Q 0\.5 \(below\) · %CR 100% \(good\) · MI-adherent 1 · MI non-adherent 1\n/,
    );
    assert.match(stdout, /\n {2}Scores: R:Q 1\.0 · %CR 0% · %OQ 100% · %CT 100%\n/, 'core judges no score');
    assert.match(
      stdout,
      /\n {2}phase +status +turns +words +therapist words +client words +duration +scores +codes\n {2}Engaging +present +3 +8 +75% +25% +3:00 +R:Q 1\.0 \(fair\), %CR 100% \(good\), MI-adherent 0, MI non-adherent 0 +question 1, reflection\.complex 1\n/,
    );
    assert.match(stdout, /\n {2}Planning +missing +0 +0 +0% +0% +– +/);
    assert.match(stdout, /\nTotals by client or course\n\ngroup +sessions +turns .*\nC-001 +1 +5 .*\nC-002 +1 +9 .*\nAll sessions +2 +14 /);
  });

  it('leaves the phases out with --by session', async () => {
    ws = workspace();
    const { code, stdout } = await runCli(['stats', '--by', 'session', 'C-002'], ws.dir);
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /\n {2}phase +status/);
    assert.match(stdout, /^C-002\/b\.session\.md\n/);
  });

  it('prints one JSON document with sessions, groups and corpus', async () => {
    ws = workspace();
    const { code, stdout } = await runCli(['stats', '--format', 'json'], ws.dir);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as Json;
    assert.deepEqual(
      report.sessions.map((s) => [s.file, s.group, s.codebook, s.turns]),
      [
        ['C-001/a.session.md', 'C-001', 'Core techniques', 5],
        ['C-002/b.session.md', 'C-002', 'MITI 4.2.1 behaviour codes', 9],
      ],
    );
    assert.deepEqual(report.sessions[1]!.scoreCounts, {
      reflections: 1,
      questions: 2,
      simpleReflections: 0,
      complexReflections: 1,
      miAdherent: 1,
      miNonAdherent: 1,
    });
    assert.deepEqual(
      report.sessions[1]!.summaryScores.map((s) => [s.id, s.value, s.level]),
      [
        ['technical', null, null],
        ['relational', null, null],
        ['rq', 0.5, 'below'],
        ['percent-cr', 100, 'good'],
        ['mi-adherent', 1, null],
        ['mi-non-adherent', 1, null],
      ],
    );
    assert.deepEqual(
      report.sessions[1]!.phases!.map((p) => [p.phase, p.turns, p.durationSeconds]),
      [
        ['Engaging', 3, 180],
        ['Focusing', 0, null],
        ['Evoking', 6, 300],
        ['Planning', 0, null],
      ],
    );
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.sessions, g.turns]),
      [
        ['C-001', 1, 5],
        ['C-002', 1, 9],
      ],
    );
    assert.deepEqual(
      [report.corpus.sessions, report.corpus.turns, report.corpus.scoreCounts['reflections'], report.corpus.scoreCounts['questions']],
      [2, 14, 2, 3],
    );
    assert.deepEqual(report.corpus.summaryScores, [], 'the sessions declare different scores');
    const bySession = JSON.parse((await runCli(['stats', '-f', 'json', '--by', 'session'], ws.dir)).stdout) as Json;
    assert.equal(bySession.sessions[0]!.phases, undefined);
  });

  it('prints CSV with a level column: sessions, their phases, groups and the corpus', async () => {
    ws = workspace({ 'C-003/x, "y".session.md': transcript({ frontMatter: 'client: C-003' }) });
    const { code, stdout } = await runCli(['stats', '-f', 'csv'], ws.dir);
    assert.equal(code, 0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r['level'], r['file'], r['group'], r['phase']]).slice(0, 5), [
      ['session', 'C-001/a.session.md', 'C-001', ''],
      ['phase', 'C-001/a.session.md', 'C-001', 'Beginning'],
      ['phase', 'C-001/a.session.md', 'C-001', 'Middle'],
      ['phase', 'C-001/a.session.md', 'C-001', 'Termination'],
      ['session', 'C-002/b.session.md', 'C-002', ''],
    ]);
    assert.deepEqual(
      rows.slice(-4).map((r) => [r['level'], r['group'], r['sessions'], r['turns']]),
      [
        ['group', 'C-001', '1', '5'],
        ['group', 'C-002', '1', '9'],
        ['group', 'C-003', '1', '4'],
        ['corpus', '', '3', '18'],
      ],
    );
    const miti = rows.find((r) => r['file'] === 'C-002/b.session.md')!;
    assert.deepEqual(
      [
        miti['score:rq'],
        miti['level:rq'],
        miti['score:percent-cr'],
        miti['miAdherent'],
        miti['miNonAdherent'],
        miti['openQuestions'],
        miti['code:persuade'],
        miti['code:persuade.with-permission'],
      ],
      ['0.5', 'below', '100', '1', '1', '', '1', '1'],
    );
    const core = rows[0]!;
    assert.deepEqual(
      [
        core['therapistTurns'],
        core['clientWords'],
        core['score:percent-oq'],
        core['level:percent-oq'],
        core['goals'],
        core['speaker:T:turns'],
        core['durationSeconds'],
      ],
      ['3', '6', '100', '', 'sleep', '3', '2395'],
    );
    assert.ok(
      rows.some((r) => r['file'] === 'C-003/x, "y".session.md'),
      'a comma and quotes in a path survive',
    );
    const bySession = parse((await runCli(['stats', '-f', 'csv', '--by', 'session'], ws.dir)).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      bySession.map((r) => r['level']),
      ['session', 'session', 'session', 'group', 'group', 'group', 'corpus'],
    );
  });

  it('uses --codebook for every file, and the labels of libraries in the folder', async () => {
    const library = 'name: Trainer\ncodes:\n  - { id: socratic-question, label: Socratic question, role: therapist }\n';
    ws = workspace({
      'lib.codebook.yaml': library,
      'C-004/c.session.md': transcript({ frontMatter: 'client: C-004', middle: ['T: What makes you sure? {socratic-question}'] }),
    });
    const report = JSON.parse((await runCli(['stats', '-f', 'json', '--codebook', 'annomi'], ws.dir)).stdout) as Json;
    assert.deepEqual(
      report.sessions.map((s) => s.codebook),
      ['AnnoMI labels', 'AnnoMI labels', 'AnnoMI labels'],
    );
    assert.equal(report.corpus.scoreCounts['questions'], 2, "annomi counts the MITI session's {question}, not core's open-question");
    const merged = JSON.parse((await runCli(['stats', '-f', 'json', '.'], ws.dir)).stdout) as Json;
    assert.equal(merged.sessions[2]!.codes.find((c) => c.id === 'socratic-question')?.label, 'Socratic question');
    assert.equal(merged.sessions[2]!.scoreCounts['questions'], 1, 'the merged codebook keeps core scores');
  });

  it('says so when there is nothing to count', async () => {
    ws = makeWorkspace({ 'notes.md': '# Notes\n' });
    const { code, stdout } = await runCli(['stats'], ws.dir);
    assert.deepEqual([code, stdout], [0, 'No transcripts found.\n']);
    const json = JSON.parse((await runCli(['stats', '-f', 'json'], ws.dir)).stdout) as Json;
    assert.deepEqual([json.sessions, json.groups, json.corpus.turns, json.corpus.summaryScores], [[], [], 0, []]);
  });

  it('prints its help on --help and exits 0', async () => {
    ws = makeWorkspace({});
    const { code, stdout } = await runCli(['stats', '--help'], ws.dir);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: session-md stats \[paths or globs…\]/);
  });

  describe('exit code 2', () => {
    const usage = async (args: string[], pattern: RegExp) => {
      ws = workspace();
      const { code, stdout, stderr } = await runCli(['stats', ...args], ws.dir);
      assert.deepEqual([code, stdout], [2, '']);
      assert.match(stderr, pattern);
    };

    it('for an unknown format', () => usage(['-f', 'xml'], /unknown format 'xml'; use one of table, csv, json/));
    it('for an empty --by', () => usage(['--by', ' '], /--by needs session, phase or a front-matter field/));
    it('for an unknown option', () => usage(['--bogus'], /Unknown option '--bogus'/));
    it('for a codebook that does not exist', () => usage(['--codebook', 'miti-4'], /codebook not found: miti-4/));
    it('for a config file that does not exist', () => usage(['--config', 'nope.yaml'], /config file not found: nope\.yaml/));

    it('for a missing path, still counting the rest', async () => {
      ws = workspace();
      const { code, stdout, stderr } = await runCli(['stats', '-f', 'json', 'C-001', 'nope'], ws.dir);
      assert.equal(code, 2);
      assert.match(stderr, /no such file or directory, or no match: nope/);
      assert.equal((JSON.parse(stdout) as Json).sessions.length, 1);
    });

    it('for a file it may not read, or one that is not a transcript', async () => {
      ws = workspace({ 'locked.session.md': transcript(), 'binary.session.md': 'a\0b' });
      const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      const host = nodeHostWith({ readBytes: (path) => (path.endsWith('locked.session.md') ? Promise.reject(denied) : readFile(path)) });
      const { code, stdout, stderr } = await runCli(['stats', '-f', 'json'], ws.dir, host);
      assert.equal(code, 2);
      assert.match(stderr, /session-md: locked\.session\.md: cannot read this file: permission denied\n/);
      assert.match(stderr, /session-md: binary\.session\.md: not a transcript: /);
      assert.equal((JSON.parse(stdout) as Json).sessions.length, 2);
    });

    it('for a broken config, naming its line', async () => {
      ws = workspace({ '.sessionmdrc.yaml': 'rules:\n  goal-unsued: off\n' });
      const { code, stderr } = await runCli(['stats'], ws.dir);
      assert.equal(code, 2);
      assert.match(stderr, /session-md: \.sessionmdrc\.yaml:2:3: invalid config: Unknown key 'goal-unsued'/);
    });

    it('for a codebook that cannot be used, still counting its sessions', async () => {
      ws = workspace({
        'broken.codebook.yaml': 'name: Broken\ncodes: 3\n',
        'C-005/d.session.md': transcript({ frontMatter: 'client: C-005\ncodebook: ../broken.codebook.yaml' }),
      });
      const { code, stdout, stderr } = await runCli(['stats', '-f', 'json', 'C-005'], ws.dir);
      assert.equal(code, 2);
      assert.match(
        stderr,
        /session-md: broken\.codebook\.yaml: cannot use this codebook \(1 problem; see 'session-md codebook check broken\.codebook\.yaml'\)/,
      );
      const session = (JSON.parse(stdout) as Json).sessions[0]!;
      assert.deepEqual([session.turns, session.codebook, session.summaryScores], [4, null, []]);
    });
  });

  describe('agrees with the statistics view on the same file', () => {
    const builtin = (name: string) => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
    /** The R:Q and %CR the view prints for a transcript, built the way the view builds its page. */
    const viewScores = (file: string, text: string, codebook: string): string => {
      const session = parseSession(text);
      const html = renderStatisticsHtml({ title: file, stats: sessionStats({ file, session, codebook: builtin(codebook) }), codeTurns: codeTurns(session) });
      const figure = (label: string): string | undefined => new RegExp(`(?:>${label}</text><text[^>]*>|${label}: <strong>)([^<]*)<`).exec(html)?.[1];
      return `${figure('R:Q')} | ${figure('%CR')}`;
    };
    const cliScores = (stdout: string): string => {
      const [, rq, cr] = /\n {2}Scores: (?:.* · )?R:Q ([^·]+) · %CR ([^·]+) ·/.exec(stdout) ?? [];
      return `${rq} | ${cr}`;
    };

    it('a score just below a threshold: R:Q 1.95 and %CR 39.5 read 1.9 (fair) and 39% (below) in both', async () => {
      // 43 reflections (17 complex, 26 simple) for 22 questions, one code per MITI volley.
      const turns = [
        ...Array.from({ length: 17 }, (_, i) => `T: Complex ${i}. {reflection.complex}`),
        ...Array.from({ length: 26 }, (_, i) => `T: Simple ${i}. {reflection.simple}`),
        ...Array.from({ length: 22 }, (_, i) => `T: Question ${i}? {question}`),
      ].flatMap((turn) => [turn, 'C: Yes.']);
      const text = ['---', 'client: C-009', 'codebook: miti-4.2.1', '---', '', '## Middle', '', ...turns, ''].join('\n');
      ws = makeWorkspace({ 'near.session.md': text });
      const { code, stdout, stderr } = await runCli(['stats', 'near.session.md'], ws.dir);
      assert.equal(code, 0, stderr);
      assert.equal(cliScores(stdout), '1.9 (fair) | 39% (below)');
      assert.equal(viewScores('near.session.md', text, 'miti-4.2.1'), cliScores(stdout));
    });

    it('the example session of the issue, a CBT session: 7 reflections for 10 questions read 0.7, judged in neither', async () => {
      const file = join(ROOT, 'examples', 'C-017', '04-sleep-window.session.md');
      const { code, stdout, stderr } = await runCli(['stats', file], ROOT);
      assert.equal(code, 0, stderr);
      assert.equal(cliScores(stdout), '0.7 | 50%');
      assert.equal(viewScores(file, readFileSync(file, 'utf8'), 'core'), cliScores(stdout));
    });
  });
});
