import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// A codebook group declares whether its codes exclude each other (`exclusive`, default true), and
// `session-md agree` reads it from the codebook file: a group whose codes may go together compares
// the set of codes each turn carries (issue 14).

const copy = (codebook: string, turns: string[]): string =>
  ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', `codebook: ${codebook}`, '---', '', '# Session 1', '', '## Middle', '', ...turns, ''].join('\n');

// A team's codebook: a therapist group whose codes may go together, and a client group that keeps the default.
const TEAM = `name: Team codes
groups:
  - id: technique
    label: Technique
    exclusive: false
    codes: [question, reflection, affirm]
  - id: talk
    codes: [change, sustain]
codes:
  - { id: question, label: Question, role: therapist }
  - { id: reflection, label: Reflection, role: therapist }
  - { id: affirm, label: Affirm, role: therapist }
  - { id: change, label: Change talk, role: client }
  - { id: sustain, label: Sustain talk, role: client }
`;

interface JsonGroup {
  id: string;
  exclusive: boolean;
  units: number;
  percentAgreement: number;
  krippendorffAlpha: number | null;
  confusion: { categories: string[] };
  presence?: { code: string; present: number[] }[];
}

const groupsOf = (stdout: string): Record<string, JsonGroup> => Object.fromEntries((JSON.parse(stdout).groups as JsonGroup[]).map((g) => [g.id, g]));

describe('session-md agree: groups whose codes may go together', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it("takes exclusive: false from a codebook file: a turn's value is the set of its codes, in the table, JSON and CSV", async () => {
    const a = ['T: You want to sleep. What would help? {reflection} {question}', 'C: Less coffee, but I like it. {change} {sustain}', 'T: Good idea. {affirm}'];
    const b = ['T: You want to sleep. What would help? {question}', 'C: Less coffee, but I like it. {sustain} {change}', 'T: Good idea. {affirm}'];
    ws = makeWorkspace({ 'team.codebook.yaml': TEAM, 'a.session.md': copy('team.codebook.yaml', a), 'b.session.md': copy('team.codebook.yaml', b) });
    const json = await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir);
    assert.equal(json.code, 0, json.stderr);
    const { technique, talk } = groupsOf(json.stdout);
    // The first volley is {question, reflection} against {question}: a disagreement on sets, which
    // an exclusive group would hide by taking `question` from both.
    assert.deepEqual([technique!.exclusive, technique!.units, technique!.percentAgreement], [false, 2, 0.5]);
    assert.deepEqual(technique!.confusion.categories, ['question', 'affirm', 'question + reflection', '(none)']);
    assert.deepEqual(
      technique!.presence!.map((p) => [p.code, p.present]),
      [
        ['question', [1, 1]],
        ['reflection', [1, 0]],
        ['affirm', [1, 1]],
      ],
    );
    // MASI: {question, reflection} against {question} is J = 1/2, M = 2/3, δ = 2/3; with {affirm} twice,
    // the expected disagreement is 2 · (2/3 + 2 + 2) = 28/3, so α = 1 − 3 · (4/3) / (28/3) = 4/7.
    assert.equal(technique!.krippendorffAlpha!.toFixed(6), (4 / 7).toFixed(6));
    // The client group keeps the default: its codes exclude each other, and the turn carrying both is warned about.
    assert.equal(talk!.exclusive, true);
    assert.deepEqual(
      JSON.parse(json.stdout).warnings.map((w: { group: string; codes: string[] }) => [w.group, w.codes]),
      [
        ['talk', ['change', 'sustain']],
        ['talk', ['change', 'sustain']],
      ],
    );

    const table = await runCli(['agree', 'a.session.md', 'b.session.md'], ws.dir);
    assert.match(table.stdout, /^ {2}technique \* +therapist +2 +50\.0%/m);
    assert.match(table.stdout, /^ {2}talk +client +1 +100\.0%/m);
    const rows = parse((await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'csv'], ws.dir)).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.filter((r) => r['kind'] === 'member').map((r) => [r['id'], r['label'], r['percentAgreement']]),
      [
        ['question', 'technique', '1'],
        ['reflection', 'technique', '0.5'],
        ['affirm', 'technique', '1'],
      ],
    );
  });

  it("compares a MITI volley's behaviour codes as a set with the built-in miti-4.2.1, and AnnoMI's main behaviour as one code", async () => {
    const a = ['T: You want to cut down. What would help? {reflection.simple} {question}', 'C: Less beer.', 'T: Here is a leaflet. {giving-information}'];
    const b = ['T: You want to cut down. What would help? {question}', 'C: Less beer.', 'T: Here is a leaflet. {giving-information}'];
    ws = makeWorkspace({ 'a.session.md': copy('miti-4.2.1', a), 'b.session.md': copy('miti-4.2.1', b) });
    const miti = await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir);
    assert.equal(miti.code, 0, miti.stderr);
    const { behaviour } = groupsOf(miti.stdout);
    assert.deepEqual([behaviour!.exclusive, behaviour!.units, behaviour!.percentAgreement], [false, 2, 0.5]);
    assert.deepEqual(JSON.parse(miti.stdout).warnings, [], 'several codes on a volley are no exclusivity warning');

    const annomi = ['T: You want to cut down. What would help? {reflection} {question}', 'C: Less beer. {change}'];
    ws.dispose();
    ws = makeWorkspace({ 'a.session.md': copy('annomi', annomi), 'b.session.md': copy('annomi', annomi) });
    const groups = groupsOf((await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir)).stdout);
    assert.deepEqual([groups['therapist-behaviour']!.exclusive, groups['client-talk']!.exclusive], [true, true]);
    assert.deepEqual(groups['therapist-behaviour']!.confusion.categories, ['question', 'reflection', 'input', 'other', '(none)']);
  });

  it('reports a value of exclusive that is not true or false as codebook-invalid at its position, and agree refuses the copy', async () => {
    const broken = TEAM.replace('exclusive: false', 'exclusive: sometimes');
    ws = makeWorkspace({ 'team.codebook.yaml': broken, 'a.session.md': copy('team.codebook.yaml', ['T: Hello. {question}']) });
    const check = await runCli(['codebook', 'check', '-f', 'json', 'team.codebook.yaml'], ws.dir);
    assert.equal(check.code, 1);
    const findings = JSON.parse(check.stdout).files[0].findings.map((f: { line: number; column: number; ruleId: string; message: string }) => [
      f.line,
      f.column,
      f.ruleId,
      f.message,
    ]);
    assert.deepEqual(findings, [[5, 16, 'codebook-invalid', `Codebook: 'groups.0.exclusive' should be true or false, not a string ("sometimes")`]]);
    const agree = await runCli(['agree', 'a.session.md', 'a.session.md'], ws.dir);
    assert.equal(agree.code, 2);
    assert.match(agree.stderr, /^session-md: a\.session\.md: cannot use its codebook/);
  });
});
