import { strict as assert } from 'node:assert';
import { readFileSync, truncateSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { makeWorkspace, nodeHostWith, runCli, transcript } from '../support/workspace';

interface JsonFinding {
  path: string;
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endColumn: number;
}

/** Nine levels of nine aliases each: 9^9 strings once expanded. */
export function aliasBomb(): string {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return bomb.join('\n');
}

/** YAML lists nested `depth` deep, in flow style (`[[[…]]]`) or block style (`- - - x`, on the line after its key). */
export function deepYaml(depth: number, style: 'flow' | 'block'): string {
  return style === 'flow' ? '['.repeat(depth) + ']'.repeat(depth) : `\n  ${Array(depth).fill('-').join(' ')} x`;
}

// Each hostile input gets a finding or a clear error and exit code 1 or 2, never a crash.
// The time each takes is measured by `npm run bench`; the timeout here only guards against a hang.
describe('session-md lint on bad input', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  async function lintJson(inputs: Record<string, string | Uint8Array>, args: string[] = []) {
    ws = makeWorkspace(inputs);
    const result = await runCli(['lint', '-f', 'json', ...args], ws.dir);
    const files: { path: string; findings: Omit<JsonFinding, 'path'>[] }[] = result.stdout ? JSON.parse(result.stdout).files : [];
    const findings: JsonFinding[] = files.flatMap((f) => f.findings.map((x) => ({ path: f.path, ...x })));
    return { ...result, findings };
  }

  it('reports a binary file as not a transcript, at the first NUL byte', async () => {
    const bytes = new Uint8Array([0x54, 0x3a, 0x20, 0x68, 0x69, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]);
    const { code, findings } = await lintJson({ 'x.session.md': bytes });
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.line]),
      [['file-invalid', 2]],
    );
    assert.match(findings[0]!.message, /binary file, not a transcript \(NUL byte at byte 10\)/);
  });

  it('reports a UTF-16 file (as Notepad saves "Unicode") by its encoding, not as binary', async () => {
    const text = '---\r\nsession: 1\r\n---\r\n\r\nT: Hello.\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const { code, findings } = await lintJson({ 'le.session.md': le, 'be.session.md': be });
    assert.equal(code, 1);
    const expected = ['file-invalid', 1, 1, 'This file is saved as UTF-16; save it as UTF-8'];
    assert.deepEqual(
      findings.map((f) => [f.path, f.ruleId, f.line, f.column, f.message]),
      [
        ['be.session.md', ...expected],
        ['le.session.md', ...expected],
      ],
    );
  });

  it('reports invalid UTF-8 with the line and column of the bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('---\nsession: 1\n---\n\nC: caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]);
    const { code, findings } = await lintJson({ 'x.session.md': bytes });
    assert.equal(code, 1);
    assert.equal(findings.length, 1);
    assert.deepEqual([findings[0]!.ruleId, findings[0]!.line, findings[0]!.column], ['file-invalid', 5, 7]);
    assert.match(findings[0]!.message, /not valid UTF-8 \(byte 0xE9 at byte 26\)/);
  });

  it('reads a file that starts with two byte order marks as VS Code shows it, as if it had one; --fix keeps both', async () => {
    // Some tools add a byte order mark to a file that has one; VS Code removes both. Read alike, the phase heading and every code count.
    const text = transcript({ middle: ['[00:06:00] C: And my mood is low. {neutrl} {#mood}'] });
    const files = { 'once.session.md': `\uFEFF${text}`, 'twice.session.md': `\uFEFF\uFEFF${text}` };
    const { findings } = await lintJson(files);
    const seen = (name: string) => findings.filter((f) => f.path === name).map((f) => [f.ruleId, f.line, f.column, f.endColumn, f.message]);
    assert.deepEqual(seen('twice.session.md'), seen('once.session.md'));
    assert.deepEqual(
      seen('twice.session.md').map(([rule, line, column]) => [rule, line, column]),
      [
        ['code-unknown', 21, 35],
        ['goal-undeclared', 21, 44],
      ],
    );
    const exported = await runCli(['export', '--format', 'jsonl'], ws.dir);
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; codes: string });
    assert.deepEqual(
      rows.filter((r) => r.file === 'twice.session.md').map((r) => r.codes),
      rows.filter((r) => r.file === 'once.session.md').map((r) => r.codes),
    );
    assert.ok(
      rows.some((r) => r.file === 'twice.session.md' && r.codes.includes('neutrl')),
      'the codes are exported',
    );
    await runCli(['lint', '--fix'], ws.dir);
    const fixed = readFileSync(ws.path('twice.session.md'), 'utf8');
    assert.ok(fixed.startsWith('\uFEFF\uFEFF---\n') && fixed.includes('  - id: mood\n'), 'fixed, with both byte order marks kept');
  });

  it('reports a third byte order mark, or one that starts a later line, at its place; --fix and export leave such a file alone', async () => {
    // Markdown reads a line after such a U+FEFF as text: the phase heading and the codes below it would silently not count.
    const thrice = `\uFEFF\uFEFF\uFEFF${transcript()}`;
    const joined = `${transcript()}\uFEFF## Termination\n\n[00:45:00] T: Goodbye. {summary}\n`;
    const files = { 'thrice.session.md': thrice, 'joined.session.md': joined };
    const { code, findings } = await lintJson(files, ['--fix']);
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => [f.path, f.ruleId, f.line, f.column, f.endColumn]),
      [
        ['joined.session.md', 'file-invalid', 25, 1, 2],
        ['thrice.session.md', 'file-invalid', 1, 1, 2],
      ],
    );
    assert.match(
      findings[0]!.message,
      /^Line 25 starts with a byte order mark, as left where two files are joined, \(U\+FEFF, an invisible character\): Markdown reads the line as plain text/,
    );
    assert.match(findings[1]!.message, /^Line 1 starts with one byte order mark too many \(U\+FEFF/);
    for (const [name, text] of Object.entries(files)) assert.equal(readFileSync(ws.path(name), 'utf8'), text, `${name} is not rewritten`);
    const exported = await runCli(['export', '--format', 'jsonl'], ws.dir);
    assert.match(exported.stderr, /thrice\.session\.md: not a transcript: Line 1 starts with one byte order mark too many/);
    assert.match(exported.stderr, /joined\.session\.md: not a transcript: Line 25 starts with a byte order mark/);
    assert.equal(exported.stdout, '', 'no turn of either file is exported without its codes');
  });

  it('reports an empty file', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': '', 'y.session.md': '\uFEFF\n\n' });
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['This transcript is empty', 'This transcript is empty'],
    );
  });

  it('refuses a 5 MB single line with a clear message, but lints a long turn', async () => {
    const line = 'C: ' + 'so I keep lying awake {neutral} '.repeat(160_000);
    assert.ok(line.length > 5_000_000);
    const huge = await lintJson({ 'x.session.md': `---\nsession: 1\n---\n${line}\n` });
    assert.equal(huge.code, 1);
    assert.deepEqual(
      huge.findings.map((f) => [f.ruleId, f.line, f.message]),
      [['file-invalid', 4, 'Line 4 is 5,120,003 characters long (the limit is 200,000); this does not look like a transcript, so it was not linted']],
    );
    ws.dispose();
    const long = await lintJson({ 'x.session.md': 'C: ' + 'so I keep lying awake {neutral} '.repeat(6_000) });
    assert.equal(long.code, 0, 'a long but well-formed turn is not an error');
    assert.ok(long.findings.every((f) => f.ruleId === 'phase-missing'));
  });

  it('refuses to expand a YAML alias bomb in the front matter', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': `---\n${aliasBomb()}\n---\n\nT: Hello.\n` });
    assert.equal(code, 1);
    const finding = findings.find((f) => f.ruleId === 'front-matter-invalid')!;
    assert.match(finding.message, /too many aliases/);
    assert.equal(finding.line, 2);
  });

  it('reports a codebook that is not YAML, in the session and at its own position', async () => {
    const { code, findings } = await lintJson({
      'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: lab.codebook.yaml' }),
      'lab.codebook.yaml': 'name: Lab\ncodes:\n  - id: a\n    label: [unclosed\n',
    });
    assert.equal(code, 1);
    const inSession = findings.find((f) => f.path === 'x.session.md' && f.ruleId === 'codebook-invalid')!;
    assert.match(inSession.message, /^Codebook 'lab\.codebook\.yaml' is invalid: line \d+: YAML syntax error/);
    assert.deepEqual([inSession.line, inSession.column], [3, 11]);
    const inCodebook = findings.filter((f) => f.path === 'lab.codebook.yaml');
    assert.ok(inCodebook.length >= 1);
    assert.equal(inCodebook[0]!.ruleId, 'codebook-invalid');
    assert.ok(inCodebook[0]!.line >= 4);
  });

  it('reports a codebook that does not exist where the front matter names it', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: miti-4' }) });
    assert.equal(code, 1);
    const finding = findings.find((f) => f.ruleId === 'codebook-invalid')!;
    // A name that is no built-in and no YAML path is masked as the transcript's text; the built-in names are listed as they are.
    assert.match(finding.message, /^Codebook 'm\*\*\*-#' could not be loaded: file not found; built-in codebooks are core, miti-4\.2\.1/);
    assert.deepEqual([finding.line, finding.column, finding.endColumn], [3, 11, 17]);
  });

  it('exits 2 for a missing path', async () => {
    const { code, stderr } = await lintJson({}, ['no/such.session.md']);
    assert.equal(code, 2);
    assert.match(stderr, /no such file or directory, or no match: no\/such\.session\.md/);
  });

  it('exits 2 for a file it may not read, naming the reason', async () => {
    ws = makeWorkspace({ 'locked.session.md': transcript(), 'open.session.md': transcript() });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const host = nodeHostWith({ readBytes: (path) => (path.endsWith('locked.session.md') ? Promise.reject(denied) : readFile(path)) });
    const result = await runCli(['lint', '-f', 'json'], ws.dir, host);
    assert.equal(result.code, 2);
    const files = JSON.parse(result.stdout).files;
    assert.deepEqual(
      files.map((f: { path: string; findings: { message: string }[] }) => [f.path, f.findings.map((x) => x.message)]),
      [
        ['locked.session.md', ['Cannot read this file: permission denied']],
        ['open.session.md', []],
      ],
    );
  });

  it('reports a NUL byte in the middle of an otherwise valid transcript at its line and column', async () => {
    const text = transcript({ middle: ['[00:06:00] C: I wrote it\u0000 down. {neutral}'] });
    const { code, findings } = await lintJson({ 'x.session.md': text, 'clean.session.md': transcript() });
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => [f.path, f.ruleId, f.line, f.column]),
      [['x.session.md', 'file-invalid', 21, 25]],
    );
    assert.match(findings[0]!.message, new RegExp(`NUL byte at byte ${Buffer.byteLength(text.slice(0, text.indexOf('\u0000')))}\\)`));
  });

  it('refuses a 1 MB single line at its line number', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': `---\nsession: 1\n---\nC: ${'word '.repeat(200_000)}\n` });
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
      [['file-invalid', 4, 1, 'Line 4 is 1,000,003 characters long (the limit is 200,000); this does not look like a transcript, so it was not linted']],
    );
  });

  it('refuses thousands of nested list items (quadratic for Markdown parsers) at the line where the limit is passed, but lints a flat list', async () => {
    const head = '---\nsession: 1\n---\n\nT: Hello.\n\n';
    const { code, findings } = await lintJson({
      'nested.session.md': head + '- - x\n'.repeat(5000),
      'deep.session.md': head + `${'- '.repeat(100)}x\n`.repeat(1000),
      'through-quotes.session.md': head + `${'- > '.repeat(50)}x\n`.repeat(800),
      'flat.session.md': head + '- x\n'.repeat(3000),
    });
    assert.equal(code, 1);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'file-invalid').map((f) => [f.path, f.ruleId, f.line, f.message]),
      [
        [
          'deep.session.md',
          'file-invalid',
          17,
          'More than 1,000 nested list items by line 17; Markdown takes too long to read so many, and this does not look like a transcript, so it was not linted',
        ],
        [
          'nested.session.md',
          'file-invalid',
          1007,
          'More than 1,000 nested list items by line 1007; Markdown takes too long to read so many, and this does not look like a transcript, so it was not linted',
        ],
        [
          'through-quotes.session.md',
          'file-invalid',
          27,
          'More than 1,000 nested list items by line 27; Markdown takes too long to read so many, and this does not look like a transcript, so it was not linted',
        ],
      ],
    );
  });

  for (const style of ['flow', 'block'] as const) {
    it(`reports YAML nested 10,000 deep (${style} style) in a front matter, a config and a codebook, at a position`, async () => {
      const deep = deepYaml(10_000, style);
      const fm = await lintJson({ 'x.session.md': `---\nsession: 1\nextra: ${deep}\n---\n\nT: Hello.\n` });
      assert.equal(fm.code, 1);
      const finding = fm.findings.find((f) => f.ruleId === 'front-matter-invalid')!;
      assert.match(finding.message, /^Front matter: YAML is nested too deeply/);
      assert.equal(finding.line, style === 'flow' ? 3 : 4);
      ws.dispose();

      const config = await lintJson({ '.sessionmdrc.yaml': `rules: ${deep}\n`, 'x.session.md': transcript() });
      assert.equal(config.code, 2);
      assert.match(config.stderr, new RegExp(`^session-md: \\.sessionmdrc\\.yaml:${style === 'flow' ? 1 : 2}:\\d+: invalid config: YAML is nested too deeply`));
      ws.dispose();

      const codebook = await lintJson({
        'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: deep.codebook.yaml' }),
        'deep.codebook.yaml': `name: Deep\ncodes: ${deep}\n`,
      });
      assert.equal(codebook.code, 1);
      const inSession = codebook.findings.find((f) => f.path === 'x.session.md' && f.ruleId === 'codebook-invalid')!;
      assert.match(inSession.message, /^Codebook 'deep\.codebook\.yaml' is invalid: line \d+: YAML is nested too deeply/);
      assert.deepEqual([inSession.line, inSession.column], [3, 11]);
      const inCodebook = codebook.findings.find((f) => f.path === 'deep.codebook.yaml')!;
      assert.equal(inCodebook.line, style === 'flow' ? 2 : 3);
    });
  }

  it('refuses to expand a YAML alias bomb in a config and in a codebook', async () => {
    const config = await lintJson({ '.sessionmdrc.yaml': `${aliasBomb()}\n`, 'x.session.md': transcript() });
    assert.equal(config.code, 2);
    assert.match(config.stderr, /^session-md: \.sessionmdrc\.yaml:1:1: invalid config: YAML uses too many aliases \(more than 100\); refusing to expand it/);
    ws.dispose();
    const codebook = await lintJson({
      'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: bomb.codebook.yaml' }),
      'bomb.codebook.yaml': `name: Bomb\ncodes: []\n${aliasBomb()}\n`,
    });
    assert.equal(codebook.code, 1);
    assert.match(codebook.findings.find((f) => f.path === 'x.session.md' && f.ruleId === 'codebook-invalid')!.message, /too many aliases/);
    assert.deepEqual(
      codebook.findings.filter((f) => f.path === 'bomb.codebook.yaml').map((f) => [f.line, f.message]),
      [[1, 'Codebook: YAML uses too many aliases (more than 100); refusing to expand it']],
    );
  });

  it('refuses a 100 MB file by its size without reading it, and still lints the others', async () => {
    ws = makeWorkspace({ 'clean.session.md': transcript(), 'error.session.md': transcript({ middle: ['Theraist: Hello.'] }), 'huge.session.md': '' });
    // A sparse file: 100 MB by stat, nothing on disk; reading it would add 100 MB to the process.
    truncateSync(ws.path('huge.session.md'), 100_000_000);
    const before = process.memoryUsage().rss;
    const result = await runCli(['lint', '-f', 'json'], ws.dir);
    assert.ok(process.memoryUsage().rss - before < 50_000_000, 'the file was not read into memory');
    assert.equal(result.code, 1);
    const files: { path: string; findings: { ruleId: string; line: number; column: number; message: string }[] }[] = JSON.parse(result.stdout).files;
    assert.deepEqual(
      files.find((f) => f.path === 'huge.session.md')!.findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
      [['file-invalid', 1, 1, 'File is 100.0 MB, larger than the 10 MB limit (--max-file-size)']],
    );
    assert.deepEqual(files.find((f) => f.path === 'clean.session.md')!.findings, []);
    assert.ok(files.find((f) => f.path === 'error.session.md')!.findings.some((f) => f.ruleId === 'speaker-undeclared'));

    for (const command of ['stats', 'export']) {
      const other = await runCli([command], ws.dir);
      assert.equal(other.code, 2, command);
      assert.match(other.stderr, /^session-md: huge\.session\.md: File is 100\.0 MB, larger than the 10 MB limit \(--max-file-size\)$/m);
      assert.match(other.stdout, /clean\.session\.md/, `${command} still reads the other files`);
    }
    const imported = await runCli(['import', 'huge.session.md', '--from', 'text'], ws.dir);
    assert.equal(imported.code, 2);
    assert.match(imported.stderr, /huge\.session\.md: File is 100\.0 MB/);
  });

  it('applies --max-file-size as given, and refuses a value that is not a number of bytes', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': transcript() }, ['--max-file-size', '100']);
    assert.equal(code, 1);
    assert.match(findings[0]!.message, /^File is \d\d\d bytes, larger than the 100 bytes limit \(--max-file-size\)$/);
    const bad = await runCli(['lint', '--max-file-size', '10MB'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-file-size needs a whole number of bytes, 1 or more, not '10MB'/);
  });
});
