import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { formatAgreement } from '../../src/cli/agreeFormat';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { computeAgreement } from '../../src/core/research/agreement';
import { annomiSession, loadAnnomi, requireAnnomi } from '../support/annomi';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// A coder's copy of one short transcript, coded with the annomi codebook.
function copy(turns: string[], codebook = 'annomi'): string {
  return ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', `codebook: ${codebook}`, '---', '', '# Session 1', '', '## Middle', '', ...turns, ''].join(
    '\n',
  );
}

const A = [
  'T: What brings you here? {question.open}',
  'C: My drinking. {change}',
  'T: You want to cut down. {reflection.complex}',
  'C: Maybe. {neutral}',
  'T: Shall we look at it? {question.closed}',
];
const B = [
  'T: What brings you here? {question.open}',
  'C: My drinking. {change}',
  'T: You want to cut down. {question} {reflection}',
  'C: I guess so.',
  'C: Maybe. {sustain}',
  'T: Shall we look at it? {input}',
];

describe('session-md agree', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('needs two or more files, a known format and readable files (exit 2)', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'empty.session.md': '' });
    const one = await runCli(['agree', 'a.session.md'], ws.dir);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /agree needs at least two coded copies/);
    const format = await runCli(['agree', 'a.session.md', 'a.session.md', '--format', 'xml'], ws.dir);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /unknown format 'xml'; use one of table, json, csv/);
    const missing = await runCli(['agree', 'a.session.md', 'nope.session.md'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^session-md: nope\.session\.md: cannot read this file: /);
    const empty = await runCli(['agree', 'a.session.md', 'empty.session.md'], ws.dir);
    assert.equal(empty.code, 2);
    const codebook = await runCli(['agree', 'a.session.md', 'a.session.md', '--codebook', 'nope'], ws.dir);
    assert.equal(codebook.code, 2);
    assert.match(codebook.stderr, /codebook not found: nope/);
  });

  it('prints help', async () => {
    ws = makeWorkspace({});
    const result = await runCli(['agree', '--help'], ws.dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: session-md agree <fileA> <fileB>/);
  });

  it('prints groups, confusion matrices, codes, unaligned turns and warnings as a table', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'Agreement between 2 coders · codebook: AnnoMI labels',
        '  A  a.session.md  5 turns',
        '  B  b.session.md  6 turns',
        '5 turns aligned; 1 left out (listed below).',
        '',
        'Groups (one value per turn; (none) when a turn carries no member)',
        "  Group                Role       Units  Agreement  Cohen's κ  Fleiss' κ  Krippendorff's α  α units",
        '  therapist-behaviour  therapist      3      33.3%     -0.200     -0.333            -0.111        3',
        '  client-talk          client         2      50.0%      0.333      0.200             0.400        2',
        '',
        'Confusion matrix of therapist-behaviour (rows A, columns B; values no coder used are left out)',
        '  A \\ B       question  reflection  input',
        '  question           1           0      1',
        '  reflection         1           0      0',
        '  input              0           0      0',
        '',
        'Confusion matrix of client-talk (rows A, columns B; values no coder used are left out)',
        '  A \\ B    change  neutral  sustain',
        '  change        1        0        0',
        '  neutral       0        0        1',
        '  sustain       0        0        0',
        '',
        'Codes, present or absent (columns A, B: turns each coder marked)',
        "  Code                Role       Units  A  B  Agreement  Cohen's κ  Fleiss' κ  Krippendorff's α  α units",
        '  question            therapist      3  0  1      66.7%      0.000     -0.200             0.000        3',
        '  question.open       therapist      3  1  1     100.0%      1.000      1.000             1.000        3',
        '  question.closed     therapist      3  1  0      66.7%      0.000     -0.200             0.000        3',
        '  reflection          therapist      3  0  1      66.7%      0.000     -0.200             0.000        3',
        '  reflection.complex  therapist      3  1  0      66.7%      0.000     -0.200             0.000        3',
        '  input               therapist      3  0  1      66.7%      0.000     -0.200             0.000        3',
        '  change              client         2  1  1     100.0%      1.000      1.000             1.000        2',
        '  neutral             client         2  1  0      50.0%      0.000     -0.333             0.000        2',
        '  sustain             client         2  0  1      50.0%      0.000     -0.333             0.000        2',
        '',
        'Unaligned turns, left out of the statistics',
        '  B b.session.md:15 (turn 4) C: I g**** s*. — not in A',
        '',
        'Warnings',
        '  B b.session.md:14 (turn 3) carries question and reflection of the group therapist-behaviour, which should exclude each other; question is used',
        '',
      ].join('\n'),
    );
  });

  it('prints the documented JSON with camelCase keys', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B) });
    const result = await runCli(['agree', '-f', 'json', 'a.session.md', 'b.session.md'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(json), ['codebook', 'coders', 'units', 'groups', 'codes', 'unaligned', 'edited', 'speakerMismatches', 'warnings']);
    assert.deepEqual(json.coders, [
      { name: 'A', file: 'a.session.md', turns: 5 },
      { name: 'B', file: 'b.session.md', turns: 6 },
    ]);
    assert.equal(json.units, 5);
    const [behaviour, talk] = json.groups;
    assert.deepEqual(Object.keys(behaviour), [
      'id',
      'label',
      'role',
      'exclusive',
      'units',
      'percentAgreement',
      'cohenKappa',
      'fleissKappa',
      'krippendorffAlpha',
      'alphaUnits',
      'confusion',
    ]);
    assert.equal(behaviour.cohenKappa.toFixed(3), '-0.200');
    assert.deepEqual(behaviour.confusion.counts, [
      [1, 0, 1, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    assert.equal(talk.alphaUnits, 2);
    assert.deepEqual(json.codes[1], {
      code: 'question.open',
      role: 'therapist',
      present: [1, 1],
      units: 3,
      percentAgreement: 1,
      cohenKappa: 1,
      fleissKappa: 1,
      krippendorffAlpha: 1,
      alphaUnits: 3,
    });
    assert.deepEqual(json.unaligned, [{ file: 'b.session.md', turn: 4, line: 15, preview: 'C: I g**** s*.', missingFrom: ['a.session.md'] }]);
    assert.deepEqual(json.warnings, [
      { file: 'b.session.md', turn: 3, line: 14, group: 'therapist-behaviour', codes: ['question', 'reflection'], used: 'question' },
    ]);
  });

  it('prints CSV that parses, with its notes on stderr', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md', '--format=csv'], ws.dir);
    assert.equal(result.code, 0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [
      'kind',
      'id',
      'label',
      'role',
      'units',
      'percentAgreement',
      'cohenKappa',
      'fleissKappa',
      'krippendorffAlpha',
      'alphaUnits',
    ]);
    assert.deepEqual(rows.map((r) => `${r['kind']} ${r['id']}`).slice(0, 3), ['group therapist-behaviour', 'group client-talk', 'code question']);
    assert.equal(Number(rows[0]!['cohenKappa']).toFixed(3), '-0.200');
    assert.equal(rows[1]!['label'], 'Client talk type');
    assert.match(result.stderr, /^session-md: unaligned turn, left out: B b\.session\.md:15 \(turn 4\)/m);
    assert.match(result.stderr, /^session-md: warning: B b\.session\.md:14 \(turn 3\) carries question and reflection/m);
  });

  it('compares three coders with Fleiss and Krippendorff, not Cohen, and sums the pairwise confusion', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B), 'c.session.md': copy(A) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md', 'c.session.md', '-f', 'json'], ws.dir);
    const json = JSON.parse(result.stdout);
    assert.equal(json.groups[0].cohenKappa, undefined);
    assert.equal(json.groups[0].confusion.kind, 'pairwise-sum');
    assert.equal(
      json.groups[0].confusion.counts.flat().reduce((a: number, b: number) => a + b, 0),
      3 * 3,
      'three units × three pairs',
    );
    const table = await runCli(['agree', 'a.session.md', 'b.session.md', 'c.session.md'], ws.dir);
    assert.doesNotMatch(table.stdout, /Cohen/);
    assert.match(table.stdout, /every pair of coders summed/);
  });

  it('warns when the copies use different codebooks, and --codebook puts them on one', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B, 'core') });
    const mixed = await runCli(['agree', 'a.session.md', 'b.session.md'], ws.dir);
    assert.equal(mixed.code, 0);
    assert.match(mixed.stderr, /warning: b\.session\.md uses the codebook 'Core techniques', not 'AnnoMI labels' as a\.session\.md does/);
    const forced = await runCli(['agree', 'a.session.md', 'b.session.md', '--codebook', 'annomi'], ws.dir);
    assert.equal(forced.stderr, '');
    assert.match(forced.stdout, /codebook: AnnoMI labels/);
  });

  it('gives 1.000 everywhere for identical copies of a real AnnoMI transcript, and less where a coder changed codes', async function () {
    requireAnnomi(this);
    const text = annomiSession(loadAnnomi().get(4)!, { codebook: 'core' }).text;
    let n = 0;
    const changed = text.replace(/\{open-question\}/g, (m) => (n++ % 2 === 0 ? '{reflection}' : m));
    ws = makeWorkspace({ 'a.session.md': text, 'b.session.md': text, 'c.session.md': changed });
    const same = JSON.parse((await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir)).stdout);
    for (const s of [...same.groups, ...same.codes].filter((x) => x.units > 0)) {
      for (const key of ['percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha']) assert.equal(s[key], 1, `${s.id ?? s.code} ${key}`);
    }
    const diff = JSON.parse((await runCli(['agree', 'a.session.md', 'c.session.md', '-f', 'json'], ws.dir)).stdout);
    const technique = diff.groups.find((g: { id: string }) => g.id === 'therapist-technique');
    assert.ok(technique.cohenKappa < 1 && technique.cohenKappa > 0, String(technique.cohenKappa));
    assert.equal(diff.groups.find((g: { id: string }) => g.id === 'client-talk').cohenKappa, 1);
  });

  it('reports a group whose codes may go together by sets: marked, MASI alpha, each code present or absent, in every format', () => {
    // The built-in MITI codebook declares its behaviour group non-exclusive (test/cli/agree-sets.test.ts runs it through the CLI).
    const codebook = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'miti-4.2.1.codebook.yaml'), 'utf8'), 'miti-4.2.1').codebook!;
    assert.equal(codebook.groups[0]!.exclusive, false);
    const turns = (...lines: string[]) => parseSession(['# Session', '', '## Middle', '', ...lines, ''].join('\n')).turns;
    const a = turns('T: You want to cut down. What would help? {reflection.simple} {question}', 'C: Less beer.', 'T: Here is a leaflet. {giving-information}');
    const b = turns('T: You want to cut down. What would help? {question} {reflection.complex}', 'C: Less beer.', 'T: Here is a leaflet. {giving-information}');
    const report = computeAgreement(
      [
        { name: 'A', turns: a },
        { name: 'B', turns: b },
      ],
      codebook,
    );
    const context = {
      coders: [
        { name: 'A', file: 'a.session.md', turns: 3 },
        { name: 'B', file: 'b.session.md', turns: 3 },
      ],
      codebook: 'MITI 4.2.1',
    };
    const table = formatAgreement('table', report, context).stdout;
    assert.match(table, /^ {2}behaviour \* +therapist +2 +50\.0%/m);
    assert.match(table, /\* codes that may go together: a turn's value is the set of its codes, and alpha uses the MASI distance between sets/);
    // MASI: the volleys' sets share one code of three (J = 1/3, M = 1/3): δ = 8/9, and α = 1 − 3 · (16/9) / (88/9) = 0.455.
    assert.match(table, /^ {2}behaviour \* .* 0\.455 +2$/m);
    assert.match(table, /^ {2}A \\ B +giving-information +question \+ reflection\.simple +question \+ reflection\.complex$/m);
    assert.match(table, /^ {2}question \+ reflection\.simple +0 +0 +1$/m);
    assert.match(table, /Codes of behaviour, present or absent/);
    assert.match(table, /^ {2}reflection\.simple +therapist +2 +1 +0 +50\.0%/m);
    assert.doesNotMatch(table, /^ {2}confront/m, 'codes no coder used are left out');
    const json = JSON.parse(formatAgreement('json', report, context).stdout);
    assert.equal(json.groups[0].exclusive, false);
    assert.deepEqual(
      json.groups[0].presence.map((p: { code: string }) => p.code),
      codebook.groups[0]!.codes,
    );
    assert.deepEqual(
      json.groups[0].presence.find((p: { code: string }) => p.code === 'question'),
      {
        code: 'question',
        role: 'therapist',
        present: [1, 1],
        units: 2,
        percentAgreement: 1,
        cohenKappa: 1,
        fleissKappa: 1,
        krippendorffAlpha: 1,
        alphaUnits: 2,
      },
    );
    const rows = parse(formatAgreement('csv', report, context).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows
        .filter((r) => r['kind'] === 'member')
        .map((r) => [r['id'], r['label']])
        .slice(0, 2),
      [
        ['giving-information', 'behaviour'],
        ['persuade', 'behaviour'],
      ],
    );
  });
});
