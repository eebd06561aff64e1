import { strict as assert } from 'node:assert';
import { nodeFs } from '../../src/cli/io';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

interface JsonFinding {
  path: string;
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endColumn: number;
}

// Each hostile input gets a finding or a clear error and exit code 1 or 2, never a crash.
// The time each takes is measured by `npm run bench`; the timeout here only guards against a hang.
describe('session-md lint on bad input', function () {
  this.timeout(30000);
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
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line]), [['file-invalid', 2]]);
    assert.match(findings[0]!.message, /binary file, not a transcript \(NUL byte at byte 10\)/);
  });

  it('reports a UTF-16 file (as Notepad saves "Unicode") by its encoding, not as binary', async () => {
    const text = '---\r\nsession: 1\r\n---\r\n\r\nT: Hello.\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const { code, findings } = await lintJson({ 'le.session.md': le, 'be.session.md': be });
    assert.equal(code, 1);
    const expected = ['file-invalid', 1, 1, 'This file is saved as UTF-16; save it as UTF-8'];
    assert.deepEqual(findings.map((f) => [f.path, f.ruleId, f.line, f.column, f.message]), [
      ['be.session.md', ...expected],
      ['le.session.md', ...expected],
    ]);
  });

  it('reports invalid UTF-8 with the line and column of the bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('---\nsession: 1\n---\n\nC: caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]);
    const { code, findings } = await lintJson({ 'x.session.md': bytes });
    assert.equal(code, 1);
    assert.equal(findings.length, 1);
    assert.deepEqual([findings[0]!.ruleId, findings[0]!.line, findings[0]!.column], ['file-invalid', 5, 7]);
    assert.match(findings[0]!.message, /not valid UTF-8 \(byte 0xE9 at byte 26\)/);
  });

  it('reports an empty file', async () => {
    const { code, findings } = await lintJson({ 'x.session.md': '', 'y.session.md': '\uFEFF\n\n' });
    assert.equal(code, 1);
    assert.deepEqual(findings.map((f) => f.message), ['This transcript is empty', 'This transcript is empty']);
  });

  it('refuses a 5 MB single line with a clear message, but lints a long turn', async () => {
    const line = 'C: ' + 'so I keep lying awake {neutral} '.repeat(160_000);
    assert.ok(line.length > 5_000_000);
    const huge = await lintJson({ 'x.session.md': `---\nsession: 1\n---\n${line}\n` });
    assert.equal(huge.code, 1);
    assert.deepEqual(huge.findings.map((f) => [f.ruleId, f.line, f.message]), [
      ['file-invalid', 4, 'Line 4 is 5,120,003 characters long (the limit is 200,000); this does not look like a transcript, so it was not linted'],
    ]);
    ws.dispose();
    const long = await lintJson({ 'x.session.md': 'C: ' + 'so I keep lying awake {neutral} '.repeat(6_000) });
    assert.equal(long.code, 0, 'a long but well-formed turn is not an error');
    assert.ok(long.findings.every((f) => f.ruleId === 'phase-missing'));
  });

  it('refuses to expand a YAML alias bomb in the front matter', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const { code, findings } = await lintJson({ 'x.session.md': `---\n${bomb.join('\n')}\n---\n\nT: Hello.\n` });
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
    assert.match(finding.message, /^Codebook 'miti-4' could not be loaded: file not found; built-in codebooks are core/);
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
    const fs = { ...nodeFs, readFile: (path: string) => (path.endsWith('locked.session.md') ? Promise.reject(denied) : nodeFs.readFile(path)) };
    const result = await runCli(['lint', '-f', 'json'], ws.dir, fs);
    assert.equal(result.code, 2);
    const files = JSON.parse(result.stdout).files;
    assert.deepEqual(files.map((f: { path: string; findings: { message: string }[] }) => [f.path, f.findings.map((x) => x.message)]), [
      ['locked.session.md', ['Cannot read this file: permission denied']],
      ['open.session.md', []],
    ]);
  });
});
