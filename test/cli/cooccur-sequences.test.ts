import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 17, items 4 and 5 from the command line: `session-md cooccur` and `session-md sequences`
// as table, CSV and JSON, grouped by a front-matter field, and their usage errors.

const session = (name: string, quality: string, body: string[]) => ({
  [name]: ['---', 'session: 1', 'client: C-001', `mi_quality: "${quality}"`, 'codebook: core', '---', '', '## Beginning', '', ...body, ''].join('\n'),
});

const FILES = {
  ...session('a.session.md', 'high', [
    'T: How was the week? {open-question} {agenda}',
    'C: Better. {change-talk}',
    'T: Better. {reflection.simple}',
    'T: What helped? {open-question}',
    'C: Sleep. {change-talk} {neutral}',
  ]),
  ...session('b.session.md', '=low', ['T: You should. {advise} {open-question}', 'C: No. {sustain-talk}']),
};

describe('session-md cooccur and sequences (issue 17, items 4 and 5)', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  before(() => {
    ws = makeWorkspace(FILES);
  });
  after(() => ws.dispose());

  it('cooccur prints each pair of codes with the number of turns that carry both', async () => {
    const { code, stdout, stderr } = await runCli(['cooccur', '.'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Co-occurrence per turn: 2 sessions · 7 turns, 7 coded/);
    assert.match(stdout, /agenda +open-question +1\n/);
    assert.match(stdout, /advise +open-question +1\n/);
    assert.match(stdout, /change-talk +neutral +1\n/);
  });

  it('cooccur --unit volley --by mi_quality --format csv gives a row per pair and group, the group spreadsheet-safe', async () => {
    const { code, stdout, stderr } = await runCli(['cooccur', '--unit', 'volley', '--by', 'mi_quality', '--format', 'csv'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.deepEqual(parse(stdout), [
      ['group', 'code_a', 'code_b', 'units'],
      ["'=low", 'advise', 'open-question', '1'],
      ['high', 'agenda', 'open-question', '1'],
      ['high', 'change-talk', 'neutral', '1'],
      ['high', 'open-question', 'reflection.simple', '1'],
    ]);
  });

  it('sequences --format json gives every cell with its count, P(to|from), expected count, adjusted residual and p', async () => {
    const { code, stdout, stderr } = await runCli(['sequences', '--format', 'json'], ws.dir);
    assert.equal(code, 0, stderr);
    const table = JSON.parse(stdout);
    assert.deepEqual([table.from, table.to, table.lag, table.sessions, table.transitions, table.tallies], ['therapist', 'client', 1, 2, 3, 6]);
    // open-question starts 4 tallies (1 of a's turn 1, 2 of its turn 4, 1 of b's); change-talk ends 3 of the 6.
    const cell = table.cells.find((c: { from: string; to: string }) => c.from === 'open-question' && c.to === 'change-talk');
    assert.deepEqual(Object.keys(cell), ['from', 'to', 'count', 'probability', 'expected', 'adjustedResidual', 'p', 'expectedBelow5']);
    assert.deepEqual([cell.count, cell.probability, cell.expected], [2, 2 / 4, (4 * 3) / 6]);
  });

  it('sequences prints a table per group, with z and p and the marks of p < .05 and small expected counts explained in --help', async () => {
    const { code, stdout, stderr } = await runCli(['sequences', '.', '--from', 'therapist', '--to', 'client', '--lag', '1', '--by', 'mi_quality'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /mi_quality: =low\ntherapist → client, lag 1: 1 session · 1 transitions · 2 tallies/);
    assert.match(stdout, /from +to +count +P\(to\|from\) +expected +z +p\n/);
    const help = await runCli(['sequences', '--help'], ws.dir);
    assert.match(help.stdout, /\* marks p < \.05 and ~ an expected count below 5/);
  });

  it('refuses a role, lag, unit or format it does not know, with exit 2', async () => {
    for (const [args, message] of [
      [['sequences', '--from', 'coach'], /--from needs a role: therapist, client, other; got 'coach'/],
      [['sequences', '--lag', '0'], /--lag needs a whole number from 1 to 1000; got '0'/],
      [['sequences', '--lag', '1.5'], /--lag needs a whole number/],
      [['cooccur', '--unit', 'phase'], /unknown unit 'phase'; use turn or volley/],
      [['cooccur', '--format', 'xml'], /unknown format 'xml'/],
      [['cooccur', '--by', ' '], /--by needs a front-matter field/],
    ] as const) {
      const { code, stderr } = await runCli([...args], ws.dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });

  it('warns, as stats --by does, when no session has the --by field (likely misspelt), and still prints the one group', async () => {
    for (const command of ['cooccur', 'sequences']) {
      const { code, stdout, stderr } = await runCli([command, '--by', 'mi_qualty', '.'], ws.dir);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /warning: no session has the front-matter field 'mi_qualty'/, command);
      assert.match(stdout, /mi_qualty: \(none\)/, command);
    }
    const { stderr } = await runCli(['cooccur', '--by', 'mi_quality', '.'], ws.dir);
    assert.doesNotMatch(stderr, /warning/);
  });
});
