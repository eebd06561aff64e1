import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { makeWorkspace, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: HANG_MS });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The bundled executable, as CI runs it: `npm test` builds dist/ before mocha starts.
describe('node dist/cli.js', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  before(function () {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    ws = makeWorkspace({
      'clean/a.session.md': transcript(),
      'dirty/b.session.md': transcript({ middle: ['Theraist: And how was the week?', '[00:04:00] C: Fine. {neutral}'] }),
    });
  });
  after(() => ws.dispose());

  it('is an executable script with a shebang, and prints its version', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const { code, stdout } = cli(['--version'], ws.dir);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('exits 0 on clean files and 1 on errors, in every format', () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      assert.equal(cli(['lint', '-f', format, 'clean'], ws.dir).code, 0, format);
      const dirty = cli(['lint', '-f', format, 'dirty'], ws.dir);
      assert.equal(dirty.code, 1, format);
      assert.match(dirty.stdout, /speaker-undeclared/, format);
      assert.match(dirty.stdout, /timestamp-order/, format);
    }
  });

  it('prints parseable JSON and SARIF', () => {
    const json = JSON.parse(cli(['lint', '-f', 'json', 'dirty'], ws.dir).stdout);
    assert.deepEqual(
      json.files[0].findings.map((f: { ruleId: string }) => f.ruleId),
      ['speaker-undeclared', 'timestamp-order'],
    );
    const sarif = JSON.parse(cli(['lint', '-f', 'sarif', 'dirty'], ws.dir).stdout);
    assert.equal(sarif.runs[0].results.length, 2);
  });

  it('prints one GitHub annotation a finding', () => {
    const lines = cli(['lint', '-f', 'github', 'dirty'], ws.dir).stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^::error file=dirty\/b\.session\.md,line=21,endLine=21,col=1,endColumn=9,title=speaker-undeclared::/);
    assert.match(lines[1]!, /^::warning file=dirty\/b\.session\.md,line=22,/);
  });

  it('prints the usage to stderr with exit 2 when run without a command, and to stdout for --help', () => {
    const bare = cli([], ws.dir);
    assert.deepEqual([bare.code, bare.stdout], [2, '']);
    assert.match(bare.stderr, /^Usage: session-md <command>/);
    const help = cli(['--help'], ws.dir);
    assert.deepEqual([help.code, help.stderr], [0, '']);
    assert.match(help.stdout, /^Usage: session-md <command>/);
  });

  it('exits 2 on a usage error without a stack trace', () => {
    const { code, stderr } = cli(['lint', '--format', 'xml'], ws.dir);
    assert.equal(code, 2);
    assert.equal(stderr, "session-md: unknown format 'xml'; use one of stylish, json, sarif, github\nRun 'session-md --help' for usage.\n");
  });
});
