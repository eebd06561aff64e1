import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md agree --disagreements`: the turns where coders differ, side by side, for
// adjudication (issue 14), with turn text only as the masked excerpt every agree note uses.

const copy = (turns: string[], codebook = 'annomi'): string =>
  ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', `codebook: ${codebook}`, '---', '', '# Session 1', '', '## Middle', '', ...turns, ''].join('\n');

// B reorders codes on turn 1 (no disagreement), adds a turn, and differs on three turns: a set
// against one code, another talk type, and a code the codebook does not define (a name).
const A = [
  'T: What brings you here? {question.open} {reflection}',
  'C: My drinking. {change}',
  'T: You want to cut down. {reflection.complex}',
  'C: Maybe. {neutral}',
  'T: Shall we look at it? {question.closed}',
];
const B = [
  'T: What brings you here? {reflection} {question.open | asks}',
  'C: My drinking. {change}',
  'T: You want to cut down. {question} {reflection}',
  'C: I guess so.',
  'C: Maybe. {sustain}',
  'T: Shall we look at it? {question.closed} {Jane-Doe}',
];

describe('session-md agree --disagreements', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it("lists the turns where the coders differ, each coder's line and codes side by side, as a table", async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md', '--disagreements'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'Turns where 2 coders differ · codebook: AnnoMI labels',
        '  A  a.session.md  5 turns',
        '  B  b.session.md  6 turns',
        '3 of 5 aligned turns differ; 1 left out (listed below).',
        '',
        '  #  Role       Groups               A line  A codes             B line  B codes                     Turn',
        '  1  therapist  therapist-behaviour      14  reflection.complex      14  question + reflection       T: Y** w*** t* c** d***.',
        '  2  client     client-talk              15  neutral                 16  sustain                     C: M****.',
        '  3  therapist  –                        16  question.closed         17  question.closed + J***-D**  T: S**** w* l*** a* i*?',
        '',
        'Unaligned turns, left out of the statistics',
        '  B b.session.md:15 (turn 4) C: I g**** s*. — not in A',
        '',
        'Warnings',
        '  A a.session.md:12 (turn 1) carries question and reflection of the group therapist-behaviour, which should exclude each other; question is used',
        '  B b.session.md:12 (turn 1) carries question and reflection of the group therapist-behaviour, which should exclude each other; question is used',
        '  B b.session.md:14 (turn 3) carries question and reflection of the group therapist-behaviour, which should exclude each other; question is used',
        '',
      ].join('\n'),
    );
    for (const word of ['brings', 'drinking', 'Maybe', 'Jane', 'Doe']) assert.ok(!result.stdout.includes(word), `the transcript's '${word}' is not quoted`);
  });

  it('gives the same turns as JSON, with files, turns, lines and codes, and as CSV with a column pair per coder', async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(B), 'c.session.md': copy(A) });
    const json = JSON.parse((await runCli(['agree', 'a.session.md', 'b.session.md', 'c.session.md', '--disagreements', '-f', 'json'], ws.dir)).stdout);
    assert.deepEqual(Object.keys(json), ['codebook', 'coders', 'units', 'disagreements', 'unaligned', 'edited', 'speakerMismatches', 'warnings']);
    assert.equal(json.units, 5);
    assert.deepEqual(json.disagreements[0], {
      role: 'therapist',
      preview: 'T: Y** w*** t* c** d***.',
      groups: ['therapist-behaviour'],
      copies: [
        { file: 'a.session.md', turn: 3, line: 14, codes: ['reflection.complex'] },
        { file: 'b.session.md', turn: 3, line: 14, codes: ['question', 'reflection'] },
        { file: 'c.session.md', turn: 3, line: 14, codes: ['reflection.complex'] },
      ],
    });
    assert.deepEqual(
      json.disagreements.map((d: { copies: { line: number }[] }) => d.copies.map((c) => c.line)),
      [
        [14, 14, 14],
        [15, 16, 15],
        [16, 17, 16],
      ],
    );

    const csv = await runCli(['agree', 'a.session.md', 'b.session.md', '--disagreements', '-f', 'csv'], ws.dir);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), ['role', 'groups', 'preview', 'A_line', 'A_codes', 'B_line', 'B_codes']);
    assert.deepEqual(
      rows.map((r) => [r['groups'], r['A_line'], r['A_codes'], r['B_line'], r['B_codes']]),
      [
        ['therapist-behaviour', '14', 'reflection.complex', '14', 'question;reflection'],
        ['client-talk', '15', 'neutral', '16', 'sustain'],
        ['', '16', 'question.closed', '17', 'question.closed;J***-D**'],
      ],
    );
    assert.match(csv.stderr, /^session-md: unaligned turn, left out: B b\.session\.md:15 \(turn 4\) C: I g\*\*\*\* s\*\. — not in A$/m);
  });

  it("says when the coders agree on every turn, and refuses coders' folders", async () => {
    ws = makeWorkspace({ 'a.session.md': copy(A), 'b.session.md': copy(A), 'x/a.session.md': copy(A), 'y/a.session.md': copy(A) });
    const same = await runCli(['agree', 'a.session.md', 'b.session.md', '--disagreements'], ws.dir);
    assert.match(same.stdout, /^The coders gave the same codes to all 5 aligned turns\.$/m);
    assert.deepEqual(JSON.parse((await runCli(['agree', 'a.session.md', 'b.session.md', '--disagreements', '-f', 'json'], ws.dir)).stdout).disagreements, []);
    const folders = await runCli(['agree', 'x', 'y', '--disagreements'], ws.dir);
    assert.equal(folders.code, 2);
    assert.match(folders.stderr, /--disagreements lists the turns of one transcript: give its copies, not coders' folders/);
  });
});
