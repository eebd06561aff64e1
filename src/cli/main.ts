// The `session-md` executable: connects the process to `run()` and exits with its code.
import { constants } from 'node:os';
import { removeTemporaryFiles } from './atomicWrite';
import { threadsFromEnvironment } from './lintPool';
import { createNodeHost } from './nodeHost';
import { run } from './run';
import { printable } from './terminal';

// Stopped by Ctrl-C, a kill or a closed terminal, the CLI removes the temporary files of writes
// under way (an original is only ever replaced by a rename, so it is whole either way) and exits
// as the signal would have made it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    removeTemporaryFiles();
    process.exit(128 + constants.signals[signal]);
  });
}

run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  host: createNodeHost(),
  // Large inputs are linted on worker threads: the bundled worker beside this file, one per core.
  threads: threadsFromEnvironment(process.env['SESSION_MD_THREADS']),
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
  ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`session-md: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 2;
  },
);
