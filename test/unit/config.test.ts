import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigLoadError, Linter, RULES } from '../../src/core';
import { ConfigResolver } from '../../src/core/config/config';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);

describe('.sessionmdrc.yaml cascade', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('merges configs from the repository root down, nearer files winning', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'rules:\n  goal-unused: off\n  phase-missing: error\nrequiredFields: [session]\n',
      'course/.sessionmdrc.yaml': 'rules:\n  phase-missing: info\n',
      'course/a.session.md': '',
    });
    const config = await new ConfigResolver(host).forFile(ws.path('course/a.session.md'));
    assert.deepEqual(config.rules, { 'goal-unused': 'off', 'phase-missing': 'info' });
    assert.deepEqual(config.requiredFields, ['session']);
    assert.deepEqual(config.files, [ws.path('.sessionmdrc.yaml'), ws.path('course/.sessionmdrc.yaml')]);
  });

  it('stops at the repository root and at `root: true`', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'rules:\n  goal-unused: off\n',
      'course/.sessionmdrc.yaml': 'root: true\nrules:\n  turn-empty: off\n',
      'course/a.session.md': '',
    });
    const config = await new ConfigResolver(host).forFile(ws.path('course/a.session.md'));
    assert.deepEqual(config.rules, { 'turn-empty': 'off' });
  });

  it('follows `extends`, relative to the file, with the extending file winning', async () => {
    ws = makeWorkspace({
      'shared/base.yaml': 'codebook: ../books/lab.codebook.yaml\nphases: mi\nrules:\n  goal-unused: error\n  turn-empty: off\n',
      '.sessionmdrc.yaml': 'extends: shared/base.yaml\nrules:\n  goal-unused: warning\n',
      'a.session.md': '',
    });
    const config = await new ConfigResolver(host).forFile(ws.path('a.session.md'));
    assert.deepEqual(config.rules, { 'goal-unused': 'warning', 'turn-empty': 'off' });
    assert.equal(config.phases, 'mi');
    assert.deepEqual(config.codebook, { ref: '../books/lab.codebook.yaml', baseDir: ws.path('shared') });
  });

  it('rejects an `extends` cycle and an invalid value, with the position in the config', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'extends: other.yaml\n',
      'other.yaml': 'extends: .sessionmdrc.yaml\n',
      'bad/.sessionmdrc.yaml': 'rules:\n  goal-unused: loud\n',
      'bad/a.session.md': '',
    });
    await assert.rejects(new ConfigResolver(host).forFile(ws.path('a.session.md')), (e: ConfigLoadError) => /makes a cycle/.test(e.message));
    await assert.rejects(new ConfigResolver(host).forFile(ws.path('bad/a.session.md')), (e: ConfigLoadError) => {
      const problem = e.errors[0]!.problems[0]!;
      assert.equal(problem.message, `'rules.goal-unused' should be one of "off", "info", "warning", "error"`);
      assert.deepEqual([problem.range.start.line, problem.range.start.column], [2, 16]);
      return true;
    });
  });

  it('sets rule severities, required fields and the phase model for linting, and the front matter overrides per file', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'phases: [Check-in, Practice, Wrap-up]\nrequiredFields: [session, therapist]\nrules:\n  goal-unused: error\n',
      'a.session.md':
        '---\nsession: 2\ngoals:\n  - id: sleep\n    text: Sleep\n---\n\n## Check-in\n\nT: Hello.\n\n## Practice\n\nC: Hi.\n\n## Wrap-up\n\nT: Bye.\n',
      'b.session.md': '---\nsession: 2\ntherapist: T-01\nrules:\n  goal-unused: off\ngoals:\n  - id: sleep\n    text: Sleep\n---\n\n## Check-in\n\nT: Hello.\n',
    });
    const linter = new Linter(host);
    const a = await linter.lintText(ws.path('a.session.md'), readFileSync(ws.path('a.session.md'), 'utf8'));
    const rulesA = a.findings.map((f) => `${f.ruleId}:${f.severity}`);
    assert.deepEqual(rulesA.sort(), ['front-matter-invalid:error', 'goal-unreviewed:warning', 'goal-unused:error']);
    assert.equal(a.findings.find((f) => f.ruleId === 'front-matter-invalid')!.message, "Front matter is missing the required field 'therapist'");
    assert.deepEqual(
      a.session.sections.map((s) => s.phase?.name),
      ['Check-in', 'Practice', 'Wrap-up'],
    );
    const b = await linter.lintText(ws.path('b.session.md'), readFileSync(ws.path('b.session.md'), 'utf8'));
    assert.deepEqual(b.findings.map((f) => f.ruleId).sort(), ['phase-missing', 'phase-missing']);
  });

  it('names a misspelt rule id and suggests the real one, in the config and (masked, as transcript text) in the front matter', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': 'rules:\n  goal-unsued: off\n', 'a.session.md': '' });
    await assert.rejects(new ConfigResolver(host).forFile(ws.path('a.session.md')), (e: ConfigLoadError) => {
      const problem = e.errors[0]!.problems[0]!;
      assert.equal(problem.message, "Unknown key 'goal-unsued' in 'rules'; did you mean 'goal-unused'?");
      assert.deepEqual([problem.range.start.line, problem.range.start.column, problem.range.end.column], [2, 3, 14]);
      return true;
    });
    const session = parseSession('---\nrules:\n  phase-mising: off\n---\n');
    assert.equal(session.frontMatter!.problems[0]!.message, "Unknown key 'p****-m*****' in 'rules'; did you mean 'phase-missing'?");
  });

  it('lists exactly the rule ids in both JSON Schemas, so editors complete them', () => {
    const ids = RULES.map((r) => r.id).sort();
    for (const schema of ['sessionmdrc.schema.json', 'session-front-matter.schema.json']) {
      const json = JSON.parse(readFileSync(join(ROOT, 'schemas', schema), 'utf8'));
      assert.deepEqual([...json.properties.rules.propertyNames.enum].sort(), ids, schema);
    }
  });

  it('makes the CLI exit 2 with the config position on stderr when a config is broken', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': 'rules: [unclosed\n', 'a.session.md': transcript() });
    const result = await runCli(['lint'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^session-md: \.sessionmdrc\.yaml:\d+:\d+: invalid config: YAML syntax error: /);
  });

  it('uses only the file given with --config', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'rules:\n  goal-unused: error\n',
      'ci.yaml': 'rules:\n  code-unknown: off\n',
      'a.session.md': transcript({ middle: ['C: Hmm. {bogus}'] }),
    });
    const result = await runCli(['lint', '--config', 'ci.yaml'], ws.dir);
    assert.equal(result.code, 0, result.stdout);
  });
});
