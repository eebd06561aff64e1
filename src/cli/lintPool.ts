import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Linter } from '../core';
import type { CliLinterOptions } from './cliLinter';
import type { CliHost } from './host';
import type { ThreadOptions } from './io';
import { lintFile, writeFix, type FileOutcome, type LintFileOptions } from './lintFile';

// Spreads a large lint over worker threads: the main thread selects the files, each worker pulls the
// next index from a shared counter (a queue, so a slow file does not hold up a static share), lints it
// and posts back a plain FileOutcome; the outcomes are put back in the order of the files.
// With --fix, workers fix in memory and this thread writes, so every temporary file is this
// thread's to remove when a signal stops the run (see main.ts).

/**
 * Inputs of at least this many bytes are linted on worker threads. Measured on two cores (`npm run
 * bench`, docs/performance.md): one thread is faster up to 48 transcripts of 344 KB (16.5 MB), two
 * workers from 64 (22 MB); V8's garbage collector already keeps the second core busy.
 */
export const WORKER_MIN_BYTES = 20_000_000;

/**
 * The worker threads `SESSION_MD_THREADS` asks for: 1 (or 0) lints in this thread, n >= 2 uses n
 * workers whatever the input's size (at most one per file, at most 64); unset, or anything but a
 * whole number, leaves it to the input's size and the cores (`npm run bench` compares both ways).
 */
export function threadsFromEnvironment(value: string | undefined): ThreadOptions {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return {};
  const count = Math.min(Number(value), 64);
  return count < 2 ? { count: 1 } : { count, always: true };
}

/** What every worker needs to rebuild the linter and lint its share. */
export interface LintJob extends LintFileOptions {
  files: string[];
  /** For each file, the folder its fix may be written in (see `rootForPath`); by default the file's own folder. */
  roots?: string[];
  linter: CliLinterOptions;
  builtinCodebookDir?: string;
}

/** The message a worker posts: one file's outcome, or why it stopped. */
export type WorkerMessage = { index: number; outcome: FileOutcome } | { error: string };

/** The bundled worker beside the running bundle (dist/lintWorker.js beside dist/cli.js); undefined when running from source. */
export function defaultWorkerScript(): string | undefined {
  const script = join(__dirname, 'lintWorker.js');
  return existsSync(script) ? script : undefined;
}

/** How many worker threads a lint of these files should use; 0 means lint in this thread. */
export async function workerCount(files: string[], host: CliHost, threads: ThreadOptions = {}): Promise<number> {
  const script = threads.script ?? defaultWorkerScript();
  const count = Math.min(threads.count ?? availableParallelism(), files.length);
  if (script === undefined || count < 2) return 0;
  if (threads.always) return count;
  let bytes = 0;
  for (const file of files) bytes += (await host.stat(file))?.size ?? 0;
  return bytes >= WORKER_MIN_BYTES ? count : 0;
}

/** Lints the job's files, on `count` workers running `script` or (with a count below 2) in this thread with `linter` through `host`, in file order; fixes are written through `host`. */
export async function lintFiles(job: LintJob, host: CliHost, linter: Linter, count: number, script = defaultWorkerScript()): Promise<FileOutcome[]> {
  const write = (index: number, outcome: FileOutcome): Promise<FileOutcome> =>
    writeFix(job.files[index]!, outcome, host, job.roots?.[index] ?? dirname(job.files[index]!));
  if (count < 2 || script === undefined) {
    const outcomes: FileOutcome[] = [];
    for (const [index, file] of job.files.entries()) outcomes.push(await write(index, await lintFile(file, host, linter, job)));
    return outcomes;
  }
  // Fixes are written one at a time as their outcomes arrive, so no fixed text waits for the whole run.
  let writes = Promise.resolve();
  const written = new Array<FileOutcome | undefined>(job.files.length);
  const outcomes = await lintOnWorkers(job, script, count, (index, outcome) => {
    if (outcome.fix) writes = writes.then(async () => void (written[index] = await write(index, outcome)));
  });
  await writes;
  return outcomes.map((outcome, index) => written[index] ?? outcome);
}

function lintOnWorkers(job: LintJob, script: string, count: number, onOutcome: (index: number, outcome: FileOutcome) => void): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome | undefined>(job.files.length);
  const counter = new SharedArrayBuffer(4);
  const workers: Worker[] = [];
  return new Promise<FileOutcome[]>((resolve, reject) => {
    let running = count;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    for (let i = 0; i < count; i++) {
      // A 48 MB young generation: as fast as 96 MB on the corpus, with 320-330 MB peak memory instead of 390-450 (docs/performance.md).
      const worker = new Worker(script, { workerData: { job, counter }, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      workers.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if ('error' in message) fail(new Error(message.error));
        else {
          outcomes[message.index] = message.outcome;
          onOutcome(message.index, message.outcome);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (failed) return;
        if (code !== 0) return fail(new Error(`a lint worker stopped with exit code ${code}`));
        if (--running > 0) return;
        const missing = outcomes.findIndex((o) => o === undefined);
        if (missing >= 0) fail(new Error(`no lint result for ${job.files[missing]}`));
        else resolve(outcomes as FileOutcome[]);
      });
    }
  });
}
