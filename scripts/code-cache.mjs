// Trains the V8 code caches of the CLI's bundles (see src/cli/bin/loadBundle.ts): runs the built
// CLI as a user would, on examples/, with scripts/code-cache-hook.cjs preloaded, which writes each
// bundle's cache (the bytecode of every function the run compiled) when the run ends. Run by
// `npm run build`; a cache that cannot be made is left out, and the CLI compiles as before.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOOK = join(ROOT, 'scripts', 'code-cache-hook.cjs');

// Which run trains which bundle: lint in one thread (the main bundle), lint on two worker threads
// (the worker bundle) and a command of the other bundle.
const TRAININGS = [
  { bundle: 'cli.bundle.js', args: ['lint', 'examples'], threads: '1' },
  { bundle: 'lintWorker.bundle.js', args: ['lint', 'examples'], threads: '2' },
  { bundle: 'commands.bundle.js', args: ['stats', 'examples'], threads: '1' },
];

/** Writes dist/<bundle>.cache for each CLI bundle; returns the bundles whose cache could not be made. */
export async function trainCodeCaches() {
  const failed = [];
  for (const { bundle, args, threads } of TRAININGS) {
    const cache = join(ROOT, 'dist', `${bundle}.cache`);
    rmSync(cache, { force: true });
    // A plain `node`: V8 turns a cache down when the flags it was made with differ, so NODE_OPTIONS is left out.
    const env = { ...process.env, SESSION_MD_TRAIN_BUNDLE: bundle, SESSION_MD_THREADS: threads, NO_COLOR: '1' };
    delete env.NODE_OPTIONS;
    delete env.SESSION_MD_CODE_CACHE;
    const run = spawnSync(process.execPath, ['--require', HOOK, join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (run.status === null || run.status > 1 || !existsSync(cache))
      failed.push(`${bundle} (${args.join(' ')}: exit ${run.status ?? run.signal}${run.stderr ? `, ${run.stderr.trim().split('\n')[0]}` : ''})`);
  }
  if (failed.length > 0) console.warn(`code cache: not made for ${failed.join('; ')}; the CLI compiles them at start instead`);
  return failed;
}
