import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { runWith, WORKER_SCRIPT } from '../support/lintRun';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

// `session-md lint --rules pii` (the pre-commit check), the denylist and pseudonym map in the
// config, and what `--fix` does with them: pseudonyms are applied, `[redacted]` never is.
const PII_CONFIG = 'pii:\n  names: private/names.txt\n  pseudonyms: private/pseudonyms.yaml\n';
const NAMES = '# real names (test data)\nJane Doe\nSøren\n';
const PSEUDONYMS = 'Jane Doe: Client A\n';

/** A transcript with a mapped name, an unmapped name, an e-mail address and an undeclared speaker. */
const LEAKY = transcript({ middle: ['[00:06:00] C: Jane Doe and SØREN came; write to jd@example.org.', 'Theraist: Anything else?'] });

type Json = { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as Json).files.flatMap((f) => f.findings.map((x) => x.ruleId));

describe('session-md lint --rules and the pii rules', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('--rules pii reports only the pii findings, exits 1 for them and 0 when only other rules fail', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': PII_CONFIG, 'private/names.txt': NAMES, 'private/pseudonyms.yaml': PSEUDONYMS, 'leaky.session.md': LEAKY });
    const all = await runCli(['lint', '-f', 'json'], ws.dir);
    assert.deepEqual(ruleIds(all.stdout).sort(), ['pii-email', 'pii-name', 'pii-name', 'speaker-undeclared']);
    const pii = await runCli(['lint', '--rules', 'pii', '-f', 'json'], ws.dir);
    assert.equal(pii.code, 1);
    assert.deepEqual(ruleIds(pii.stdout), ['pii-name', 'pii-name', 'pii-email']);
    const one = await runCli(['lint', '--rules', ' pii-email , speaker-undeclared', '-f', 'json'], ws.dir);
    assert.deepEqual(ruleIds(one.stdout).sort(), ['pii-email', 'speaker-undeclared']);

    writeFileSync(ws.path('leaky.session.md'), transcript({ middle: ['Theraist: Anything else?'] }));
    const clean = await runCli(['lint', '--rules', 'pii'], ws.dir);
    assert.deepEqual([clean.code, clean.stdout], [0, 'No problems found in 1 file.\n']);
    assert.equal((await runCli(['lint'], ws.dir)).code, 1, 'the full lint still fails on the undeclared speaker');
  });

  it('rejects an unknown rule name with exit code 2, naming it and listing the valid names', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript() });
    for (const value of ['pii,pii-emial', '']) {
      const { code, stdout, stderr } = await runCli(['lint', '--rules', value], ws.dir);
      assert.equal(code, 2, value);
      assert.equal(stdout, '');
      assert.match(stderr, /valid names are pii \(group\), front-matter-invalid, .*pii-email, pii-phone, pii-url, pii-id-number, pii-date, pii-name/);
    }
    assert.match((await runCli(['lint', '--rules', 'pii,pii-emial'], ws.dir)).stderr, /unknown rule in --rules: 'pii-emial'/);
    assert.match((await runCli(['lint', '--help'], ws.dir)).stdout, /--rules <list> +Run only these rules/);
  });

  it('keeps a rule the config turns off off, even when --rules names it', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': 'rules:\n  pii-email: off\n', 'a.session.md': LEAKY });
    const result = await runCli(['lint', '--rules', 'pii-email'], ws.dir);
    assert.deepEqual([result.code, result.stdout], [0, 'No problems found in 1 file.\n']);
  });

  it('--fix writes the mapped pseudonyms and leaves every other finding, and all other text, as it was', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': PII_CONFIG, 'private/names.txt': NAMES, 'private/pseudonyms.yaml': PSEUDONYMS, 'leaky.session.md': LEAKY });
    const result = await runCli(['lint', '--fix', '--rules', 'pii', '-f', 'json'], ws.dir);
    assert.equal(result.code, 1, 'the unmapped name and the address are still errors');
    assert.equal(readFileSync(ws.path('leaky.session.md'), 'utf8'), LEAKY.replace('Jane Doe and', 'Client A and'));
    assert.deepEqual(ruleIds(result.stdout), ['pii-name', 'pii-email']);
    assert.equal((await runCli(['lint', '--fix', '--rules', 'pii'], ws.dir)).code, 1);
    assert.equal(readFileSync(ws.path('leaky.session.md'), 'utf8'), LEAKY.replace('Jane Doe and', 'Client A and'), 'a second --fix changes nothing');
  });

  it('never prints the text it found, in any format', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': PII_CONFIG, 'private/names.txt': NAMES, 'private/pseudonyms.yaml': PSEUDONYMS, 'leaky.session.md': LEAKY });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const { code, stdout, stderr } = await runCli(['lint', '--rules', 'pii', '-f', format], ws.dir);
      assert.equal(code, 1, format);
      assert.match(stdout, /E-mail address in turn 4/, format);
      for (const secret of [/jane/i, /søren/i, /jd@example/]) assert.doesNotMatch(stdout + stderr, secret, format);
    }
  });

  it('reports a missing name list and a malformed pseudonym map as config errors at their positions, without quoting them', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': PII_CONFIG, 'private/pseudonyms.yaml': PSEUDONYMS, 'a.session.md': transcript() });
    const missing = await runCli(['lint'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^session-md: \.sessionmdrc\.yaml:2:10: invalid config: cannot read the name list 'private\/names\.txt' \(pii\.names\): file not found$/m,
    );

    writeFileSync(ws.path('private/names.txt'), NAMES);
    writeFileSync(ws.path('private/pseudonyms.yaml'), 'Jane Doe: Client A\nSøren:\n  - Partner S\n');
    const malformed = await runCli(['lint'], ws.dir);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^session-md: private\/pseudonyms\.yaml:3:3: invalid config: each pseudonym should be non-empty text$/m);
    assert.doesNotMatch(malformed.stderr, /Søren|Partner/);
    writeFileSync(ws.path('private/pseudonyms.yaml'), '- Jane Doe\n');
    assert.match(
      (await runCli(['lint'], ws.dir)).stderr,
      /private\/pseudonyms\.yaml:1:1: invalid config: the pseudonym map should be a YAML mapping of 'real text: pseudonym'/,
    );
  });

  it('with --cache, re-lints when the name list changes or --rules differs', async () => {
    ws = makeWorkspace({ '.sessionmdrc.yaml': PII_CONFIG, 'private/names.txt': '# nobody yet\n', 'private/pseudonyms.yaml': '', 'a.session.md': LEAKY });
    assert.deepEqual(ruleIds((await runCli(['lint', '--cache', '--rules', 'pii', '-f', 'json'], ws.dir)).stdout), ['pii-email']);
    writeFileSync(ws.path('private/names.txt'), NAMES);
    assert.deepEqual(ruleIds((await runCli(['lint', '--cache', '--rules', 'pii', '-f', 'json'], ws.dir)).stdout), ['pii-name', 'pii-name', 'pii-email']);
    assert.deepEqual(ruleIds((await runCli(['lint', '--cache', '-f', 'json'], ws.dir)).stdout).sort(), [
      'pii-email',
      'pii-name',
      'pii-name',
      'speaker-undeclared',
    ]);
  });

  it('passes --rules to worker threads', async () => {
    assert.ok(existsSync(WORKER_SCRIPT), 'dist/lintWorker.js is missing: run `npm run build` first');
    const files: Record<string, string> = { '.sessionmdrc.yaml': PII_CONFIG, 'private/names.txt': NAMES, 'private/pseudonyms.yaml': PSEUDONYMS };
    for (let i = 0; i < 4; i++) files[`s${i}.session.md`] = LEAKY;
    ws = makeWorkspace(files);
    const inThread = await runWith(['lint', '--rules', 'pii', '-f', 'json'], ws.dir);
    const onWorkers = await runWith(['lint', '--rules', 'pii', '-f', 'json'], ws.dir, { threads: { script: WORKER_SCRIPT, count: 2, always: true } });
    assert.deepEqual(onWorkers, inThread);
    assert.deepEqual([...new Set(ruleIds(onWorkers.stdout))], ['pii-name', 'pii-email']);
  });
});
