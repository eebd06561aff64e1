import { strict as assert } from 'node:assert';
import { runWith } from '../support/lintRun';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

// Issue 11, item 8: control characters from a file (a heading, a label, a code, a codebook's
// text) or from a file name reached the terminal raw; `ESC [2K CR` in a heading erased the line
// of the pii error in tmux. Every human-readable output now shows them as visible escapes, and
// JSON and SARIF escape them as JSON does.

const ERASE_LINE = '\x1b[2K\r';
/** Raw C0 and C1 controls (but the line feed), DEL and the bidi controls. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
/** The colour codes `--color` adds itself (stylish.ts). */
const OWN_COLOURS = /\x1b\[(?:0|2|31|33|36)m/g;

/** A file name with an escape sequence and a bell, and a right-to-left override. */
const ODD_NAME = `notes\x1b[31m\x07\u202e.session.md`;

/** A transcript with the erase-line sequence in a heading, a code, a goal and (as YAML escapes) the client and a speaker label. */
const HOSTILE = transcript({
  frontMatter: `session: 1\ndate: 2026-03-14\nclient: "C-017\\e[2K\\r"\nspeakers: { T: therapist, C: client, "M\\e[2Kum": other }\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: open`,
  middle: ['', `## Talk ${ERASE_LINE}about it`, '', `[00:06:00] C: I lie awake. {open${ERASE_LINE}question} {#sl\x1b[2Keep}`, `M\x1b[2Kum: Hello.`],
});

function assertInert(output: string, what: string, colour = false): void {
  const shown = colour ? output.replace(OWN_COLOURS, '') : output;
  const raw = RAW_CONTROL.exec(shown);
  assert.equal(raw, null, `${what} prints a raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${JSON.stringify(shown)}`);
}

describe('human-readable output shows control characters as escapes (issue 11, item 8)', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  for (const [format, colour] of [
    ['stylish', false],
    ['stylish', true],
    ['github', false],
  ] as const) {
    it(`lint --format ${format}${colour ? ' with colour' : ''}: the heading, the codes and the file name`, async () => {
      ws = makeWorkspace({ [ODD_NAME]: HOSTILE });
      let stdout = '';
      let stderr = '';
      const result = await runWith(['lint', '--format', format], ws.dir, {
        color: colour,
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
      });
      assert.equal(result.code, 1);
      assert.match(stdout, /phase-unknown/);
      assert.match(stdout, /notes\\x1b\[31m\\x07\\u202e\.session\.md/, 'the file name, escaped');
      assertInert(stdout, `lint -f ${format}`, colour);
      if (colour) assert.match(stdout, /\x1b\[31merror/, 'the tool still colours the severity');
      assertInert(stderr, 'stderr');
    });
  }

  it('lint --format json and sarif escape every control character as JSON does', async () => {
    ws = makeWorkspace({ [ODD_NAME]: HOSTILE });
    const json = (await runCli(['lint', '--format', 'json'], ws.dir)).stdout;
    assertInert(json, 'json');
    assert.equal(JSON.parse(json).files[0].path, ODD_NAME, 'the name reads back exactly');
    assert.match(json, /notes\\u001b\[31m\\u0007\\u202e\.session\.md/);
    const sarif = (await runCli(['lint', '--format', 'sarif'], ws.dir)).stdout;
    assertInert(sarif, 'sarif');
    assert.match(sarif, /"uri": "notes%1B%5B31m%07%E2%80%AE\.session\.md"/);
  });

  it('stats: the table of sessions, speakers, codes and groups', async () => {
    ws = makeWorkspace({ [ODD_NAME]: HOSTILE });
    const { code, stdout, stderr } = await runCli(['stats'], ws.dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /C-017\\x1b\[2K\\r/, 'the client, escaped');
    assertInert(stdout, 'stats');
    assertInert(stderr, 'stats stderr');
  });

  it('query and memos: the tables of segments and memos', async () => {
    const withMemo = HOSTILE.replace(`M\x1b[2Kum: Hello.`, `M\x1b[2Kum: Hello. {open${ERASE_LINE}question}\n\n> A memo ${ERASE_LINE}here.\n`);
    ws = makeWorkspace({ [ODD_NAME]: withMemo });
    for (const argv of [
      ['query', '-q', 'role:other or role:client', '--context', '1'],
      ['query', '--code', `open${ERASE_LINE}question`, '--unit', 'utterance'],
      ['memos'],
      ['memos', '--group-by', 'code'],
    ]) {
      const { code, stdout, stderr } = await runCli(argv, ws.dir);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /\\x1b\[2K/, `${argv.join(' ')}: the escape, shown`);
      assertInert(stdout, argv.join(' '));
      assertInert(stderr, `${argv.join(' ')} stderr`);
    }
  });

  it('agree: the table, and the notes on stderr with --format csv', async () => {
    const second = HOSTILE.replace('I lie awake.', 'I lie awake at night.').replace('[00:40:00] T:', `[00:39:00] C: Extra${ERASE_LINE} turn.\n[00:40:00] T:`);
    ws = makeWorkspace({ [ODD_NAME]: HOSTILE, 'b\x1b[2K.session.md': second });
    for (const format of ['table', 'csv']) {
      const { code, stdout, stderr } = await runCli(['agree', '--format', format, ODD_NAME, 'b\x1b[2K.session.md'], ws.dir);
      assert.equal(code, 0, stderr);
      if (format === 'table') assertInert(stdout, 'agree table');
      assert.match(format === 'table' ? stdout : stderr, /b\\x1b\[2K\.session\.md/);
      assertInert(stderr, `agree -f ${format} stderr`);
    }
  });

  it('codebook list and codebook check: codes, labels and descriptions from the codebook', async () => {
    // YAML allows control characters only as escapes in double quotes: \e is ESC, \a the bell.
    const codebook = [
      'name: "Odd\\e]0;title\\a book"',
      'codes:',
      '  - id: odd',
      '    label: "Odd\\e[2K\\r label"',
      '    role: therapist',
      '    description: "Erases\\e[2K the line"',
      '',
    ].join('\n');
    const twice = `${codebook}  - id: odd\n    label: "Twice\\e[2K"\n    role: any\n`;
    ws = makeWorkspace({ 'x\x1b[2K.codebook.yaml': codebook, 'y\x1b[2K.codebook.yaml': twice });
    const list = await runCli(['codebook', 'list', '--codebook', 'x\x1b[2K.codebook.yaml'], ws.dir);
    assertInert(list.stdout, 'codebook list');
    assertInert(list.stderr, 'codebook list stderr');
    assert.match(list.stdout, /Odd\\x1b\[2K\\r label/);
    const check = await runCli(['codebook', 'check', '.'], ws.dir);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^y\\x1b\[2K\.codebook\.yaml:\d+:\d+ +error +Codebook: Code 'odd' is defined twice/m);
    assertInert(check.stdout, 'codebook check');
  });

  it('import and export: their notes and every stderr message that names a file', async () => {
    ws = makeWorkspace({ 'in\x1b[2K.csv': 'speaker,text,time\nT,Hello.,\nC,Hi.,soon\x1b[2K\x07\n' });
    const imported = await runCli(['import', 'in\x1b[2K.csv', '--from', 'csv', '--time-column', 'time', '--out', 'out.session.md'], ws.dir);
    assert.match(imported.stderr, /in\\x1b\[2K\.csv:3: warning: timestamp 's\*\*\*\\x1b\[#K\\x07' is not a time/);
    assertInert(imported.stderr, 'import notes');
    for (const argv of [
      ['export', `gone${ERASE_LINE}.session.md`],
      ['lint', `gone${ERASE_LINE}.session.md`],
      ['stats', '--format', `x${ERASE_LINE}`],
      ['import', `gone${ERASE_LINE}.txt`, '--from', 'text'],
    ]) {
      const result = await runCli(argv, ws.dir);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, /\\x1b\[2K\\r/, `${argv[0]} names the argument, escaped`);
      assertInert(result.stdout + result.stderr, argv.join(' '));
    }
  });
});
