import { strict as assert } from 'node:assert';
import { readFileSync, symlinkSync } from 'node:fs';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

// Paths that trip tools up: loops of symbolic links, and names with spaces and non-ASCII letters.
describe('session-md lint on awkward paths', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('walks a folder with symbolic-link loops without entering them, linting each real file once', async () => {
    ws = makeWorkspace({ 'corpus/a/one.session.md': transcript(), 'corpus/top.session.md': transcript({ middle: ['Theraist: Hello.'] }) });
    symlinkSync('..', ws.path('corpus/a/loop'));
    symlinkSync('b2', ws.path('corpus/b'));
    symlinkSync('b', ws.path('corpus/b2'));
    for (const args of [['corpus'], ['corpus/**/*.session.md']]) {
      const result = await runCli(['lint', '-f', 'json', ...args], ws.dir);
      assert.equal(result.code, 1, args.join(' '));
      const files: { path: string; findings: { ruleId: string }[] }[] = JSON.parse(result.stdout).files;
      assert.deepEqual(
        files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]),
        [
          ['corpus/a/one.session.md', []],
          ['corpus/top.session.md', ['speaker-undeclared']],
        ],
      );
    }
  });

  it('names a symbolic-link loop given on the command line and exits 2, still linting the rest', async () => {
    ws = makeWorkspace({ 'one.session.md': transcript() });
    symlinkSync('b2', ws.path('b'));
    symlinkSync('b', ws.path('b2'));
    const result = await runCli(['lint', '-f', 'json', 'b', 'one.session.md'], ws.dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'session-md: no such file or directory, or no match: b (a loop of symbolic links)\n');
    assert.deepEqual(
      JSON.parse(result.stdout).files.map((f: { path: string }) => f.path),
      ['one.session.md'],
    );
  });

  describe('with spaces and non-ASCII letters in folder and file names', () => {
    const german = 'Sitzung 3 – Müller/Sitzung Ω 01.session.md';
    const japanese = '日本語/セッション.session.md';
    const files = {
      [german]: transcript({ middle: ['[00:06:00] C: Und die Arbeit. {#arbeit}'] }),
      [japanese]: transcript({ middle: ['Theraist: こんにちは。'] }),
    };

    it('reports each file under its own path in json and stylish', async () => {
      ws = makeWorkspace(files);
      const json = await runCli(['lint', '-f', 'json'], ws.dir);
      assert.equal(json.code, 1);
      assert.deepEqual(
        JSON.parse(json.stdout).files.map((f: { path: string; findings: { ruleId: string }[] }) => [f.path, f.findings.map((x) => x.ruleId)]),
        [
          [german, ['goal-undeclared']],
          [japanese, ['speaker-undeclared']],
        ],
      );
      const stylish = await runCli(['lint', 'Sitzung 3 – Müller', japanese], ws.dir);
      assert.equal(stylish.code, 1);
      assert.match(stylish.stdout, /^Sitzung 3 – Müller\/Sitzung Ω 01\.session\.md:21:31 +error +Goal 'a\*\*\*\*\*' is not declared/m);
      assert.match(stylish.stdout, /^日本語\/セッション\.session\.md:21:1 +error +Unknown speaker 'T\*\*\*\*\*\*\*'/m);
    });

    it('writes URI-encoded paths into SARIF and escaped ones into GitHub annotations', async () => {
      ws = makeWorkspace(files);
      const sarif = await runCli(['lint', '-f', 'sarif'], ws.dir);
      const locations = JSON.parse(sarif.stdout).runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri,
      );
      assert.deepEqual(locations, [
        'Sitzung%203%20%E2%80%93%20M%C3%BCller/Sitzung%20%CE%A9%2001.session.md',
        '%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%82%BB%E3%83%83%E3%82%B7%E3%83%A7%E3%83%B3.session.md',
      ]);
      assert.deepEqual(locations.map(decodeURIComponent), [german, japanese]);
      const github = await runCli(['lint', '-f', 'github'], ws.dir);
      assert.match(github.stdout, /^::error file=Sitzung 3 – Müller\/Sitzung Ω 01\.session\.md,line=21,/m);
      assert.match(github.stdout, /^::error file=日本語\/セッション\.session\.md,line=21,/m);
    });

    it('writes the fixed file back under its own name with --fix', async () => {
      ws = makeWorkspace(files);
      const result = await runCli(['lint', '--fix', 'Sitzung 3 – Müller/Sitzung Ω 01.session.md'], ws.dir);
      assert.equal(result.code, 0, result.stdout);
      assert.match(readFileSync(ws.path(german), 'utf8'), /  - id: arbeit\n/);
    });
  });
});
