import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { linterFrom } from '../../src/cli/cliLinter';
import { lintFiles, threadsFromEnvironment, workerCount, WORKER_MIN_BYTES } from '../../src/cli/lintPool';
import { createNodeHost } from '../../src/cli/nodeHost';
import { mixedWorkspaceFiles, runWith, WORKER_SCRIPT } from '../support/lintRun';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

// `session-md lint` spreads large inputs over worker threads; what it reports must not change.
const THREADS = { script: WORKER_SCRIPT, count: 3, always: true };
const FORMATS = ['stylish', 'json', 'sarif', 'github'];

// What a run printed, with the workspace's own folder (inside some messages) made neutral.
function printed(result: { code: number | null; stdout: string; stderr: string }, dir: string): unknown {
  const neutral = (s: string) => s.split(dir).join('<ws>');
  return { code: result.code, stdout: neutral(result.stdout), stderr: neutral(result.stderr) };
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else files[relative(dir, join(d, entry.name))] = readFileSync(join(d, entry.name), 'latin1');
    }
  };
  walk(dir);
  return files;
}

describe('session-md lint on worker threads', function () {
  let single: ReturnType<typeof makeWorkspace>;
  let threaded: ReturnType<typeof makeWorkspace>;
  before(() => assert.ok(existsSync(WORKER_SCRIPT), 'dist/lintWorker.js is missing: run `npm run build` first'));
  beforeEach(() => {
    single = makeWorkspace(mixedWorkspaceFiles(transcript));
    threaded = makeWorkspace(mixedWorkspaceFiles(transcript));
  });
  afterEach(() => {
    single.dispose();
    threaded.dispose();
  });

  it('uses workers for 20 MB or more, one per core at most one per file, and none without the bundled worker', async () => {
    const ws = single;
    const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    const files = readdirSync(ws.path('a')).map((f) => ws.path(`a/${f}`));
    assert.ok(files.length >= 8);
    assert.equal(await workerCount(files, host, { script: WORKER_SCRIPT, count: 2 }), 0, 'many small files: this thread');
    assert.equal(await workerCount(files.slice(0, 3), host, { script: WORKER_SCRIPT, count: 4, always: true }), 3, 'at most one worker per file');
    const line = 'C: A line of a long session. {neutral}';
    writeFileSync(ws.path('a/long.session.md'), transcript({ middle: Array.from({ length: Math.ceil(WORKER_MIN_BYTES / 2 / line.length) }, () => line) }));
    assert.equal(await workerCount([ws.path('a/long.session.md'), files[0]!], host, { script: WORKER_SCRIPT, count: 2 }), 0, 'half of it: this thread');
    writeFileSync(ws.path('a/long-2.session.md'), readFileSync(ws.path('a/long.session.md')));
    const long = [ws.path('a/long.session.md'), ws.path('a/long-2.session.md'), files[0]!];
    assert.equal(await workerCount(long, host, { script: WORKER_SCRIPT, count: 2 }), 2, '20 MB or more');
    assert.equal(await workerCount(long, host, { script: WORKER_SCRIPT, count: 1 }), 0, 'one core: this thread');
    assert.equal(await workerCount(long, host, {}), 0, 'running from source there is no bundled worker beside this file');
  });

  it('reports exactly what a single thread reports, in every format, with errors, codebook problems, library conflicts, course findings and a broken config', async () => {
    for (const format of FORMATS) {
      const args = ['lint', '-f', format, '.'];
      const one = printed(await runWith(args, single.dir), single.dir);
      const many = printed(await runWith(args, threaded.dir, { threads: THREADS }), threaded.dir);
      assert.deepEqual(many, one, format);
    }
    const json = JSON.parse((await runWith(['lint', '-f', 'json'], threaded.dir, { threads: THREADS })).stdout) as {
      files: { path: string; findings: { ruleId: string }[] }[];
    };
    const rules = new Set(json.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    for (const rule of [
      'speaker-undeclared',
      'goal-undeclared',
      'code-unknown',
      'file-invalid',
      'codebook-invalid',
      'codebook-conflict',
      'timestamp-order',
      'goal-regressed',
    ])
      assert.ok(rules.has(rule), rule);
    const { stderr, code } = await runWith(['lint'], threaded.dir, { threads: THREADS });
    assert.match(stderr, /broken\/\.sessionmdrc\.yaml:2:3: invalid config: Unknown key 'goal-unsued'/);
    assert.equal(stderr.match(/goal-unsued/g)!.length, 1, 'the broken config is reported once');
    assert.equal(code, 2);
  });

  it('fixes the same files the same way, atomically, and reports what is left', async () => {
    const one = printed(await runWith(['lint', '--fix'], single.dir), single.dir);
    const many = printed(await runWith(['lint', '--fix'], threaded.dir, { threads: THREADS }), threaded.dir);
    assert.deepEqual(many, one);
    assert.deepEqual(tree(threaded.dir), tree(single.dir));
    const fixed = readFileSync(threaded.path('a/fixable-crlf.session.md'), 'utf8');
    assert.ok(fixed.startsWith('\uFEFF---\r\n') && fixed.includes('  - id: work\r\n'), 'the BOM and CRLF are kept');
    assert.match(readFileSync(threaded.path('a/fixable.session.md'), 'utf8'), /- id: mood/);
    assert.deepEqual(
      Object.keys(tree(threaded.dir)).filter((f) => f.includes('.sessionmd-tmp-')),
      [],
      'no temporary file left behind',
    );
  });

  it('is what node dist/cli.js does by itself', async () => {
    const cli = join(ROOT, 'dist', 'cli.js');
    for (const format of ['stylish', 'json']) {
      const spawned = spawnSync(process.execPath, [cli, 'lint', '-f', format], { cwd: threaded.dir, encoding: 'utf8', timeout: HANG_MS });
      const one = printed(await runWith(['lint', '-f', format], single.dir), single.dir);
      assert.deepEqual(printed({ code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }, threaded.dir), one, format);
    }
  });

  it('lints in one thread with SESSION_MD_THREADS=1 and on that many workers with 2 or more, printing the same', async () => {
    assert.deepEqual(threadsFromEnvironment(undefined), {});
    assert.deepEqual(threadsFromEnvironment('two'), {}, 'not a whole number: the input decides');
    assert.deepEqual(threadsFromEnvironment('0'), { count: 1 });
    assert.deepEqual(threadsFromEnvironment('1'), { count: 1 });
    assert.deepEqual(threadsFromEnvironment(' 3 '), { count: 3, always: true });
    assert.deepEqual(threadsFromEnvironment('1000'), { count: 64, always: true });
    const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    const files = readdirSync(threaded.path('a')).map((f) => threaded.path(`a/${f}`));
    assert.equal(await workerCount(files, host, { script: WORKER_SCRIPT, ...threadsFromEnvironment('1') }), 0);
    assert.equal(await workerCount(files.slice(0, 2), host, { script: WORKER_SCRIPT, ...threadsFromEnvironment('2') }), 2);
    const cli = join(ROOT, 'dist', 'cli.js');
    const one = printed(await runWith(['lint', '-f', 'json'], single.dir), single.dir);
    for (const threads of ['1', '2']) {
      const spawned = spawnSync(process.execPath, [cli, 'lint', '-f', 'json'], {
        cwd: threaded.dir,
        encoding: 'utf8',
        timeout: HANG_MS,
        env: { ...process.env, SESSION_MD_THREADS: threads },
      });
      assert.deepEqual(printed({ code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }, threaded.dir), one, threads);
    }
  });

  it('fails with the worker’s error rather than hanging or dropping files', async () => {
    const bad = join(threaded.dir, 'bad-worker.js');
    writeFileSync(bad, "throw new Error('the worker broke');\n");
    const job = {
      files: [threaded.path('a/clean-1.session.md'), threaded.path('a/clean-2.session.md')],
      fix: false,
      hash: false,
      linter: { libraries: { workspace: [] } },
    };
    const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    await assert.rejects(lintFiles(job, host, linterFrom(job.linter, host), 2, bad), /the worker broke/);
  });
});
