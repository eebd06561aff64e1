import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md query`: the turns that meet a condition, as a table, CSV or JSONL with the export's
// columns and a `match` column, with context, by turn or by utterance.

function session(front: string[], body: string[]): string {
  return ['---', ...front, 'codebook: annomi', 'speakers: { T: therapist, C: client }', '---', '', ...body, ''].join('\n');
}

const FILES = {
  'high.session.md': session(
    ['session: 1', 'client: A', 'mi_quality: high'],
    [
      '## Beginning',
      '',
      'T: What brings you here? {question.open}',
      'C: I drink too much. {change}',
      '',
      '> Said it straight away.',
      '',
      '## Middle',
      '',
      'T: You feel sad about it. {reflection.complex}',
      'C: Sad, yes. {neutral}',
      'T: It matters. {reflection} Shall we look? {question.closed}',
      'C: Fine. {neutral}',
    ],
  ),
  'low.session.md': session(
    ['session: 2', 'client: B', 'mi_quality: low'],
    ['## Middle', '', 'T: So you drink. {reflection.simple}', 'C: I won’t stop. {sustain}', 'T: =SUM(A1) is a formula. {input}'],
  ),
};

interface Row {
  file: string;
  turn: number;
  utterance?: number | null;
  codes: string[];
  text: string;
  match: string;
  memo?: string | null;
}

function jsonl(text: string): Row[] {
  return text
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Row);
}

describe('session-md query', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('writes the matching turns as JSONL with the export columns and match: hit', async () => {
    ws = makeWorkspace(FILES);
    const { code, stdout, stderr } = await runCli(['query', '-q', 'code:reflection and mi_quality=high', '-f', 'jsonl'], ws.dir);
    assert.equal(code, 0, stderr);
    const rows = jsonl(stdout);
    assert.deepEqual(
      rows.map((r) => [r.file, r.turn, r.match]),
      [
        ['high.session.md', 3, 'hit'],
        ['high.session.md', 5, 'hit'],
      ],
    );
    assert.deepEqual(Object.keys(rows[0]!), [
      'file',
      'client',
      'session',
      'date',
      'phase',
      'turn',
      'timestamp',
      'speaker',
      'role',
      'text',
      'codes',
      'goals',
      'memo',
      'seconds',
      'codebook',
      'match',
    ]);
  });

  it('expands a codebook group, and and-s the shorthand flags with the query (a flag given twice is either value)', async () => {
    ws = makeWorkspace(FILES);
    const group = await runCli(['query', '-q', 'code:client-talk and not code:neutral', '-f', 'jsonl'], ws.dir);
    assert.deepEqual(
      jsonl(group.stdout).map((r) => `${r.file}#${r.turn}`),
      ['high.session.md#2', 'low.session.md#2'],
    );
    const flags = await runCli(['query', '--code', 'change', '--code', 'sustain', '--where', 'mi_quality=low', '-f', 'jsonl'], ws.dir);
    assert.deepEqual(
      jsonl(flags.stdout).map((r) => `${r.file}#${r.turn}`),
      ['low.session.md#2'],
    );
    const memo = await runCli(['query', '--memo', '--role', 'client', '--text', 'drink', '-f', 'jsonl'], ws.dir);
    assert.deepEqual(
      jsonl(memo.stdout).map((r) => [r.turn, r.memo]),
      [[2, 'Said it straight away.']],
    );
  });

  it('adds the turns around each match once, as context rows, with --context', async () => {
    ws = makeWorkspace(FILES);
    const { code, stdout } = await runCli(['query', '-q', 'code:reflection', '--context', '1', '-f', 'csv'], ws.dir);
    assert.equal(code, 0);
    const records = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      records.map((r) => `${r['file']}#${r['turn']}:${r['match']}`),
      [
        'high.session.md#2:context',
        'high.session.md#3:hit',
        'high.session.md#4:context',
        'high.session.md#5:hit',
        'high.session.md#6:context',
        'low.session.md#1:hit',
        'low.session.md#2:context',
      ],
    );
    // The CSV is the export's: spreadsheet-safe unless --csv-exact.
    const formula = await runCli(['query', '-q', 'code:input', '-f', 'csv'], ws.dir);
    assert.match(formula.stdout, /,'=SUM\(A1\) is a formula\.,/);
    const exact = await runCli(['query', '-q', 'code:input', '-f', 'csv', '--csv-exact'], ws.dir);
    assert.match(exact.stdout, /,=SUM\(A1\) is a formula\.,/);
  });

  it('matches coded utterances with --unit utterance, and writes its context as whole turns', async () => {
    ws = makeWorkspace(FILES);
    const { stdout } = await runCli(['query', '-q', 'code:question', '--unit', 'utterance', '--context', '1', '-f', 'jsonl'], ws.dir);
    assert.deepEqual(
      jsonl(stdout).map((r) => [r.turn, r.utterance, r.text, r.match]),
      [
        [1, 1, 'What brings you here?', 'hit'],
        [2, null, 'I drink too much.', 'context'],
        [4, null, 'Sad, yes.', 'context'],
        [5, 2, 'Shall we look?', 'hit'],
        [6, null, 'Fine.', 'context'],
      ],
    );
  });

  it('prints a table with the text cut to the terminal width, > marking the matches when there is context', async () => {
    ws = makeWorkspace(FILES);
    const { code, stdout } = await runCli(['query', '-q', 'code:sustain', '--context', '1'], ws.dir);
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        '   file            turn  phase   speaker  codes              text',
        '   low.session.md  1     Middle  T        reflection.simple  So you drink.',
        '>  low.session.md  2     Middle  C        sustain            I won’t stop.',
        '   low.session.md  3     Middle  T        input              =SUM(A1) is a formula.',
        '',
        '1 turn matched in 1 of 2 files.',
        '',
      ].join('\n'),
    );
    const none = await runCli(['query', '-q', 'speaker:nobody'], ws.dir);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '0 turns matched in 0 of 2 files.\n');
  });

  it('writes to --out like the other commands, and refuses to overwrite it without --force', async () => {
    ws = makeWorkspace(FILES);
    const first = await runCli(['query', '-q', 'role:client', '-f', 'jsonl', '-o', 'out.jsonl'], ws.dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(jsonl(readFileSync(ws.path('out.jsonl'), 'utf8')).length, 4);
    const again = await runCli(['query', '-q', 'role:client', '-f', 'jsonl', '-o', 'out.jsonl'], ws.dir);
    assert.equal(again.code, 2);
    assert.equal((await runCli(['query', '-q', 'role:client', '-o', 'out.jsonl', '--force'], ws.dir)).code, 0);
  });

  it('reports a syntax error with its column and a caret, and exits 2', async () => {
    ws = makeWorkspace(FILES);
    const { code, stdout, stderr } = await runCli(['query', '-q', 'code:reflection and (role:client or'], ws.dir);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      [
        "session-md: query syntax error at column 36: a condition is missing after 'or' at the end of the query",
        '  code:reflection and (role:client or',
        '                                     ^',
        "Run 'session-md --help' for usage.",
        '',
      ].join('\n'),
    );
    const flag = await runCli(['query', '--role', 'coach'], ws.dir);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--role: role: takes therapist, client, other, not 'coach'/);
    assert.match((await runCli(['query', '--where', 'mi_quality'], ws.dir)).stderr, /--where needs <field>=<value>/);
    assert.match((await runCli(['query', '--context', 'two'], ws.dir)).stderr, /--context needs a whole number/);
    assert.match((await runCli(['query', '--context', '101'], ws.dir)).stderr, /--context needs a whole number of turns from 0 to 100, not '101'/);
    assert.match((await runCli(['query', '--unit', 'session'], ws.dir)).stderr, /unknown unit 'session'/);
  });

  it('notes on stderr a code or field that nothing searched knows, with the closest known name', async () => {
    ws = makeWorkspace(FILES);
    const { code, stdout, stderr } = await runCli(['query', '-q', 'code:refelction or mi_qualty=high', '-f', 'jsonl'], ws.dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      [
        'session-md: note: code:refelction: no codebook in force and no turn has this code or group (did you mean reflection?), so this condition matches no turn',
        "session-md: note: mi_qualty=: no session's front matter has this field (did you mean mi_quality?), so this condition matches no turn",
        '',
      ].join('\n'),
    );
    assert.equal((await runCli(['query', '-q', 'code:client-talk or code:reflection', '-f', 'jsonl'], ws.dir)).stderr, '');
  });

  it('quotes only a bounded window of a long query in its error', async () => {
    ws = makeWorkspace(FILES);
    const long = `${'code:a or '.repeat(150)}bad`;
    const { code, stderr } = await runCli(['query', '-q', long], ws.dir);
    assert.equal(code, 2);
    assert.match(stderr, /column 1501: 'bad' is not a condition/);
    assert.ok(stderr.length < 400, stderr);
  });
});

describe('session-md memos', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  const MEMOS = {
    'a.session.md': session(
      ['session: 1'],
      [
        '## Middle',
        '',
        'T: You feel sad. {reflection.complex} Is that it? {question.closed}',
        '',
        '> Good reflection.',
        '',
        'C: Yes. {neutral}',
        'C: Nothing.',
        '',
        '> An uncoded turn.',
      ],
    ),
  };

  it('lists every memo with its session, phase, turn and the codes of the turn, as CSV or JSONL', async () => {
    ws = makeWorkspace(MEMOS);
    const { code, stdout, stderr } = await runCli(['memos', '-f', 'csv'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.deepEqual(parse(stdout), [
      ['file', 'client', 'session', 'date', 'phase', 'turn', 'timestamp', 'speaker', 'role', 'codes', 'memo'],
      ['a.session.md', '', '1', '', 'Middle', '1', '', 'T', 'therapist', 'reflection.complex;question.closed', 'Good reflection.'],
      ['a.session.md', '', '1', '', 'Middle', '3', '', 'C', 'client', '', 'An uncoded turn.'],
    ]);
    const byCode = await runCli(['memos', '-f', 'jsonl', '--group-by', 'code'], ws.dir);
    assert.deepEqual(
      jsonl(byCode.stdout).map((r) => [(r as unknown as { code: string | null }).code, r.turn]),
      [
        ['question.closed', 1],
        ['reflection.complex', 1],
        [null, 3],
      ],
    );
  });

  it('prints them under a heading per file or per code', async () => {
    ws = makeWorkspace(MEMOS);
    const bySession = await runCli(['memos'], ws.dir);
    assert.equal(
      bySession.stdout,
      [
        'a.session.md',
        '  turn 1  Middle  T  reflection.complex question.closed  Good reflection.',
        '  turn 3  Middle  C                                      An uncoded turn.',
        '',
        '2 memos in 1 file.',
        '',
      ].join('\n'),
    );
    const byCode = await runCli(['memos', '--group-by', 'code'], ws.dir);
    assert.equal(
      byCode.stdout,
      [
        'question.closed',
        '  a.session.md  turn 1  Middle  T  Good reflection.',
        '',
        'reflection.complex',
        '  a.session.md  turn 1  Middle  T  Good reflection.',
        '',
        'no code',
        '  a.session.md  turn 3  Middle  C  An uncoded turn.',
        '',
        '2 memos in 1 file.',
        '',
      ].join('\n'),
    );
    assert.match((await runCli(['memos', '--group-by', 'phase'], ws.dir)).stderr, /unknown --group-by 'phase'; use session or code/);
  });
});
