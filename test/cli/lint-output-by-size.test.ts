import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { corpusSession, smallRunSession } from '../../bench/corpus';
import { requireAnnomi } from '../support/annomi';
import { HANG_MS } from '../support/limits';
import { runWith } from '../support/lintRun';
import { ROOT } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// Whatever the number of files decides (one thread or workers, see the threshold in lintPool.ts), and
// whatever SESSION_MD_THREADS forces, `session-md lint` prints the same findings in the same order,
// byte for byte, on the benchmark corpora: 1, 7, 8 and 20 of their 3,000-turn transcripts.
const SIZES = [1, 7, 8, 20];
const CLI = join(ROOT, 'dist', 'cli.js');

describe('session-md lint prints the same, byte for byte, on one thread and on workers', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let files: string[];
  before(function () {
    requireAnnomi(this);
    // Both corpora of `npm run bench`: the 100-file one (codebook core) and the small runs' (codebook annomi, a code on every turn).
    const texts: Record<string, string> = {};
    for (let i = 0; i < 10; i++) {
      texts[`corpus/core-${String(i).padStart(2, '0')}.session.md`] = corpusSession(i).text;
      texts[`corpus/annomi-${String(i).padStart(2, '0')}.session.md`] = smallRunSession(i).text;
    }
    ws = makeWorkspace(texts);
    files = Object.keys(texts)
      .sort()
      .map((name) => join('corpus', name.slice('corpus/'.length)));
  });
  after(() => ws?.dispose());

  const spawnLint = (args: string[], threads?: string) =>
    spawnSync(process.execPath, [CLI, 'lint', ...args], {
      cwd: ws.dir,
      encoding: 'utf8',
      timeout: HANG_MS,
      maxBuffer: 1 << 28,
      env: threads === undefined ? { ...process.env, SESSION_MD_THREADS: '' } : { ...process.env, SESSION_MD_THREADS: threads },
    });

  for (const size of SIZES) {
    it(`${size} file${size === 1 ? '' : 's'}: as the size decides, in one thread and on two workers`, async () => {
      const chosen = files.slice(0, size);
      for (const format of ['stylish', 'json']) {
        const args = ['-f', format, ...chosen];
        const expected = await runWith(['lint', ...args], ws.dir);
        if (size === 20) assert.match(expected.stdout, /timestamp-order/, 'the corpora have findings to print');
        // Forced one way or the other, in one format: the formats are compared in workers.test.ts.
        for (const threads of format === 'json' ? [undefined, '1', '2'] : [undefined]) {
          const spawned = spawnLint(args, threads);
          assert.equal(spawned.stderr, expected.stderr, `${format}, SESSION_MD_THREADS=${threads ?? ''}`);
          assert.equal(spawned.status, expected.code, `${format}, SESSION_MD_THREADS=${threads ?? ''}`);
          assert.ok(spawned.stdout === expected.stdout, `${format}, SESSION_MD_THREADS=${threads ?? ''}: the output differs`);
        }
      }
    });
  }
});
