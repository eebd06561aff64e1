import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { HANG_MS } from '../support/limits';
import { makeWorkspace, transcript } from '../support/workspace';

// The CLI's bundles run with the V8 code cache `npm run build` trains (src/cli/bin/loadBundle.ts,
// docs/performance.md "The code cache"). Whether it is used or not, the CLI does the same.

const BUNDLES = ['cli.bundle.js', 'lintWorker.bundle.js', 'commands.bundle.js'];

// A plain `node`, as a user runs the CLI: V8 turns a cache down under other flags.
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env['NODE_OPTIONS'];
  delete env['SESSION_MD_CODE_CACHE'];
  return env;
}

function probe(dist: string, bundle: string, v8Flags: string[] = []): string {
  const script = `process.stdout.write(require(${JSON.stringify(join(dist, 'loadBundle.js'))}).probeCodeCache(${JSON.stringify(join(dist, bundle))}))`;
  const result = spawnSync(process.execPath, [...v8Flags, '-e', script], { encoding: 'utf8', env: plainEnv(), timeout: HANG_MS });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function cli(dist: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: plainEnv(env), timeout: HANG_MS });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the code cache of the CLI bundles', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  before(function () {
    assert.ok(existsSync(join(ROOT, 'dist', 'loadBundle.js')), 'dist/ is missing: run `npm run build` first');
    ws = makeWorkspace({
      'sessions/a.session.md': transcript(),
      'sessions/b.session.md': transcript({ middle: ['Theraist: And how was the week?', '[00:04:00] C: Fine. {neutral}'] }),
    });
    // A copy of dist/ (and the codebooks beside it) to break caches in.
    cpSync(join(ROOT, 'dist'), ws.path('copy/dist'), { recursive: true, filter: (path) => !path.endsWith('.map') });
    cpSync(join(ROOT, 'codebooks'), ws.path('copy/codebooks'), { recursive: true });
  });
  after(() => ws.dispose());

  for (const bundle of BUNDLES)
    it(`npm run build trained a cache that V8 takes for ${bundle}`, () => {
      assert.equal(probe(join(ROOT, 'dist'), bundle), 'used');
    });

  it('lints the same with and without the cache, in one thread and on workers', () => {
    for (const threads of ['1', '2']) {
      const withCache = cli(join(ROOT, 'dist'), ['lint', 'sessions'], ws.dir, { SESSION_MD_THREADS: threads });
      const without = cli(join(ROOT, 'dist'), ['lint', 'sessions'], ws.dir, { SESSION_MD_THREADS: threads, SESSION_MD_CODE_CACHE: 'off' });
      assert.equal(withCache.code, 1, withCache.stderr);
      assert.match(withCache.stdout, /speaker-undeclared/);
      assert.deepEqual(withCache, without, `threads ${threads}`);
    }
    const stats = cli(join(ROOT, 'dist'), ['stats', 'sessions', '-f', 'json'], ws.dir);
    assert.equal(stats.code, 0, stats.stderr);
    assert.deepEqual(stats, cli(join(ROOT, 'dist'), ['stats', 'sessions', '-f', 'json'], ws.dir, { SESSION_MD_CODE_CACHE: 'off' }));
  });

  it('is turned down by V8 under other V8 flags (as under another Node version), and the CLI runs as before', () => {
    assert.equal(probe(join(ROOT, 'dist'), 'cli.bundle.js', ['--max-lazy']), 'rejected');
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, join(ROOT, 'dist', 'cli.js'), 'lint', 'sessions'], {
        cwd: ws.dir,
        encoding: 'utf8',
        env: plainEnv(),
        timeout: HANG_MS,
      });
    const plain = run([]);
    const flagged = run(['--max-lazy']);
    assert.equal(plain.status, 1);
    assert.deepEqual([flagged.status, flagged.stdout, flagged.stderr], [plain.status, plain.stdout, plain.stderr]);
  });

  it('leaves out a cache made from other bytes, a broken one or a missing one, and runs as before', () => {
    const dist = ws.path('copy/dist');
    const expected = cli(join(ROOT, 'dist'), ['lint', 'sessions'], ws.dir);
    assert.equal(probe(dist, 'cli.bundle.js'), 'used');

    // The same length, one byte different: V8 alone would take the cache (it checks only the length).
    const bundle = join(dist, 'cli.bundle.js');
    const original = readFileSync(bundle, 'utf8');
    const at = original.indexOf('Internal error in rule');
    assert.ok(at > 0);
    writeFileSync(bundle, `${original.slice(0, at)}internal${original.slice(at + 'Internal'.length)}`);
    assert.equal(probe(dist, 'cli.bundle.js'), 'stale');
    assert.deepEqual(cli(dist, ['lint', 'sessions'], ws.dir), expected);
    writeFileSync(bundle, original);

    const cache = join(dist, 'cli.bundle.js.cache');
    const good = readFileSync(cache);
    // Damaged V8 data would crash the process (V8 does not check it): the loader's checksum keeps it out.
    const damaged = Buffer.from(good);
    damaged.fill(7, 200);
    writeFileSync(cache, damaged);
    assert.equal(probe(dist, 'cli.bundle.js'), 'stale');
    assert.deepEqual(cli(dist, ['lint', 'sessions'], ws.dir), expected);

    writeFileSync(cache, good.subarray(0, 20));
    assert.equal(probe(dist, 'cli.bundle.js'), 'stale');
    copyFileSync(join(dist, 'loadBundle.js'), cache);
    assert.equal(probe(dist, 'cli.bundle.js'), 'stale');
    assert.deepEqual(cli(dist, ['lint', 'sessions'], ws.dir), expected);
  });

  it('runs without caches, as when they could not be made', () => {
    const dist = ws.path('bare/dist');
    cpSync(join(ROOT, 'dist'), dist, { recursive: true, filter: (path) => !path.endsWith('.map') && !path.endsWith('.cache') });
    cpSync(join(ROOT, 'codebooks'), ws.path('bare/codebooks'), { recursive: true });
    assert.equal(probe(dist, 'cli.bundle.js'), 'missing');
    const expected = cli(join(ROOT, 'dist'), ['lint', 'sessions'], ws.dir, { SESSION_MD_THREADS: '2' });
    assert.deepEqual(cli(dist, ['lint', 'sessions'], ws.dir, { SESSION_MD_THREADS: '2' }), expected);
    assert.equal(cli(dist, ['--version'], ws.dir).code, 0);
  });

  it('is switched off by SESSION_MD_CODE_CACHE=off', () => {
    const script = `process.stdout.write(require(${JSON.stringify(join(ROOT, 'dist', 'loadBundle.js'))}).probeCodeCache(${JSON.stringify(join(ROOT, 'dist', 'cli.bundle.js'))}))`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...plainEnv(), SESSION_MD_CODE_CACHE: 'off' }, timeout: HANG_MS });
    assert.equal(result.stdout, 'off');
  });
});
