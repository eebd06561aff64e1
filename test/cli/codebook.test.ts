import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { annotatesCode, parseCodebook } from '../../src/core/codebook/codebook';
import { BROKEN, DUPLICATES, LIBRARY, NO_REFRAME } from '../support/codebooks';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, runCli, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function findings(stdout: string): { path: string; findings: JsonFinding[] }[] {
  return JSON.parse(stdout).files;
}

describe('annotatesCode', () => {
  it("finds a snippet's own code, with or without a note, and nothing else", () => {
    assert.ok(annotatesCode('T: So you feel low. {reflection.complex}', 'reflection.complex'));
    assert.ok(annotatesCode('T: ${1:x}? { reframe | "a" -> "b"}', 'reframe'));
    assert.ok(!annotatesCode('T: So you feel low. {reflection.complex}', 'reflection'), 'a child is not the parent');
    assert.ok(!annotatesCode('T: ${1:reframe}', 'reframe'), 'a placeholder is not an annotation');
    assert.ok(!annotatesCode('T: x {#reframe}', 'reframe'), 'a goal reference is not a code');
    assert.ok(!annotatesCode('T: x {reframed}', 'reframe'), 'another id');
    assert.ok(!annotatesCode('T: x {reframe\n}', 'reframe'), 'an annotation is written on one line');
  });
});

describe('session-md codebook check', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('exits 0 on a valid library and on the built-in core codebook', async () => {
    ws = makeWorkspace({ 'lib/trainer.codebook.yaml': LIBRARY });
    const result = await runCli(['codebook', 'check', 'lib/trainer.codebook.yaml'], ws.dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'No problems found in 1 file.\n');
    const core = await runCli(['codebook', 'check', '-f', 'json', 'core'], ws.dir);
    assert.equal(core.code, 0, core.stdout + core.stderr);
    assert.deepEqual(
      findings(core.stdout).map((f) => f.findings.filter((x) => x.severity === 'error')),
      [[]],
    );
  });

  it('reports every problem of a broken library at its line and column, and exits 1', async () => {
    ws = makeWorkspace({ 'libs/broken.codebook.yaml': BROKEN, 'libs/sub/dupes.codebook.yaml': DUPLICATES, 'libs/notes.yaml': 'not: a codebook\n' });
    const result = await runCli(['codebook', 'check', '-f', 'json', 'libs'], ws.dir);
    assert.equal(result.code, 1);
    const at = (f: JsonFinding) => [f.line, f.column, f.ruleId, f.severity, f.message];
    assert.deepEqual(
      findings(result.stdout).map((f) => [f.path, f.findings.map(at)]),
      [
        [
          'libs/broken.codebook.yaml',
          [
            [5, 11, 'codebook-invalid', 'error', `Codebook: 'codes.0.role' should be one of "therapist", "client", "any"`],
            [6, 5, 'codebook-invalid', 'error', "Codebook: 'codes.1' is missing the required field 'label'"],
            [8, 5, 'codebook-invalid', 'error', "Codebook: Unknown field 'snipets' in 'codes.1'"],
          ],
        ],
        [
          'libs/sub/dupes.codebook.yaml',
          [
            [4, 22, 'codebook-invalid', 'error', "Codebook: Group 'talk' lists 'nope', which this codebook does not define"],
            [
              10,
              15,
              'snippet-unannotated',
              'warning',
              "Snippet 'Forgot the code' of code 'reframe' does not contain {reframe}; inserting it would not annotate the turn",
            ],
            [11, 9, 'codebook-invalid', 'error', "Codebook: Code 'reframe' is defined twice (first at line 6)"],
          ],
        ],
      ],
    );
  });

  it('prints stylish lines, YAML syntax errors at their position, and SARIF with the warning level', async () => {
    ws = makeWorkspace({ 'a.codebook.yaml': 'name: x\ncodes: [\n', 'b.codebook.yaml': DUPLICATES.replace('nope', 'reframe') });
    const stylish = await runCli(['codebook', 'check', 'a.codebook.yaml'], ws.dir);
    assert.equal(stylish.code, 1);
    assert.match(stylish.stdout.split('\n')[0]!, /^a\.codebook\.yaml:3:1 {2}error {4}Codebook: YAML syntax error: .+ {2}codebook-invalid$/);
    const sarif = JSON.parse((await runCli(['codebook', 'check', '--format=sarif', 'b.codebook.yaml'], ws.dir)).stdout);
    const run = sarif.runs[0];
    const warning = run.results.find((r: { ruleId: string }) => r.ruleId === 'snippet-unannotated');
    assert.equal(warning.level, 'warning');
    assert.equal(run.tool.driver.rules[warning.ruleIndex].defaultConfiguration.level, 'warning');
    assert.deepEqual(warning.locations[0].physicalLocation.region, { startLine: 10, startColumn: 15, endLine: 10, endColumn: 52 });
  });

  it('exits 0 on warnings alone and 2 on usage or I/O errors', async () => {
    ws = makeWorkspace({ 'w.codebook.yaml': DUPLICATES.replace('nope', 'reframe').replace(/  - id: reframe\n    label: Reframe again\n/, '') });
    const warned = await runCli(['codebook', 'check', '-f', 'github', '.'], ws.dir);
    assert.equal(warned.code, 0, warned.stdout);
    assert.match(warned.stdout, /^::warning file=w\.codebook\.yaml,line=10,endLine=10,col=15,endColumn=52,title=snippet-unannotated::/);
    const missing = await runCli(['codebook', 'check', 'missing.codebook.yaml', 'w.codebook.yaml'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory, or no match: missing\.codebook\.yaml/);
    for (const argv of [
      ['codebook', 'check', '-f', 'xml'],
      ['codebook', 'frobnicate'],
      ['codebook', 'check', '--bogus'],
    ]) {
      const result = await runCli(argv, ws.dir);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, /^session-md: .+\nRun 'session-md --help' for usage\.\n$/, argv.join(' '));
    }
    assert.equal((await runCli(['codebook'], ws.dir)).code, 2);
    assert.match((await runCli(['codebook', 'check', '--help'], ws.dir)).stdout, /^Usage: session-md codebook check/);
  });
});

describe('session-md codebook list', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('prints the core codebook as a table under its name, version and source', async () => {
    ws = makeWorkspace({});
    const result = await runCli(['codebook', 'list'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0]!, /^Codebook: Core techniques \(version \d+\.\d+\.\d+\)$/);
    assert.match(lines[1]!, /^Source: {3}\S/);
    assert.match(lines[2]!, /^File: {5}.*core\.codebook\.yaml \(built-in 'core'\)$/);
    assert.match(lines[4]!, /^id +label +role +snippets +description$/);
    assert.ok(
      lines.some((l) => /^open-question +Open question +therapist +\d+ {2}Invites the client/.test(l)),
      result.stdout,
    );
    assert.match(result.stdout, /\n\d+ codes, \d+ snippets\.\n$/);
  });

  it('lists a library named by a path, truncating long descriptions, as a table, JSON or CSV', async () => {
    ws = makeWorkspace({ 'lib/trainer.codebook.yaml': LIBRARY });
    const table = await runCli(['codebook', 'list', '--codebook', 'lib/trainer.codebook.yaml'], ws.dir);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^Codebook: Trainer's library \(version 2\.0\.0\)\nSource: {3}Example trainer, 2026\nFile: {5}lib\/trainer\.codebook\.yaml\n\n/);
    const row = table.stdout.split('\n').find((l) => l.startsWith('reflection.complex'))!;
    assert.match(row, /^reflection\.complex {2}Complex reflection {2}therapist {9}2 {2}Adds meaning .+…$/);
    assert.equal([...row.slice(row.indexOf('Adds'))].length, 60);
    assert.match(table.stdout, /^change-talk {9}Change talk {9}client {12}0$/m);

    const json = JSON.parse((await runCli(['codebook', 'list', '--codebook', 'lib/trainer.codebook.yaml', '--format', 'json'], ws.dir)).stdout);
    assert.deepEqual(Object.keys(json), ['name', 'version', 'source', 'file', 'codes', 'groups']);
    assert.equal(json.file, 'lib/trainer.codebook.yaml');
    assert.deepEqual(json.codes[1], { id: 'reframe', label: 'Reframe', role: 'therapist', snippets: 2, description: '' });
    assert.match(json.codes[0].description, /this description is long\.$/);

    const csv = (await runCli(['codebook', 'list', '--codebook', 'lib/trainer.codebook.yaml', '-f', 'csv'], ws.dir)).stdout.split('\n');
    assert.equal(csv[0], 'id,label,role,snippets,description');
    assert.equal(
      csv[1],
      'reflection.complex,Complex reflection,therapist,2,"Adds meaning beyond what the client said, such as the feeling behind it, and this description is long."',
    );
  });

  it('exits 1 with positioned problems for an invalid codebook, and 2 for a missing one', async () => {
    ws = makeWorkspace({ 'broken.codebook.yaml': BROKEN });
    const broken = await runCli(['codebook', 'list', '--codebook', 'broken.codebook.yaml'], ws.dir);
    assert.equal(broken.code, 1);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^broken\.codebook\.yaml:5:11 +error +Codebook: 'codes\.0\.role' should be one of/);
    const missing = await runCli(['codebook', 'list', '--codebook', 'nope.codebook.yaml'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^session-md: codebook not found: nope\.codebook\.yaml \(built-in codebooks are core, /);
    assert.equal((await runCli(['codebook', 'list', '-f', 'xml'], ws.dir)).code, 2);
  });
});

describe('session-md snippets', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  // What VS Code reads from a *.code-snippets file: an object of snippet objects.
  function assertSnippetsFile(json: unknown): Record<string, { prefix: string; body: string[]; description: string; scope: string }> {
    assert.ok(json !== null && typeof json === 'object' && !Array.isArray(json), 'a JSON object');
    for (const [name, snippet] of Object.entries(json as Record<string, unknown>)) {
      assert.ok(snippet !== null && typeof snippet === 'object' && !Array.isArray(snippet), name);
      const s = snippet as Record<string, unknown>;
      assert.deepEqual(Object.keys(s).sort(), ['body', 'description', 'prefix', 'scope'], name);
      assert.equal(typeof s['prefix'], 'string', name);
      assert.ok(Array.isArray(s['body']) && s['body'].every((line) => typeof line === 'string'), name);
      assert.equal(typeof s['description'], 'string', name);
      assert.equal(s['scope'], 'session-markdown', name);
    }
    return json as ReturnType<typeof assertSnippetsFile>;
  }

  it('converts a library to a VS Code snippets file with every body intact', async () => {
    ws = makeWorkspace({ 'lib/trainer.codebook.yaml': LIBRARY });
    const result = await runCli(['snippets', 'lib/trainer.codebook.yaml'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const snippets = assertSnippetsFile(JSON.parse(result.stdout));
    assert.deepEqual(Object.keys(snippets), [
      'Complex reflection: Feeling and reason',
      'Complex reflection: Two sides',
      'Reframe: Reframe',
      'Reframe: Reframe (2)',
    ]);

    const feeling = snippets['Complex reflection: Feeling and reason']!;
    assert.deepEqual(feeling, {
      prefix: 'feel',
      body: ['T: It sounds like you feel ${1:emotion} because "${2:situation}". {reflection.complex | feeling \\ reason}'],
      description: "Complex reflection — Name the feeling and its reason — Trainer's library",
      scope: 'session-markdown',
    });
    assert.deepEqual(snippets['Complex reflection: Two sides']!.body, ['T: ${1:On the one hand}…', '   ${2:and on the other}. {reflection.complex}']);
    assert.deepEqual(snippets['Reframe: Reframe']!.body, [
      'T: What if it went ${1:badly this time}, not \\$always? {reframe | "always fail" -> "went badly"}',
      '',
    ]);
    assert.equal(snippets['Reframe: Reframe']!.prefix, 'reframe');
    assert.equal(snippets['Complex reflection: Two sides']!.prefix, 'reflection-complex');
    assert.equal(snippets['Reframe: Reframe']!.description, "Reframe — Trainer's library");

    // Each body, joined again, is exactly the codebook's body.
    const codebook = parseCodebook(LIBRARY, 'trainer.codebook.yaml').codebook!;
    const bodies = [...codebook.codes.values()].flatMap((c) => c.snippets.map((s) => s.body));
    assert.deepEqual(
      Object.values(snippets).map((s) => s.body.join('\n')),
      bodies,
    );
  });

  it('converts the built-in core codebook by name, bodies intact', async () => {
    ws = makeWorkspace({});
    const result = await runCli(['snippets', 'core'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const snippets = assertSnippetsFile(JSON.parse(result.stdout));
    const core = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'core').codebook!;
    const bodies = [...core.codes.values()].flatMap((c) => c.snippets.map((s) => s.body));
    assert.ok(bodies.length > 0);
    assert.deepEqual(
      Object.values(snippets).map((s) => s.body.join('\n')),
      bodies,
    );
    assert.ok(
      bodies.some((b) => b.includes('${1:')),
      'core has placeholders to keep',
    );
  });

  it('writes --out atomically, keeping an existing file mode, and refuses invalid input', async () => {
    ws = makeWorkspace({ 'lib/trainer.codebook.yaml': LIBRARY, 'broken.codebook.yaml': BROKEN });
    const first = await runCli(['snippets', 'lib/trainer.codebook.yaml', '-o', 'trainer.code-snippets'], ws.dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, "Wrote 4 snippets from 'Trainer's library' to trainer.code-snippets.\n");
    const written = readFileSync(ws.path('trainer.code-snippets'), 'utf8');
    assert.equal(written, (await runCli(['snippets', 'lib/trainer.codebook.yaml'], ws.dir)).stdout);
    chmodSync(ws.path('trainer.code-snippets'), 0o640);
    assert.equal((await runCli(['snippets', 'lib/trainer.codebook.yaml', '--out', 'trainer.code-snippets', '--force'], ws.dir)).code, 0);
    assert.equal(statSync(ws.path('trainer.code-snippets')).mode & 0o777, 0o640);
    assert.deepEqual(
      readdirSync(ws.dir).filter((f) => f.includes('.sessionmd-tmp-')),
      [],
    );

    const broken = await runCli(['snippets', 'broken.codebook.yaml', '--out', 'broken.code-snippets'], ws.dir);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /broken\.codebook\.yaml:5:11/);
    assert.ok(!existsSync(ws.path('broken.code-snippets')));
    assert.equal((await runCli(['snippets'], ws.dir)).code, 2);
    assert.equal((await runCli(['snippets', 'a', 'b'], ws.dir)).code, 2);
    assert.equal((await runCli(['snippets', 'lib/trainer.codebook.yaml', '--out', 'no/such/folder/x.code-snippets'], ws.dir)).code, 2);
  });
});

describe('session-md lint --codebook', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  const REFRAME = '[00:06:00] T: What if it went badly this time? {reframe | "always fail" -> "went badly"}';

  it('checks every file against the given codebook, above front matter and config', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'root: true\ncodebook: core\n',
      'a.session.md': transcript({ middle: [REFRAME] }),
      'b.session.md': transcript({
        frontMatter: 'session: 2\ndate: 2026-03-21\nclient: C-001\ncodebook: core\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: open',
        middle: [REFRAME],
      }),
      'books/no-reframe.codebook.yaml': NO_REFRAME,
    });
    assert.equal((await runCli(['lint'], ws.dir)).code, 0, 'core defines reframe');
    const result = await runCli(['lint', '-f', 'json', '--codebook', 'books/no-reframe.codebook.yaml'], ws.dir);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.deepEqual(
      findings(result.stdout).map((f) => [f.path, f.findings.map((x) => [x.ruleId, x.line, x.message])]),
      [
        ['a.session.md', [['code-unknown', 21, "Unknown code 'r******' in codebook 'No reframe'"]]],
        ['b.session.md', [['code-unknown', 22, "Unknown code 'r******' in codebook 'No reframe'"]]],
      ],
    );
  });

  it('says where a broken override came from, and exits 2 for one that does not exist', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript(), 'broken.codebook.yaml': BROKEN });
    const broken = await runCli(['lint', '--codebook', 'broken.codebook.yaml'], ws.dir);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^a\.session\.md:1:1 +error +Codebook 'broken\.codebook\.yaml' \(set with --codebook\) is invalid: line 5: /m);
    assert.match(broken.stdout, /^broken\.codebook\.yaml:5:11 +error +Codebook: 'codes\.0\.role'/m);
    const missing = await runCli(['lint', '--codebook', 'nope'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^session-md: codebook not found: nope \(built-in codebooks are core, /);
  });
});

describe('node dist/cli.js codebook and snippets', function () {
  const CLI = join(ROOT, 'dist', 'cli.js');

  it('checks a library and converts it, as CI and trainees would', () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const ws = makeWorkspace({ 'lib/trainer.codebook.yaml': LIBRARY, 'lib/broken.codebook.yaml': BROKEN });
    try {
      const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ws.dir, encoding: 'utf8', timeout: HANG_MS });
      const check = cli(['codebook', 'check', 'lib']);
      assert.equal(check.status, 1);
      assert.match(check.stdout, /^lib\/broken\.codebook\.yaml:5:11 /m);
      const convert = cli(['snippets', 'lib/trainer.codebook.yaml', '--out', 'trainer.code-snippets']);
      assert.equal(convert.status, 0, convert.stderr);
      const snippets = JSON.parse(readFileSync(ws.path('trainer.code-snippets'), 'utf8'));
      assert.equal(
        snippets['Complex reflection: Feeling and reason'].body[0],
        'T: It sounds like you feel ${1:emotion} because "${2:situation}". {reflection.complex | feeling \\ reason}',
      );
      assert.match(cli(['--help']).stdout, /codebook check/);
    } finally {
      ws.dispose();
    }
  });
});
