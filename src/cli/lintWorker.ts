// The entry of a lint worker thread (bundled as dist/lintWorker.js): pulls file indexes from the
// shared counter until none are left, lints each file and posts its plain outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import { linterFrom } from './cliLinter';
import { lintFile } from './lintFile';
import type { LintJob, WorkerMessage } from './lintPool';
import { nodeReader } from './nodeFiles';

const { job, counter } = workerData as { job: LintJob; counter: SharedArrayBuffer };
const next = new Int32Array(counter);

async function work(): Promise<void> {
  // A worker reads through Node's own file system: `run()` starts workers only when told to (`threads`).
  const host = nodeReader(job.builtinCodebookDir);
  const linter = linterFrom(job.linter, host);
  for (let index = Atomics.add(next, 0, 1); index < job.files.length; index = Atomics.add(next, 0, 1)) {
    const outcome = await lintFile(job.files[index]!, host, linter, job);
    parentPort!.postMessage({ index, outcome } satisfies WorkerMessage);
  }
}

work().catch((error: unknown) => {
  parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage);
});
