import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

// `session-md stats --fail-below fair|good` is a CI fidelity gate over the scores a codebook
// judges, and `--from`/`--to` score a coded segment (MITI 4.2.1 recommends a random 20-minute
// one). The thresholds are MITI 4.2.1's (coding-standards.md): Relational fair 3.5, good 4;
// Technical fair 3, good 4; %CR fair 40 %, good 50 %; R:Q fair 1:1, good 2:1.

function miti(globals: [number, number, number, number], body: string[]): string {
  const [cct, sst, partnership, empathy] = globals;
  return [
    '---',
    'session: 1',
    'client: C-001',
    'codebook: miti-4.2.1',
    'goals:',
    '  - id: drink-less',
    '    text: Drink less',
    'changeGoal: drink-less',
    'ratings:',
    `  cultivating-change-talk: ${cct}`,
    `  softening-sustain-talk: ${sst}`,
    `  partnership: ${partnership}`,
    `  empathy: ${empathy}`,
    '---',
    '',
    '## Beginning',
    '',
    ...body,
    '',
  ].join('\n');
}

// R:Q 2 (good) and %CR 50 % (good): one question, a simple and a complex reflection, each in its own volley.
const GOOD_COUNTS = [
  'T: What would you like to change? {question}',
  'C: My drinking.',
  'T: You drink at weekends. {reflection.simple}',
  'C: Yes.',
  'T: Part of you is tired of it. {reflection.complex}',
  'C: Yes.',
];

describe('session-md stats --fail-below', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('exits 1 when a judged score of a session is below the level, naming the session and the score on stderr', async () => {
    ws = makeWorkspace({
      'fair.session.md': miti([3, 4, 4, 3], GOOD_COUNTS), // Technical 3.5, Relational 3.5: fair
      'low.session.md': miti([3, 3, 3, 3], GOOD_COUNTS), // Relational 3.0: below fair
    });
    const result = await runCli(['stats', '--fail-below', 'fair'], ws.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, 'session-md: low.session.md: Relational 3.0 (below) is below fair (3.5)\n');
    assert.match(result.stdout, /^fair\.session\.md\n/, 'the report is printed as usual');
  });

  it('exits 0 when every judged score reaches the level, and 1 for a higher level that some do not reach', async () => {
    ws = makeWorkspace({ 'fair.session.md': miti([3, 4, 4, 3], GOOD_COUNTS), 'good.session.md': miti([4, 4, 4, 5], GOOD_COUNTS) });
    const fair = await runCli(['stats', '--fail-below', 'fair', '-f', 'json'], ws.dir);
    assert.deepEqual([fair.code, fair.stderr], [0, '']);
    const good = await runCli(['stats', '--fail-below', 'good'], ws.dir);
    assert.equal(good.code, 1);
    assert.equal(
      good.stderr,
      ['session-md: fair.session.md: Technical 3.5 (fair) is below good (4)', 'session-md: fair.session.md: Relational 3.5 (fair) is below good (4)', ''].join(
        '\n',
      ),
    );
  });

  it('judges R:Q and %CR by the manual too, and says which scores it could not judge', async () => {
    ws = makeWorkspace({
      'a.session.md': miti([4, 4, 4, 4], ['T: Why? {question}', 'C: Hm.', 'T: And? {question}', 'C: Hm.', 'T: You are tired. {reflection.simple}', 'C: Yes.']),
    });
    const result = await runCli(['stats', '--fail-below', 'fair'], ws.dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      ['session-md: a.session.md: R:Q 0.5 (below) is below fair (1)', 'session-md: a.session.md: %CR 0% (below) is below fair (40%)', ''].join('\n'),
    );
    const unrated = miti([4, 4, 4, 4], GOOD_COUNTS).replace(/ratings:[\s\S]*?---/, '---');
    ws.dispose();
    ws = makeWorkspace({ 'b.session.md': unrated });
    const open = await runCli(['stats', '--fail-below', 'fair'], ws.dir);
    assert.equal(open.code, 0, 'a score that cannot be computed is not below');
    assert.match(open.stderr, /^session-md: b\.session\.md: Technical not judged: not rated: cultivating-change-talk, softening-sustain-talk\n/);
  });

  it('judges nothing in core sessions, which declare no thresholds: the CBT examples are never "below"', async () => {
    ws = makeWorkspace({ 'cbt.session.md': transcript() });
    const result = await runCli(['stats', '--fail-below', 'good'], ws.dir);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /^session-md: no session has a score with thresholds \(their codebooks declare none\), so --fail-below judged nothing\n$/);
    const examples = await runCli(['stats', join(ROOT, 'examples')], ws.dir);
    assert.equal(examples.code, 0, examples.stderr);
    assert.match(examples.stdout, /^ {2}Scores: R:Q 0\.7 · %CR 50% · %OQ /m);
    assert.doesNotMatch(examples.stdout, /\((?:below|fair|good)\)|MITI/);
  });

  it('refuses an unknown level (exit 2), and documents its exit codes in --help', async () => {
    ws = makeWorkspace({ 'a.session.md': miti([3, 3, 3, 3], GOOD_COUNTS) });
    const bad = await runCli(['stats', '--fail-below', 'great'], ws.dir);
    assert.deepEqual([bad.code, bad.stdout], [2, '']);
    assert.match(bad.stderr, /unknown level 'great' for --fail-below; use fair or good/);
    const help = (await runCli(['stats', '--help'], ws.dir)).stdout;
    assert.match(help, /--fail-below <level>\n +Exit 1 when a score/);
    assert.match(help, /Exit codes: 0 done \(every judged score at or above --fail-below\), 1 a score below\s+--fail-below, 2 usage or I\/O error/);
  });
});

describe('session-md stats --from --to', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  // Turns at 00:05, 00:09 (and one that inherits it), 00:10, 00:12 (and one that inherits it), 00:29:59 and 00:30.
  const TIMED = miti(
    [3, 3, 3, 3],
    [
      'T: Before any timestamp: taken as 00:00:00. {reflection.complex}',
      'C: Okay.',
      '[00:05:00] T: Early. {question}',
      'C: Fine.',
      '[00:09:00] T: Still before. {question}',
      'C: No stamp: 00:09:00 too.',
      '[00:10:00] T: First of the segment. {question}',
      '[00:10:30] C: Yes.',
      '[00:12:00] T: Inside. {reflection.simple}',
      'C: No stamp: 00:12:00.',
      'T: Inside too. {reflection.complex}',
      '[00:29:59] C: Last one in.',
      '[00:30:00] T: Out, at the end. {question}',
      'C: Out.',
    ],
  );

  it('scores only the turns whose time falls in the segment, a turn without a timestamp taking the one before it', async () => {
    ws = makeWorkspace({ 'a.session.md': TIMED });
    const result = await runCli(['stats', '--from', '00:10:00', '--to', '00:30:00', '-f', 'json'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      segment: { from: number; to: number };
      sessions: { turns: number; scoreCounts: Record<string, number>; summaryScores: { id: string; value: number | null }[] }[];
    };
    assert.deepEqual(report.segment, { from: 600, to: 1800 });
    const [session] = report.sessions;
    assert.equal(session!.turns, 6, '00:10:00, 00:10:30, 00:12:00 and the two after it, 00:29:59');
    assert.deepEqual([session!.scoreCounts['questions'], session!.scoreCounts['simpleReflections'], session!.scoreCounts['complexReflections']], [1, 1, 1]);
    assert.equal(session!.summaryScores.find((s) => s.id === 'rq')!.value, 2);
    const whole = JSON.parse((await runCli(['stats', '-f', 'json'], ws.dir)).stdout) as typeof report;
    assert.deepEqual([whole.segment, whole.sessions[0]!.turns], [undefined, 14]);
  });

  it('takes turns before the first timestamp as 00:00:00, and either end alone', async () => {
    ws = makeWorkspace({ 'a.session.md': TIMED });
    const start = JSON.parse((await runCli(['stats', '--to', '00:05:00', '-f', 'json'], ws.dir)).stdout) as {
      sessions: { turns: number; codes: { id: string }[] }[];
    };
    assert.deepEqual([start.sessions[0]!.turns, start.sessions[0]!.codes.map((c) => c.id)], [2, ['reflection.complex']]);
    const end = JSON.parse((await runCli(['stats', '--from', '00:29:00', '-f', 'json'], ws.dir)).stdout) as { sessions: { turns: number }[] };
    assert.equal(end.sessions[0]!.turns, 3);
    const table = (await runCli(['stats', '--from', '10:00', '--to', '30:00'], ws.dir)).stdout;
    assert.match(
      table,
      /^Coded segment: 00:10:00 to 00:30:00 \(turns from 00:10:00, before 00:30:00; a turn without a timestamp takes the one before it\)\n\n/,
    );
  });

  it('says when a session has no timestamps, leaves it out and exits 2, counting the rest', async () => {
    const untimed = miti([3, 3, 3, 3], GOOD_COUNTS);
    ws = makeWorkspace({ 'a.session.md': TIMED, 'b.session.md': untimed });
    const result = await runCli(['stats', '--from', '00:10:00', '--to', '00:30:00', '-f', 'json'], ws.dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'session-md: b.session.md: no timestamps, so the segment from 00:10:00 to 00:30:00 cannot be found in it; it is left out\n');
    assert.deepEqual(
      (JSON.parse(result.stdout) as { sessions: { file: string }[] }).sessions.map((s) => s.file),
      ['a.session.md'],
    );
  });

  it('refuses a time that is no time, and a segment that ends before it starts (exit 2)', async () => {
    ws = makeWorkspace({ 'a.session.md': TIMED });
    for (const [args, message] of [
      [['--from', '10'], /--from should be a time such as 00:10:00 \(hh:mm:ss\) or 10:00 \(mm:ss\)/],
      [['--to', '1:75:00'], /--to should be a time such as/],
      [['--from', '00:30:00', '--to', '00:10:00'], /--from \(00:30:00\) should be before --to \(00:10:00\)/],
    ] as const) {
      const result = await runCli(['stats', ...args], ws.dir);
      assert.deepEqual([result.code, result.stdout], [2, ''], args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});
