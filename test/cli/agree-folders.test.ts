import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { intraclassCorrelations } from '../../src/core/research/icc';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md agree coderA/ coderB/ …`: sessions paired by relative path, the intraclass
// correlations of each summary score (issue 14, point 6). The reflections are Shrout & Fleiss
// (1979) Table 2's ratings: session s coded by coder k has SHROUT_FLEISS[s][k] reflections and one
// question, so both the reflection count and R:Q must give the published ICCs.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
const PUBLISHED = ['0.166', '0.290', '0.715', '0.443', '0.620', '0.909'];
const SESSIONS = ['intake.session.md', 'week-1/s2.session.md', 'week-1/s3.session.md', 'week-2/s4.session.md', 'week-2/s5.session.md', 'week-2/s6.session.md'];

// A session coded with `reflections` reflections, each in its own volley, and one question.
function coded(session: number, reflections: number): string {
  const volleys = Array.from({ length: reflections }, (_, i) => [`T: So what matters ${i} is this. {reflection.simple}`, `C: Yes ${i}.`]).flat();
  return [
    '---',
    `session: ${session}`,
    'date: 2026-03-14',
    'client: C-001',
    'codebook: miti-4.2.1',
    '---',
    '',
    `# Session ${session}`,
    '',
    '## Middle',
    '',
    'T: What brings you here? {question}',
    'C: My drinking.',
    ...volleys,
    '',
  ].join('\n');
}

function folders(extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { ...extra };
  SHROUT_FLEISS.forEach((row, s) => row.forEach((n, k) => (files[`coder-${'abcd'[k]}/${SESSIONS[s]}`] = coded(s + 1, n))));
  return files;
}

describe('session-md agree on coders’ folders (ICC)', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('pairs sessions by relative path and reproduces Shrout & Fleiss Table 2 for each summary score, with 95% intervals', async () => {
    ws = makeWorkspace(folders({ 'coder-a/extra.session.md': coded(7, 3) }));
    const result = await runCli(['agree', 'coder-a', 'coder-b', 'coder-c', 'coder-d/'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /^Reliability of session scores between 4 coders · 7 sessions, paired by their path in each folder$/m);
    assert.match(out, /^ {2}A {2}coder-a\/ {2}7 sessions$/m);
    assert.match(out, /^ {2}D {2}coder-d\/ {2}6 sessions$/m);
    // R:Q (reflections per one question) is the first score, then %CR, Reflections…
    const rq = out.slice(out.indexOf('  R:Q'), out.indexOf('  %CR'));
    assert.deepEqual(
      [...rq.matchAll(/ICC\(\d,[1k]\) +(-?\d\.\d{3})/g)].map((m) => m[1]),
      PUBLISHED,
    );
    assert.match(rq, /^ {2}R:Q +6 +ICC\(1,1\) +0\.166 +\[-0\.133, 0\.723\] +1\.79 +5, 18 +0\.165$/m);
    assert.match(rq, /ICC\(2,1\) +0\.290 +\[0\.019, 0\.761\] +11\.03 +5, 15 +<0\.001$/m);
    assert.match(rq, /ICC\(3,k\) +0\.909 +\[0\.676, 0\.986\]/);
    const reflections = out.slice(out.indexOf('  Reflections'));
    assert.deepEqual(
      [...reflections.matchAll(/ICC\(\d,[1k]\) +(-?\d\.\d{3})/g)].slice(0, 6).map((m) => m[1]),
      PUBLISHED,
    );
    assert.match(out, /Sessions a coder has no copy of, left out of every score\n {2}extra\.session\.md — not in B, C, D/);
    // Only simple reflections: %CR is 0 in every copy, and so are the MI totals.
    assert.match(out, /^ {2}%CR +6 +all +n\/a$/m);
    assert.match(out, /^ {2}n\/a: the same value in every copy of every session \(%CR, MI-adherent, MI non-adherent, Complex reflections, Questions\)$/m);
    assert.doesNotMatch(out, /left out of a score/, 'a session no coder but A has is said once');
  });

  it('gives the same figures as JSON and CSV, with the sessions each score left out', async () => {
    ws = makeWorkspace(folders({ 'coder-b/extra.session.md': coded(7, 3) }));
    const json = JSON.parse((await runCli(['agree', '-f', 'json', 'coder-a', 'coder-b', 'coder-c', 'coder-d'], ws.dir)).stdout);
    assert.deepEqual(
      json.coders.map((c: { name: string; folder: string; sessions: number }) => [c.name, c.folder, c.sessions]),
      [
        ['A', 'coder-a/', 6],
        ['B', 'coder-b/', 7],
        ['C', 'coder-c/', 6],
        ['D', 'coder-d/', 6],
      ],
    );
    assert.deepEqual(json.missing, [{ session: 'extra.session.md', coders: ['A', 'C', 'D'] }]);
    const rq = json.scores.find((s: { id: string }) => s.id === 'rq');
    assert.deepEqual([rq.sessions, rq.leftOut], [6, ['extra.session.md']]);
    assert.deepEqual(
      rq.icc.map((e: { value: number }) => e.value.toFixed(2)),
      ['0.17', '0.29', '0.71', '0.44', '0.62', '0.91'],
    );
    assert.equal(rq.icc[1].lower.toFixed(4), '0.0188');
    const csv = await runCli(['agree', '-f', 'csv', 'coder-a', 'coder-b', 'coder-c', 'coder-d'], ws.dir);
    assert.match(csv.stderr, /extra\.session\.md is missing from A, C, D; left out of every score/);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    const icc3k = rows.find((r) => r['score'] === 'reflections' && r['form'] === 'ICC(3,k)')!;
    assert.deepEqual(
      [icc3k['sessions'], icc3k['mcGrawWong'], Number(icc3k['icc']).toFixed(2), icc3k['df1'], icc3k['df2']],
      ['6', 'ICC(C,k)', '0.91', '5', '15'],
    );
  });

  it('leaves out of a score the sessions where it is undefined in a copy, and says which', async () => {
    const files = folders();
    files['coder-c/week-1/s3.session.md'] = files['coder-c/week-1/s3.session.md']!.replace('{question}', '');
    ws = makeWorkspace(files);
    const result = await runCli(['agree', 'coder-a', 'coder-b', 'coder-c', 'coder-d'], ws.dir);
    assert.match(result.stdout, /^ {2}R:Q +5 +ICC\(1,1\)/m);
    assert.match(result.stdout, /^ {2}Reflections +6 +ICC\(1,1\) +0\.166/m);
    assert.match(
      result.stdout,
      /left out of a score that is undefined in a coder's copy \(such as R:Q without questions\)\n {2}R:Q: week-1\/s3\.session\.md\n/,
    );
  });

  it('covers every summary score and every rating the codebook declares: MITI 4.2.1 Technical, Relational and the four globals', async () => {
    // Coder k rates session s: CCT and SST from Shrout & Fleiss's row brought onto MITI's 1–5 scale, Partnership and Empathy apart.
    const globals = (s: number, k: number) => {
      const n = SHROUT_FLEISS[s]![k]!;
      return { cct: 1 + (n % 5), sst: 1 + ((n + 2) % 5), partnership: 1 + ((n + s) % 5), empathy: 1 + ((2 * n + k) % 5) };
    };
    const files: Record<string, string> = {};
    SHROUT_FLEISS.forEach((row, s) =>
      row.forEach((n, k) => {
        const g = globals(s, k);
        const ratings = [
          'ratings:',
          `  cultivating-change-talk: ${g.cct}`,
          `  softening-sustain-talk: ${g.sst}`,
          `  partnership: ${g.partnership}`,
          `  empathy: ${g.empathy}`,
        ].join('\n');
        files[`coder-${'abcd'[k]}/${SESSIONS[s]}`] = coded(s + 1, n).replace('codebook: miti-4.2.1', `codebook: miti-4.2.1\n${ratings}`);
      }),
    );
    ws = makeWorkspace(files);
    const result = await runCli(['agree', '-f', 'json', 'coder-a', 'coder-b', 'coder-c', 'coder-d'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { scores: { id: string; label: string; sessions: number; icc: { form: string; value: number }[] }[] };
    assert.deepEqual(json.scores.map((x) => x.id).slice(0, 8), [
      'technical',
      'relational',
      'rq',
      'percent-cr',
      'mi-adherent',
      'mi-non-adherent',
      'rating:cultivating-change-talk',
      'rating:softening-sustain-talk',
    ]);
    const expected = {
      technical: (g: ReturnType<typeof globals>) => (g.cct + g.sst) / 2,
      relational: (g: ReturnType<typeof globals>) => (g.partnership + g.empathy) / 2,
      'rating:empathy': (g: ReturnType<typeof globals>) => g.empathy,
    };
    for (const [id, value] of Object.entries(expected)) {
      const matrix = SHROUT_FLEISS.map((row, s) => row.map((_, k) => value(globals(s, k))));
      const direct = intraclassCorrelations(matrix).estimates.map((e) => e.value);
      const score = json.scores.find((x) => x.id === id)!;
      assert.equal(score.sessions, 6, id);
      assert.deepEqual(
        score.icc.map((e) => e.value),
        direct,
        id,
      );
    }
  });

  it('refuses files and folders mixed, and a folder whose transcript cannot be read (exit 2)', async () => {
    ws = makeWorkspace({ ...folders(), 'one.session.md': coded(1, 2), 'coder-e/bad.session.md': '\u0000\u0001binary' });
    const mixed = await runCli(['agree', 'coder-a', 'one.session.md'], ws.dir);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /agree takes either copies of one transcript or coders' folders, not both/);
    const bad = await runCli(['agree', 'coder-a', 'coder-e'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^session-md: coder-e\/bad\.session\.md: /m);
  });
});
