import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md export --unit session`: one row per session with its metadata, its ratings and the
// summary scores its codebook declares, the same figures `session-md stats` gives. MITI 4.2.1:
// Technical = (CCT + SST) / 2 (fair 3, good 4), Relational = (Partnership + Empathy) / 2
// (fair 3.5, good 4), R:Q fair at 1:1 (coding-standards.md). MISC 2.5 has no thresholds.

const MITI = [
  '---',
  'session: 2',
  'date: 2026-03-14',
  'client: "=C-017"',
  'therapist: T-02',
  'codebook: miti-4.2.1',
  'goals:',
  '  - id: drink-less',
  '    text: Drink less',
  'changeGoal: drink-less',
  'ratings:',
  '  cultivating-change-talk: 3',
  '  softening-sustain-talk: 4',
  '  partnership: 3',
  '  empathy: 3',
  '---',
  '',
  '## Beginning',
  '',
  '[00:00:00] T: What would you like to change? {question}',
  '[00:00:30] C: My drinking.',
  '[00:01:00] T: Part of you is tired of it. {reflection.complex}',
  '[00:02:00] C: Yes.',
  '',
].join('\n');

const MISC = [
  '---',
  'session: 1',
  'course: Group A',
  'codebook: misc-2.5',
  'ratings:',
  '  empathy: 4',
  '---',
  '',
  'T: What brings you? {oq}',
  'C: I want to stop. {client.change}',
  'T: You want to stop. {sr}',
  '',
].join('\n');

describe('session-md export --unit session', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('writes one CSV row per session: metadata, ratings, and each declared score with its level', async () => {
    ws = makeWorkspace({ 'a/miti.session.md': MITI, 'b/misc.session.md': MISC });
    const result = await runCli(['export', '--unit', 'session'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2);
    const header = Object.keys(rows[0]!);
    assert.deepEqual(header.slice(0, 11), [
      'file',
      'client',
      'course',
      'session',
      'date',
      'therapist',
      'codebook',
      'changeGoal',
      'turns',
      'words',
      'durationSeconds',
    ]);
    const miti = rows.find((r) => r['file'] === 'a/miti.session.md')!;
    assert.deepEqual(
      [miti['client'], miti['session'], miti['codebook'], miti['changeGoal'], miti['turns'], miti['durationSeconds']],
      ["'=C-017", '2', 'MITI 4.2.1 behaviour codes', 'drink-less', '4', '120'],
      'spreadsheet-safe as every export',
    );
    assert.deepEqual([miti['rating:cultivating-change-talk'], miti['rating:empathy']], ['3', '3']);
    assert.deepEqual([miti['score:technical'], miti['level:technical'], miti['score:relational'], miti['level:relational']], ['3.5', 'fair', '3', 'below']);
    assert.deepEqual([miti['score:rq'], miti['level:rq'], miti['score:percent-cr'], miti['level:percent-cr']], ['1', 'fair', '100', 'good']);
    const misc = rows.find((r) => r['file'] === 'b/misc.session.md')!;
    assert.deepEqual(
      [misc['course'], misc['rating:empathy'], misc['score:percent-ct'], misc['level:percent-ct'], misc['score:technical']],
      ['Group A', '4', '100', '', ''],
    );
    assert.deepEqual([misc['score:rq'], misc['level:rq']], ['1', ''], 'MISC has no thresholds');
  });

  it('writes JSON Lines with the ratings, scores and levels as objects, and keeps the exact text', async () => {
    ws = makeWorkspace({ 'a/miti.session.md': MITI });
    const result = await runCli(['export', '--unit', 'session', '--format', 'jsonl'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 1);
    const row = lines[0]!;
    assert.deepEqual([row['client'], row['changeGoal'], row['words']], ['=C-017', 'drink-less', 16]);
    assert.deepEqual(row['ratings'], { 'cultivating-change-talk': 3, 'softening-sustain-talk': 4, partnership: 3, empathy: 3 });
    assert.deepEqual(row['scores'], { technical: 3.5, relational: 3, rq: 1, 'percent-cr': 100, 'mi-adherent': 0, 'mi-non-adherent': 0 });
    assert.deepEqual(row['levels'], { technical: 'fair', relational: 'below', rq: 'fair', 'percent-cr': 'good', 'mi-adherent': null, 'mi-non-adherent': null });
  });

  it('gives the figures session-md stats gives, and says so in --help', async () => {
    ws = makeWorkspace({ 'a/miti.session.md': MITI, 'b/misc.session.md': MISC });
    const exported = (await runCli(['export', '--unit', 'session', '--format', 'jsonl'], ws.dir)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; scores: Record<string, number | null> });
    const stats = JSON.parse((await runCli(['stats', '-f', 'json'], ws.dir)).stdout) as {
      sessions: { file: string; summaryScores: { id: string; value: number | null }[] }[];
    };
    for (const session of stats.sessions) {
      const row = exported.find((r) => r.file === session.file)!;
      assert.deepEqual(row.scores, Object.fromEntries(session.summaryScores.map((s) => [s.id, s.value])), session.file);
    }
    assert.match((await runCli(['export', '--help'], ws.dir)).stdout, /--unit <unit> +turn \(default\), utterance or session/);
  });
});
