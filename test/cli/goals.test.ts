import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md goals`: a goal's status and turns per session of a course, as a table, CSV and JSON.

function session(number: number, goals: [string, string][], turns: string[], extra: string[] = []): string {
  return [
    '---',
    `session: ${number}`,
    `date: 2026-0${number}-01`,
    'client: C-001',
    ...extra,
    'goals:',
    ...goals.flatMap(([id, status]) => [`  - id: ${id}`, `    text: The ${id} goal`, `    status: ${status}`]),
    '---',
    '',
    '## Beginning',
    '',
    ...turns,
    '',
  ].join('\n');
}

const COURSE = {
  'C-001/1.session.md': session(1, [['sleep', 'open']], ['T: How do you sleep? {#sleep}', 'C: Badly. {#sleep}']),
  'C-001/3.session.md': session(
    3,
    [
      ['sleep', 'achieved'],
      ['walk', 'open'],
    ],
    ['T: And now? {#sleep} {#walk} {#sleep}'],
  ),
};

interface Json {
  courses: {
    course: string;
    sessions: { file: string; session: number | null; date: string | null; stage: string | null }[];
    goals: { id: string; cells: { status: string | null; turns: number; references: number; firstReference: { line: number; column: number } | null }[] }[];
  }[];
}

describe('session-md goals', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('prints a table per course: a row per goal, a column per session, the status declared there and the turns that address it', async () => {
    ws = makeWorkspace(COURSE);
    const { code, stdout, stderr } = await runCli(['goals'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.equal(
      stdout.split('\n\n')[0],
      [
        'C-001',
        '  goal   Session 1 · 2026-01-01  Session 3 · 2026-03-01',
        '  sleep  open · 2 turns          achieved · 1 turn',
        '  walk   –                       open · 1 turn',
      ].join('\n'),
    );
    assert.match(stdout, /\n\nEach cell: the status the session declares for the goal/);
  });

  it('writes JSON with each cell in the order of the sessions, and the position of its first reference', async () => {
    ws = makeWorkspace(COURSE);
    const { code, stdout, stderr } = await runCli(['goals', 'C-001', '--format', 'json'], ws.dir);
    assert.equal(code, 0, stderr);
    const json = JSON.parse(stdout) as Json;
    assert.equal(json.courses.length, 1);
    const [course] = json.courses;
    assert.deepEqual(course!.sessions, [
      { file: 'C-001/1.session.md', session: 1, date: '2026-01-01', stage: null },
      { file: 'C-001/3.session.md', session: 3, date: '2026-03-01', stage: null },
    ]);
    assert.deepEqual(course!.goals, [
      {
        id: 'sleep',
        cells: [
          { status: 'open', turns: 2, references: 2, firstReference: { line: 13, column: 22 } },
          { status: 'achieved', turns: 1, references: 2, firstReference: { line: 16, column: 13 } },
        ],
      },
      {
        id: 'walk',
        cells: [
          { status: null, turns: 0, references: 0, firstReference: null },
          { status: 'open', turns: 1, references: 1, firstReference: { line: 16, column: 22 } },
        ],
      },
    ]);
    // The positions are those of the references in the files.
    const lines = readFileSync(ws.path('C-001/3.session.md'), 'utf8').split('\n');
    assert.equal(lines[15]!.slice(12, 20), '{#sleep}');
  });

  it('writes CSV, a row per goal and session, with cells a spreadsheet would run as a formula made text', async () => {
    ws = makeWorkspace({
      ...COURSE,
      'C-002/1.session.md': session(1, [['-sleep', 'open']], ['T: Sleep? {#-sleep}'], ['stage: "=intake"']).replace('client: C-001', 'client: "@C-002"'),
    });
    const { code, stdout, stderr } = await runCli(['goals', '-f', 'csv'], ws.dir);
    assert.equal(code, 0, stderr);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), ['course', 'goal', 'file', 'session', 'date', 'stage', 'status', 'turns', 'references', 'line', 'column']);
    assert.deepEqual(
      rows.map((r) => [r['course'], r['goal'], r['session'], r['stage'], r['status'], r['turns'], r['references'], r['line']]),
      [
        // '-sleep' is no valid goal id, so the front matter does not declare it: the reference alone makes its row.
        ["'@C-002", "'-sleep", '1', "'=intake", '', '1', '1', '14'],
        ['C-001', 'sleep', '1', '', 'open', '2', '2', '13'],
        ['C-001', 'sleep', '3', '', 'achieved', '1', '2', '16'],
        ['C-001', 'walk', '1', '', '', '0', '0', ''],
        ['C-001', 'walk', '3', '', 'open', '1', '1', '16'],
      ],
    );
  });

  it('writes to --out, refusing an existing file without --force; a bad format or a missing path is a usage error', async () => {
    ws = makeWorkspace({ ...COURSE, 'notes.txt': 'mine\n' });
    const refused = await runCli(['goals', '--out', 'notes.txt'], ws.dir);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, 'session-md: not overwriting notes.txt: it exists (use --force to overwrite it)\n');
    const written = await runCli(['goals', '-f', 'json', '-o', 'goals.json'], ws.dir);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal((JSON.parse(readFileSync(ws.path('goals.json'), 'utf8')) as Json).courses[0]!.goals.length, 2);

    const bad = await runCli(['goals', '--format', 'xml'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^session-md: unknown format 'xml'; use one of table, csv, json\n/);
    const missing = await runCli(['goals', 'C-001', 'nowhere'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory, or no match: nowhere/);
    assert.match(missing.stdout, /^C-001\n {2}goal/, 'the files that could be read are still shown');
  });

  it('says so when there are no transcripts, and lists the command in --help', async () => {
    ws = makeWorkspace({ 'readme.txt': 'nothing here\n' });
    assert.deepEqual(await runCli(['goals'], ws.dir), { code: 0, stdout: 'No transcripts found.\n', stderr: '' });
    assert.match((await runCli(['--help'], ws.dir)).stdout, /^ {2}goals \[paths…\] /m);
    assert.match((await runCli(['goals', '--help'], ws.dir)).stdout, /^Usage: session-md goals /);
  });

  it('shows the control characters of a client name as escapes in the table', async () => {
    ws = makeWorkspace({ 'a.session.md': session(1, [['sleep', 'open']], []).replace('client: C-001', 'client: "x\\e[2Ky"') });
    const { stdout } = await runCli(['goals'], ws.dir);
    assert.doesNotMatch(stdout, /\u001b/);
    assert.match(stdout, /x\\x1b\[2Ky/);
  });
});
