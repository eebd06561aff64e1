import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseSession } from '../../src/core/parse/session';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

type Workspace = ReturnType<typeof makeWorkspace>;

/** The rule ids `session-md lint` reports for the given paths, apart from phase-missing. */
async function lintFindings(ws: Workspace, paths: string[]): Promise<string[]> {
  const result = await runCli(['lint', '--format', 'json', ...paths], ws.dir);
  const report = JSON.parse(result.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
  return report.files.flatMap((f) => f.findings.map((x) => `${f.path}: ${x.ruleId}`)).filter((x) => !x.endsWith(': phase-missing'));
}

const VTT =
  'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Dr Rivera>How was the week?</v>\n\n2\n00:00:04.000 --> 00:00:08.000\n<v Sam>Hard. {sigh} I said: "no".\n# not a heading</v>\n';

describe('session-md export', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('writes one CSV row per turn of every transcript in a folder to stdout', async () => {
    ws = makeWorkspace({ 's/a.session.md': transcript(), 's/b.session.md': transcript() });
    const result = await runCli(['export', 's'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 8);
    assert.deepEqual(rows[0], {
      file: 's/a.session.md',
      client: 'C-001',
      session: '1',
      date: '2026-03-14',
      phase: 'Beginning',
      turn: '1',
      timestamp: '00:00:05',
      speaker: 'T',
      role: 'therapist',
      text: 'What brings you here today?',
      codes: 'open-question',
      goals: '',
      memo: '',
      seconds: '5',
      codebook: '',
    });
  });

  it('writes JSONL atomically to --out, and a BOM only with --bom', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript() });
    const result = await runCli(['export', '--format', 'jsonl', '--out', 'turns.jsonl'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const lines = readFileSync(ws.path('turns.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual([lines.length, lines[3]!['turn'], lines[3]!['goals']], [4, 4, ['sleep']]);
    assert.ok((await runCli(['export', '--bom'], ws.dir)).stdout.startsWith('\uFEFFfile,'));
  });

  it('writes one row per coded utterance with --unit utterance, in CSV and JSONL, and says so in --help', async () => {
    const middle = ['[00:05:30] T: That sounds hard. {reflection.simple} =What helps? {question} Take your time.'];
    ws = makeWorkspace({ 'a.session.md': transcript({ middle }) });
    const result = await runCli(['export', '--unit', 'utterance'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => [r['turn'], r['utterance'], r['timestamp'], r['text'], r['codes']]),
      [
        ['1', '1', '00:00:05', 'What brings you here today?', 'open-question'],
        ['3', '1', '00:05:00', 'You lie awake and worry.', 'reflection.simple'],
        ['4', '1', '00:05:30', 'That sounds hard.', 'reflection.simple'],
        ['4', '2', '00:05:30', "'=What helps?", 'question'],
        ['5', '1', '00:40:00', 'Let us look back at your sleep.', 'summary'],
      ],
    );
    assert.deepEqual(Object.keys(rows[0]!), [
      'file',
      'client',
      'session',
      'date',
      'phase',
      'turn',
      'utterance',
      'timestamp',
      'speaker',
      'role',
      'text',
      'codes',
      'seconds',
    ]);
    const jsonl = await runCli(['export', '--unit', 'utterance', '--format', 'jsonl'], ws.dir);
    const lines = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual([lines[3]!['utterance'], lines[3]!['text'], lines[3]!['codes']], [2, '=What helps?', ['question']]);
    const turns = await runCli(['export', '--unit', 'turn'], ws.dir);
    assert.equal(turns.stdout, (await runCli(['export'], ws.dir)).stdout, 'turn is the default unit');
    const bad = await runCli(['export', '--unit', 'sentence'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown unit 'sentence'; use one of turn, utterance/);
    assert.match((await runCli(['export', '--help'], ws.dir)).stdout, /--unit <unit> +turn \(default\), utterance or session/);
  });

  it('exits 2 on a bad format or a missing path, still exporting the rest', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript() });
    assert.equal((await runCli(['export', '--format', 'xlsx'], ws.dir)).code, 2);
    const result = await runCli(['export', 'a.session.md', 'nope'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no match: nope/);
    assert.equal(result.stdout.trimEnd().split('\n').length, 5);
  });
});

describe('session-md import', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('imports WebVTT to stdout as a session that lints clean apart from phase-missing', async () => {
    ws = makeWorkspace({ 'call.vtt': VTT });
    const result = await runCli(['import', 'call.vtt', '--from', 'vtt', '--role-map', 'Dr Rivera=therapist,Sam=client'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const session = parseSession(result.stdout);
    assert.deepEqual(
      session.turns.map((t) => [t.timestamp?.raw, t.label, t.role, t.text]),
      [
        ['00:00:01', 'Dr Rivera', 'therapist', 'How was the week?'],
        ['00:00:04', 'Sam', 'client', 'Hard. (sigh) I said: "no". # not a heading'],
      ],
    );
    assert.match(result.stdout, /^---\nsource: call.vtt\n/);
    writeFileSync(ws.path('call.session.md'), result.stdout);
    assert.deepEqual(await lintFindings(ws, ['call.session.md']), []);
  });

  it('writes into an --out folder and never overwrites without --force', async () => {
    ws = makeWorkspace({ 'notes.txt': 'Therapist: Hello.\nClient: Hi.\nit continues\n' });
    const first = await runCli(['import', 'notes.txt', '--from', 'text', '--out', 'out/'], ws.dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /imported 1 session \(2 turns\) to out\/notes\.session\.md/);
    writeFileSync(ws.path('out/notes.session.md'), 'edited');
    const again = await runCli(['import', 'notes.txt', '--from', 'text', '--out', 'out'], ws.dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /not overwriting out\/notes\.session\.md/);
    assert.equal(readFileSync(ws.path('out/notes.session.md'), 'utf8'), 'edited');
    assert.equal((await runCli(['import', 'notes.txt', '--from', 'text', '--out', 'out', '--force'], ws.dir)).code, 0);
    assert.deepEqual(
      parseSession(readFileSync(ws.path('out/notes.session.md'), 'utf8')).turns.map((t) => t.text),
      ['Hello.', 'Hi. it continues'],
    );
  });

  it('imports SRT with front matter from the options and a codebook path relative to the output', async () => {
    ws = makeWorkspace({
      'in/talk.srt': '1\n00:00:01,000 --> 00:00:02,000\nT: What brings you here?\n\n2\n00:00:03,000 --> 00:00:04,000\nC: Sleep.\n',
      'books/mine.codebook.yaml': 'name: Mine\ncodes:\n  - { id: open-question, label: Open question, role: therapist }\n',
    });
    const result = await runCli(
      [
        'import',
        'in/talk.srt',
        '--from',
        'srt',
        '--out',
        'sessions/c1/01.session.md',
        '--codebook',
        'books/mine.codebook.yaml',
        '--session',
        '1',
        '--date',
        '2026-03-14',
        '--client',
        'C-001',
        '--title',
        'Intake',
      ],
      ws.dir,
    );
    assert.equal(result.code, 0, result.stderr);
    const text = readFileSync(ws.path('sessions/c1/01.session.md'), 'utf8');
    assert.match(
      text,
      /^---\nsession: 1\ndate: 2026-03-14\nclient: C-001\nsource: talk.srt\nspeakers:\n {2}T: therapist\n {2}C: client\ncodebook: \.\.\/\.\.\/books\/mine\.codebook\.yaml\n---\n\n# Intake\n/,
    );
  });

  it('splits a CSV into one session per value, keeping quoted commas and line breaks', async () => {
    const csv = 'tid,who,said,at,label\n2,therapist,"Hi, ""you""\nthere",00:00:01,question\n10,client,"x, y",00:00:02,change\n2,client,fine,00:00:03,n/a\n';
    ws = makeWorkspace({ 'data.csv': csv });
    const args = [
      'import',
      'data.csv',
      '--from',
      'csv',
      '--speaker-column',
      'who',
      '--text-column',
      'said',
      '--time-column',
      'at',
      '--code-columns',
      'label',
      '--code-map',
      'n/a=',
      '--split-by',
      'tid',
      '--codebook',
      'annomi',
      '--prefix',
      'study',
      '--out',
      'out',
    ];
    const result = await runCli(args, ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(ws.path('out')), ['study-0002.session.md', 'study-0010.session.md']);
    const two = parseSession(readFileSync(ws.path('out/study-0002.session.md'), 'utf8'));
    assert.deepEqual(
      two.turns.map((t) => [t.text, t.codes.map((c) => c.id)]),
      [
        ['Hi, "you" there', ['question']],
        ['fine', []],
      ],
    );
    assert.match(readFileSync(ws.path('out/study-0002.session.md'), 'utf8'), /\n# data, tid 2\n/);
    assert.deepEqual(await lintFindings(ws, ['out']), []);
  });

  it('reports lint problems of the result (an unknown code) and exits 1, the file written', async () => {
    ws = makeWorkspace({ 'd.csv': 'speaker,text,codes\nT,Hi,nonsense\n' });
    const result = await runCli(['import', 'd.csv', '--from', 'csv', '--code-columns', 'codes', '--out', 'd.session.md'], ws.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /d\.session\.md:\d+:\d+ +error +Unknown code 'n\*\*\*\*\*\*\*'.*code-unknown/);
  });

  it('exits 2 with the position on bad input: missing column, invalid VTT, unreadable file', async () => {
    ws = makeWorkspace({
      'd.csv': 'who,said\nSam,hi\n',
      'bad.vtt': 'WEBVTT\n\nnot a cue\n\nnor this\n',
      'bin.srt': new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
    });
    const missing = await runCli(['import', 'd.csv', '--from', 'csv', '--speaker-column', 'who', '--text-column', 'text'], ws.dir);
    assert.deepEqual([missing.code, missing.stderr], [2, "session-md: d.csv:1: no column 'text' in the header (columns: w**, s***)\n"]);
    const vtt = await runCli(['import', 'bad.vtt', '--from', 'vtt'], ws.dir);
    assert.equal(vtt.code, 2);
    assert.match(vtt.stderr, /^session-md: bad\.vtt:3: expected a cue timing/);
    assert.equal((await runCli(['import', 'bin.srt', '--from', 'srt'], ws.dir)).code, 2);
    assert.match((await runCli(['import', 'gone.vtt', '--from', 'vtt'], ws.dir)).stderr, /cannot read gone\.vtt: file not found/);
  });

  it('exits 2 on usage mistakes', async () => {
    ws = makeWorkspace({ 'a.vtt': VTT, 'd.csv': 'speaker,text\nT,hi\n' });
    for (const args of [
      ['import', 'a.vtt'],
      ['import', 'a.vtt', '--from', 'docx'],
      ['import', 'a.vtt', '--from', 'vtt', '--split-by', 'x'],
      ['import', 'd.csv', '--from', 'csv', '--split-by', 'speaker'],
      ['import', 'a.vtt', '--from', 'vtt', '--role-map', 'Sam=patient'],
      ['import', 'a.vtt', '--from', 'vtt', '--date', '2026-02-30'],
      ['import', 'a.vtt', '--from', 'vtt', '--codebook', 'nope'],
      ['import', 'a.vtt', 'd.csv', '--from', 'vtt'],
    ]) {
      const result = await runCli(args, ws.dir);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
    }
  });

  it('round-trips: an export re-imports to the same turns', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['[00:06:00] C: Commas, "quotes" and {#sleep} goals.'] }) });
    assert.equal((await runCli(['export', 'a.session.md', '--out', 'turns.csv'], ws.dir)).code, 0);
    const back = await runCli(['import', 'turns.csv', '--from', 'csv', '--time-column', 'timestamp', '--code-columns', 'codes'], ws.dir);
    assert.equal(back.code, 0, back.stderr);
    const turns = (text: string) => parseSession(text).turns.map((t) => [t.timestamp?.raw, t.label, t.role, t.text, t.codes.map((c) => c.id)]);
    assert.deepEqual(turns(back.stdout), turns(readFileSync(ws.path('a.session.md'), 'utf8')));
  });
});
