import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { globPattern } from '../../src/cli/files';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

interface SarifLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

describe('session-md lint (in-process)', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('exits 0 and says so when every transcript is clean', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript(), 'sub/b.session.md': transcript() });
    const result = await runCli(['lint'], ws.dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'No problems found in 2 files.\n');
  });

  it('exits 1 and prints path:line:col, severity, message and rule id for errors', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['Theraist: How was the week?'] }) });
    const result = await runCli(['lint', 'a.session.md'], ws.dir);
    assert.equal(result.code, 1);
    const [line, , summary] = result.stdout.split('\n');
    assert.match(line!, /^a\.session\.md:21:1 {2}error {4}Unknown speaker 'T\*{7}'; declared speakers are T, Therapist, C, Client {2}speaker-undeclared$/);
    assert.equal(summary, '1 problem (1 error, 0 warnings, 0 info) in 1 file.');
  });

  it('prints the documented JSON document', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['[00:04:00] C: Earlier than before. {neutral}'] }) });
    const result = await runCli(['lint', '--format', 'json', '.'], ws.dir);
    assert.equal(result.code, 0, 'a warning alone does not fail the run');
    assert.deepEqual(JSON.parse(result.stdout), {
      files: [
        {
          path: 'a.session.md',
          findings: [
            {
              ruleId: 'timestamp-order',
              severity: 'warning',
              message: 'This timestamp is earlier than the one before it (at line 20); timestamps must not go backwards',
              line: 21,
              column: 1,
              endLine: 21,
              endColumn: 11,
            },
          ],
        },
      ],
    });
  });

  it('prints GitHub Actions annotations, escaping what Actions would misread', async () => {
    ws = makeWorkspace({ 'dir, with: odd/a.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }) });
    const result = await runCli(['lint', '-f', 'github'], ws.dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      "::error file=dir%2C with%3A odd/a.session.md,line=21,endLine=21,col=9,endColumn=16,title=code-unknown::Unknown code 'b****' in codebook 'Core techniques' (code-unknown)\n",
    );
  });

  it('prints SARIF 2.1.0 with rule metadata that the results point into', async () => {
    ws = makeWorkspace({ 'my notes/a.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }) });
    const result = await runCli(['lint', '--format=sarif'], ws.dir);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'session-md');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ids.includes('code-unknown') && ids.includes('goal-unreviewed') && ids.includes('file-invalid'));
    const [finding] = run.results;
    assert.equal(run.tool.driver.rules[finding.ruleIndex].id, 'code-unknown');
    assert.equal(finding.level, 'error');
    assert.deepEqual(finding.locations[0].physicalLocation.artifactLocation.uri, 'my%20notes/a.session.md');
    assert.deepEqual(finding.locations[0].physicalLocation.region, { startLine: 21, startColumn: 9, endLine: 21, endColumn: 16 });
    assert.equal(run.tool.driver.rules[finding.ruleIndex].defaultConfiguration.level, 'error');
  });

  it('gives SARIF results outside the working folder a file: URI instead of a %SRCROOT% reference', async () => {
    ws = makeWorkspace({
      'outside dir/a.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }),
      'here/b.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }),
    });
    const outside = ws.path('outside dir/a.session.md');
    const result = await runCli(['lint', '-f', 'sarif', outside, 'b.session.md'], ws.path('here'));
    assert.equal(result.code, 1, result.stderr);
    const run = JSON.parse(result.stdout).runs[0];
    // Sorted by absolute path: here/b.session.md, then outside dir/a.session.md.
    const expected: SarifLocation[] = [{ uri: 'b.session.md', uriBaseId: '%SRCROOT%' }, { uri: pathToFileURL(outside).href }];
    assert.ok(expected[1]!.uri.startsWith('file:///') && expected[1]!.uri.endsWith('/outside%20dir/a.session.md'));
    assert.deepEqual(
      run.artifacts.map((a: { location: SarifLocation }) => a.location),
      expected,
    );
    const locations = run.results.map(
      (r: { locations: { physicalLocation: { artifactLocation: SarifLocation } }[] }) => r.locations[0]!.physicalLocation.artifactLocation,
    );
    assert.deepEqual(
      locations,
      expected.map((l, index) => ({ ...l, index })),
    );
  });

  it('fails on more warnings than --max-warnings allows, and --quiet hides warnings', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['[00:04:00] C: Earlier. {neutral}'] }) });
    const strict = await runCli(['lint', '--max-warnings', '0'], ws.dir);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /too many warnings \(1; at most 0 allowed\)/);
    const quiet = await runCli(['lint', '--quiet'], ws.dir);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, 'No problems found in 1 file.\n');
  });

  it('reports usage errors on stderr with a hint and exit code 2, never a stack trace', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript() });
    for (const argv of [
      ['lint', '--bogus'],
      ['lint', '--format', 'xml'],
      ['lint', '--max-warnings', 'many'],
      ['frobnicate'],
      ['lint', '--config', 'nope.yaml'],
    ]) {
      const result = await runCli(argv, ws.dir);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, /^session-md: .+\nRun 'session-md --help' for usage\.\n$/, argv.join(' '));
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('exits 2 for a missing path but still lints the others', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }) });
    const result = await runCli(['lint', 'missing.session.md', 'a.session.md', 'nothing/*.session.md'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no such file or directory, or no match: missing\.session\.md/);
    assert.match(result.stderr, /no match: nothing\/\*\.session\.md/);
    assert.match(result.stdout, /code-unknown/);
  });

  it('expands globs and searches folders, skipping node_modules', async () => {
    ws = makeWorkspace({
      'course/01.session.md': transcript(),
      'course/02.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }),
      'node_modules/x/bad.session.md': 'T: {bogus}',
      'notes.md': 'T: {bogus}',
    });
    const all = await runCli(['lint', '-f', 'json'], ws.dir);
    assert.deepEqual(
      JSON.parse(all.stdout).files.map((f: { path: string }) => f.path),
      ['course/01.session.md', 'course/02.session.md'],
    );
    const glob = await runCli(['lint', '-f', 'json', 'course/0[1].session.md'], ws.dir);
    assert.deepEqual(
      JSON.parse(glob.stdout).files.map((f: { path: string }) => f.path),
      ['course/01.session.md'],
    );
  });

  it('takes existing paths literally even when they contain glob characters such as ( [ {', async () => {
    ws = makeWorkspace({
      'data (2024)/notes [draft].session.md': transcript({ middle: ['[00:06:00] T: What tells you that? {socratic-question}'] }),
      'data (2024)/lib.codebook.yaml': ['name: Lab', 'codes:', '  - id: socratic-question', '    label: Socratic question', '    role: therapist', ''].join(
        '\n',
      ),
      'data {old}/b.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }),
      'other/c.session.md': transcript(),
    });
    const paths = (stdout: string) =>
      JSON.parse(stdout).files.map((f: { path: string; findings: { ruleId: string }[] }) => [f.path, f.findings.map((x) => x.ruleId)]);
    const folder = await runCli(['lint', '-f', 'json', 'data (2024)'], ws.dir);
    assert.equal(folder.code, 0, folder.stderr);
    assert.deepEqual(paths(folder.stdout), [['data (2024)/notes [draft].session.md', []]], 'searched, with the library inside it');
    const file = await runCli(['lint', '-f', 'json', 'data (2024)/notes [draft].session.md', 'data {old}/b.session.md'], ws.dir);
    assert.equal(file.code, 1, file.stderr);
    assert.equal(file.stderr, '');
    assert.deepEqual(paths(file.stdout), [
      ['data (2024)/notes [draft].session.md', ['code-unknown']],
      ['data {old}/b.session.md', ['code-unknown']],
    ]);
    const absolute = await runCli(['lint', '-f', 'json', ws.path('data (2024)')], ws.path('other'));
    assert.equal(absolute.code, 0, absolute.stderr);
    assert.equal(paths(absolute.stdout).length, 1);
    // A name with nothing at its path is still a glob.
    const glob = await runCli(['lint', '-f', 'json', 'data*/*.session.md'], ws.dir);
    assert.deepEqual(
      paths(glob.stdout).map(([path]: [string]) => path),
      ['data (2024)/notes [draft].session.md', 'data {old}/b.session.md'],
    );
  });

  it('turns backslashes into slashes in globs on Windows only', () => {
    assert.equal(globPattern('course\\0[1].session.md', 'win32'), 'course/0[1].session.md');
    assert.equal(globPattern('C:\\data\\**\\*.session.md', 'win32'), 'C:/data/**/*.session.md');
    assert.equal(globPattern('course/\\(2024\\)/*.session.md', 'linux'), 'course/\\(2024\\)/*.session.md', 'on POSIX a backslash escapes');
  });

  describe('--fix', () => {
    it('declares an undeclared goal, keeping CRLF, the BOM, the file mode and all other text', async () => {
      const original = '\uFEFF' + transcript({ eol: '\r\n', middle: ['[00:06:00] C: And my mood is low. {#mood}'] });
      ws = makeWorkspace({ 'a.session.md': original });
      chmodSync(ws.path('a.session.md'), 0o640);
      const result = await runCli(['lint', '--fix'], ws.dir);
      assert.equal(result.code, 0, result.stdout);
      const fixed = readFileSync(ws.path('a.session.md'), 'utf8');
      assert.ok(fixed.startsWith('\uFEFF---\r\n'), 'BOM and CRLF kept');
      assert.ok(!/[^\r]\n/.test(fixed), 'every line still ends in CRLF');
      assert.equal(
        fixed,
        original.replace('    status: open\r\n', '    status: open\r\n  - id: mood\r\n    text: "TODO: describe this goal"\r\n    status: open\r\n'),
      );
      assert.equal(statSync(ws.path('a.session.md')).mode & 0o777, 0o640);
      assert.deepEqual(readdirSync(ws.dir).sort(), ['.git', 'a.session.md'], 'no temporary file left behind');
    });

    it('keeps lone CR line endings (old Mac files) when it declares a goal', async () => {
      const original = transcript({ eol: '\r', middle: ['[00:06:00] C: And my mood is low. {#mood}'] });
      ws = makeWorkspace({ 'a.session.md': original });
      const result = await runCli(['lint', '--fix'], ws.dir);
      assert.equal(result.code, 0, result.stdout);
      const fixed = readFileSync(ws.path('a.session.md'), 'utf8');
      assert.equal(fixed, original.replace('    status: open\r', '    status: open\r  - id: mood\r    text: "TODO: describe this goal"\r    status: open\r'));
      assert.ok(!fixed.includes('\n'), 'no LF was added');
    });

    it('fixes the file a symbolic link points to and leaves the link a link', async function () {
      const original = '\uFEFF' + transcript({ eol: '\r\n', middle: ['[00:06:00] C: And my mood is low. {#mood}'] });
      ws = makeWorkspace({ 'real/a.session.md': original });
      chmodSync(ws.path('real/a.session.md'), 0o640);
      mkdirSync(ws.path('link'));
      try {
        symlinkSync('../real/a.session.md', ws.path('link/a.session.md'));
      } catch (error) {
        if ((error as { code?: string }).code === 'EPERM') this.skip(); // Windows without the symlink privilege
        throw error;
      }
      const result = await runCli(['lint', '--fix', 'link/a.session.md'], ws.dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.ok(lstatSync(ws.path('link/a.session.md')).isSymbolicLink(), 'the link is still a link');
      assert.equal(readlinkSync(ws.path('link/a.session.md')), '../real/a.session.md');
      const fixed = readFileSync(ws.path('real/a.session.md'), 'utf8');
      assert.equal(
        fixed,
        original.replace('    status: open\r\n', '    status: open\r\n  - id: mood\r\n    text: "TODO: describe this goal"\r\n    status: open\r\n'),
        'the real file is fixed, keeping the BOM and CRLF',
      );
      assert.equal(statSync(ws.path('real/a.session.md')).mode & 0o777, 0o640);
      assert.deepEqual([...readdirSync(ws.path('link')), ...readdirSync(ws.path('real'))], ['a.session.md', 'a.session.md'], 'no temporary file left behind');
    });

    it('is idempotent and leaves unsafe fixes (a guessed code) for a person to choose', async () => {
      ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['C: Hmm. {neutrl} {#mood}'] }) });
      await runCli(['lint', '--fix'], ws.dir);
      const once = readFileSync(ws.path('a.session.md'), 'utf8');
      assert.match(once, /\{neutrl\}/, 'the guessed code is not applied');
      assert.match(once, /- id: mood/);
      const second = await runCli(['lint', '--fix'], ws.dir);
      assert.equal(readFileSync(ws.path('a.session.md'), 'utf8'), once);
      assert.match(second.stdout, /Unknown code 'n\*{5}' in codebook 'Core techniques'; did you mean 'neutral'\?/);
      assert.equal(second.code, 1);
    });
  });
});
