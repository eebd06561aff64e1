import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

const LIBRARY = [
  'name: CBT trainee library',
  'codes:',
  '  - id: socratic-question',
  '    label: Socratic question',
  '    role: therapist',
  '    snippets:',
  '      - label: Evidence for the thought',
  '        body: "T: What tells you that ${1:the thought} is true? {socratic-question}"',
  '',
].join('\n');
// The same library, also redefining core's therapist code `summary` as a client code.
const CONFLICTING = LIBRARY + ['  - id: summary', '    label: Summary', '    role: client', ''].join('\n');

describe('technique libraries in session-md lint', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('merges libraries found in the linted folders, so their codes are known', async () => {
    ws = makeWorkspace({
      'course/a.session.md': transcript({ middle: ['[00:06:00] T: What tells you that you always fail? {socratic-question}'] }),
      'course/libraries/cbt.codebook.yaml': LIBRARY,
    });
    const withLibrary = await runCli(['lint', '-f', 'json', 'course'], ws.dir);
    const files = JSON.parse(withLibrary.stdout).files as { path: string; findings: { ruleId: string; message: string; line: number }[] }[];
    assert.deepEqual(files.find((f) => f.path === 'course/a.session.md')!.findings, []);
    const without = await runCli(['lint', '-f', 'json', 'course/a.session.md'], ws.dir);
    assert.equal(JSON.parse(without.stdout).files[0].findings[0].ruleId, 'code-unknown', 'a file given alone has no workspace libraries');
  });

  it('reports a library overriding a built-in code once, on the library, and uses the library', async () => {
    ws = makeWorkspace({
      'course/a.session.md': transcript(),
      'course/b.session.md': transcript(),
      'course/libraries/cbt.codebook.yaml': CONFLICTING,
    });
    const result = await runCli(['lint', '-f', 'json', 'course'], ws.dir);
    const files = JSON.parse(result.stdout).files as { path: string; findings: { ruleId: string; severity: string; message: string; line: number }[] }[];
    // The library wins over the default codebook: its client-only `summary` makes the therapist's {summary} a role error, which fails the run.
    assert.equal(result.code, 1);
    assert.deepEqual(
      [...new Set(files.find((f) => f.path === 'course/a.session.md')!.findings.map((f) => `${f.ruleId} ${f.severity}`))],
      ['code-role-mismatch error'],
    );
    assert.ok(!files.some((f) => f.path.endsWith('core.codebook.yaml')), 'nothing is reported on a built-in codebook nobody can edit');
    const library = files.filter((f) => f.path === 'course/libraries/cbt.codebook.yaml');
    assert.equal(library.length, 1);
    assert.deepEqual(
      library[0]!.findings.map((f) => [f.ruleId, f.severity, f.line]),
      [['codebook-conflict', 'warning', 9]],
      'reported once, however many sessions use it',
    );
    assert.equal(
      library[0]!.findings[0]!.message,
      "Code 'summary' redefines 'summary' of the built-in 'Core techniques' (role 'client' here, 'therapist' there); this definition is used, because workspace libraries come before builtin ones",
    );
  });

  it('lets the session codebook named in the front matter win over workspace libraries', async () => {
    ws = makeWorkspace({
      'course/a.session.md': transcript({
        frontMatter: 'session: 1\ncodebook: core\ngoals:\n  - id: sleep\n    text: Sleep better',
        middle: ['[00:06:00] C: So that is it then. {summary}'],
      }),
      'course/libraries/cbt.codebook.yaml': CONFLICTING,
    });
    const result = await runCli(['lint', '-f', 'json', 'course'], ws.dir);
    const files = JSON.parse(result.stdout).files as { path: string; findings: { ruleId: string; message: string }[] }[];
    const session = files.find((f) => f.path === 'course/a.session.md')!;
    assert.deepEqual(
      session.findings.map((f) => f.ruleId),
      ['code-role-mismatch'],
      'core says summary is a therapist code',
    );
    const library = files.find((f) => f.path === 'course/libraries/cbt.codebook.yaml')!;
    assert.match(library.findings[0]!.message, /because file libraries come before workspace ones/);
  });

  it('merges the libraries a config names, and reports one that cannot be read', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'libraries: [shared/cbt.codebook.yaml, shared/missing.codebook.yaml]\n',
      'shared/cbt.codebook.yaml': LIBRARY,
      'course/a.session.md': transcript({ middle: ['[00:06:00] T: What tells you that you always fail? {socratic-question}'] }),
    });
    const result = await runCli(['lint', '-f', 'json', 'course/a.session.md'], ws.dir);
    const files = JSON.parse(result.stdout).files as { path: string; findings: { ruleId: string; message: string }[] }[];
    assert.deepEqual(files.find((f) => f.path === 'course/a.session.md')!.findings, [], 'the config’s library is merged');
    assert.deepEqual(
      files.find((f) => f.path === 'shared/missing.codebook.yaml')!.findings.map((f) => [f.ruleId, f.message]),
      [['file-invalid', 'Cannot read this library: file not found']],
    );
    assert.equal(result.code, 1);
  });
});
