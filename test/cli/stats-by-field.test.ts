import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md stats --by <field>`: totals per value of any front-matter field (AnnoMI's
// mi_quality), in the table, JSON and CSV; `--by session` and `--by phase` keep their meaning.

const session = (frontMatter: string[], turns: string[]): string =>
  ['---', 'codebook: annomi', ...frontMatter, '---', '', '# Talk', '', ...turns.flatMap((t) => [t, '']), ''].join('\n');

const R = 'T: You want to stop. {reflection}';
const Q = 'T: Why now? {question}';

// Three sessions rated high or low, one without a rating; the pooled R:Q of high is 3 / 2, not the mean of 2 and 1.
const FILES = {
  'a.session.md': session(['client: C-1', 'quality: high', 'tags: [smoking, young]', 'site: {name: north}', 'wave: 10'], [R, R, Q]),
  'b.session.md': session(['client: C-2', 'quality: low', 'wave: 9', 'site: {name: south}'], [Q, Q, R]),
  'c.session.md': session(['client: C-3', 'quality: " high "', 'wave: 10'], [R, Q]),
  'd.session.md': session(['client: C-4'], [Q]),
};

interface Json {
  sessions: { file: string; group: string; client: string; phases?: unknown }[];
  groups: { group: string; sessions: number; turns: number; scoreCounts: Record<string, number>; summaryScores: { id: string; value: number | null }[] }[];
  corpus: { sessions: number };
  groupedBy?: { field: string; notSingleValue: string[] };
}

describe('session-md stats --by <front-matter field>', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  beforeEach(() => (ws = makeWorkspace(FILES)));
  afterEach(() => ws.dispose());

  const json = async (by: string): Promise<{ report: Json; stderr: string }> => {
    const { code, stdout, stderr } = await runCli(['stats', '--format', 'json', '--by', by], ws.dir);
    assert.equal(code, 0, stderr);
    return { report: JSON.parse(stdout) as Json, stderr };
  };

  it('totals the sessions by the values of the field (pooled), those without it in (none) last; JSON says which field', async () => {
    const { report, stderr } = await json('quality');
    assert.equal(stderr, '');
    const rq = (g: Json['groups'][number]) => g.summaryScores.find((s) => s.id === 'rq')?.value;
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.sessions, g.turns, g.scoreCounts['reflections'], g.scoreCounts['questions'], rq(g)]),
      [
        ['high', 2, 5, 3, 2, 1.5],
        ['low', 1, 3, 1, 2, 0.5],
        ['(none)', 1, 1, 0, 1, 0],
      ],
    );
    assert.deepEqual(
      report.sessions.map((s) => [s.file, s.group, s.client]),
      [
        ['a.session.md', 'high', 'C-1'],
        ['c.session.md', 'high', 'C-3'],
        ['b.session.md', 'low', 'C-2'],
        ['d.session.md', '(none)', 'C-4'],
      ],
    );
    assert.equal(report.sessions[0]!.phases, undefined, 'sessions without their phases, as with --by session');
    assert.deepEqual(report.groupedBy, { field: 'quality', notSingleValue: [] });
    assert.equal(report.corpus.sessions, 4);
  });

  it('prints the table with "Totals by <field>" and each session\'s value beside its client', async () => {
    const { code, stdout } = await runCli(['stats', '--by', 'quality'], ws.dir);
    assert.equal(code, 0);
    assert.match(stdout, /^a\.session\.md\n {2}C-1 · quality: high · codebook: AnnoMI labels\n/);
    // The groups show the scores the annomi codebook declares, plain: it is no MITI coding, so nothing is judged.
    assert.match(
      stdout,
      /\nTotals by quality\n\ngroup +sessions +turns +words +therapist words +client words +duration +R:Q +%CR +%OQ +%CT\nhigh +2 +5 .* 1\.5 .*\nlow +1 +3 .* 0\.5 .*\n\(none\) +1 +1 .*\nAll sessions +4 +9 /,
    );
    assert.doesNotMatch(stdout, /\((fair|good|below)\)/);
    assert.doesNotMatch(stdout, /\n {2}phase +status/);
  });

  it('writes CSV group rows with the value in the group column', async () => {
    const { code, stdout } = await runCli(['stats', '--format', 'csv', '--by', 'quality'], ws.dir);
    assert.equal(code, 0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.filter((r) => r['level'] !== 'session').map((r) => [r['level'], r['group'], r['sessions'], r['reflections'], r['questions'], r['score:rq']]),
      [
        ['group', 'high', '2', '3', '2', '1.5'],
        ['group', 'low', '1', '1', '2', '0.5'],
        ['group', '(none)', '1', '0', '1', '0'],
        ['corpus', '', '4', '4', '5', '0.8'],
      ],
    );
    assert.equal(rows.filter((r) => r['level'] === 'phase').length, 0);
  });

  it('orders numeric values as numbers, and reads b inside a with a.b', async () => {
    assert.deepEqual(
      (await json('wave')).report.groups.map((g) => [g.group, g.sessions]),
      [
        ['9', 1],
        ['10', 2],
        ['(none)', 1],
      ],
    );
    assert.deepEqual(
      (await json('site.name')).report.groups.map((g) => [g.group, g.sessions]),
      [
        ['north', 1],
        ['south', 1],
        ['(none)', 2],
      ],
    );
  });

  it('totals a list or mapping value apart, in (not a single value), and warns naming a file', async () => {
    const { report, stderr } = await json('site');
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.sessions]),
      [
        ['(none)', 2],
        ['(not a single value)', 2],
      ],
    );
    assert.deepEqual(report.groupedBy, { field: 'site', notSingleValue: ['a.session.md', 'b.session.md'] });
    assert.equal(
      stderr,
      "session-md: warning: a.session.md and 1 more: 'site' is a list or mapping, not a single value; totalled in the group (not a single value)\n",
    );
    assert.match((await json('tags')).stderr, /a\.session\.md: 'tags' is a list or mapping/);
  });

  it('warns when no session has the field, as when it is misspelt', async () => {
    const { report, stderr } = await json('qualty');
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.sessions]),
      [['(none)', 4]],
    );
    assert.equal(stderr, "session-md: warning: no session has the front-matter field 'qualty'; all are totalled in the group (none)\n");
  });

  it('keeps --by session and --by phase as levels, grouping by client', async () => {
    const bySession = (await json('session')).report;
    assert.deepEqual(
      bySession.groups.map((g) => g.group),
      ['C-1', 'C-2', 'C-3', 'C-4'],
    );
    assert.equal(bySession.groupedBy, undefined);
    const byPhase = (await json('phase')).report;
    assert.ok(Array.isArray(byPhase.sessions[0]!.phases));
  });
});
