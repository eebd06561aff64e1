import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { LINT_USAGE } from '../../src/cli/lint';
import { ROOT } from '../support/paths';
import { makeWorkspace, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

// The GitHub Actions workflow shipped in docs/ci/session-md.yml: valid YAML with the expected
// steps, and its shell steps, run here against a transcripts repository, do what the doc says.
const WORKFLOW = join(ROOT, 'docs', 'ci', 'session-md.yml');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

describe('the GitHub Actions workflow in docs/ci/session-md.yml', function () {
  const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs)[0]!.steps;
  const step = (test: (s: Step) => boolean): Step => {
    const found = steps.find(test);
    assert.ok(found, 'step missing');
    return found;
  };
  const pii = step((s) => /session-md lint --rules pii --format github/.test(s.run ?? ''));
  const sarif = step((s) => /session-md lint --format sarif > \S+/.test(s.run ?? ''));
  const upload = step((s) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(s.uses ?? ''));
  const restore = step((s) => /private\/names\.txt/.test(s.run ?? ''));

  it('checks out, sets up Node, gates on the pii rules and uploads a full lint as SARIF', () => {
    assert.ok('pull_request' in workflow.on && 'push' in workflow.on);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'security-events': 'write' });
    const order = [(s: Step) => /^actions\/checkout@v\d+$/.test(s.uses ?? ''), (s: Step) => /^actions\/setup-node@v\d+$/.test(s.uses ?? '')].map((t) =>
      steps.findIndex(t),
    );
    assert.ok(order.every((i) => i >= 0) && order[0]! < order[1]!, 'checkout, then setup-node');
    assert.ok(steps.indexOf(restore) < steps.indexOf(pii) && steps.indexOf(pii) < steps.indexOf(sarif) && steps.indexOf(sarif) < steps.indexOf(upload));
    const file = /> (\S+)/.exec(sarif.run!)![1];
    assert.equal(upload.with?.['sarif_file'], file);
    // The SARIF steps still run when the pii step has failed the job.
    for (const s of [sarif, upload]) assert.match(s.if ?? '', /!cancelled\(\)|always\(\)/);
  });

  it('never gates on lint --cache, and the docs and --help say why (a restored or committed cache can be forged)', () => {
    for (const s of steps) {
      assert.doesNotMatch(s.run ?? '', /--cache/, `step ${s.name ?? s.uses}`);
      assert.doesNotMatch(JSON.stringify(s.with ?? {}), /sessionmd-cache/, `step ${s.name ?? s.uses} restores no lint cache`);
    }
    const notAGate = /--cache[^\n]*\bnot (?:be used as|for) a CI gate/i;
    assert.match(readFileSync(join(ROOT, 'docs', 'confidentiality.md'), 'utf8'), notAGate);
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), notAGate);
    assert.doesNotMatch(readFileSync(join(ROOT, 'README.md'), 'utf8'), /lint --cache +# CI/, 'the README no longer suggests --cache for CI');
    assert.match(LINT_USAGE, /--cache[\s\S]*not\s+for a CI gate/);
  });

  it('fails on identifying details with annotations, writes SARIF without the text found, and fails on usage errors', () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const ws = makeWorkspace({
      '.sessionmdrc.yaml': 'pii:\n  names: private/names.txt\n  pseudonyms: private/pseudonyms.yaml\n',
      'C-017/01.session.md': transcript({ middle: ['[00:06:00] C: Jane Doe came too; mail jd@example.org.', 'Theraist: Anything else?'] }),
    });
    try {
      // `npx --no-install session-md …` runs this build.
      mkdirSync(ws.path('bin'));
      writeFileSync(ws.path('bin/npx'), `#!/bin/sh\nwhile [ "$1" != session-md ]; do shift; done\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
      chmodSync(ws.path('bin/npx'), 0o755);
      const env = { ...process.env, PATH: `${ws.path('bin')}${delimiter}${process.env['PATH'] ?? ''}` };
      const sh = (s: Step, extra: Record<string, string> = {}) =>
        spawnSync('sh', ['-e', '-c', s.run!], { cwd: ws.dir, env: { ...env, ...extra }, encoding: 'utf8', timeout: HANG_MS });

      assert.equal(sh(restore, { NAMES: 'Jane Doe', PSEUDONYMS: 'Jane Doe: Client A' }).status, 0);
      const gate = sh(pii);
      assert.equal(gate.status, 1);
      assert.deepEqual(
        gate.stdout
          .trimEnd()
          .split('\n')
          .map((l) => /^::error file=([^,]+),.*title=([\w-]+)::/.exec(l)?.slice(1).join(' ')),
        ['C-017/01.session.md pii-name', 'C-017/01.session.md pii-email'],
      );

      const full = sh(sarif);
      assert.equal(full.status, 0, 'findings (exit code 1) do not fail the SARIF step');
      const log = readFileSync(ws.path(String(upload.with?.['sarif_file'])), 'utf8');
      const results = (JSON.parse(log) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results.map((r) => r.ruleId);
      assert.deepEqual(results, ['pii-name', 'pii-email', 'speaker-undeclared']);
      assert.doesNotMatch(log, /Jane|jd@example/);

      writeFileSync(ws.path('.sessionmdrc.yaml'), 'rules:\n  pii-emial: off\n');
      assert.notEqual(sh(sarif).status, 0, 'a broken config (exit code 2) still fails the step');
    } finally {
      ws.dispose();
    }
  });
});
