import type { ParseCounter } from '../core';
import type { CliHost } from './host';

/** Where the CLI writes; a process stream or a test's collector. */
export interface Output {
  write(chunk: string): unknown;
}

/** The worker threads a large `lint` may use, and when (tests point `script` at the bundle and may force them). */
export interface ThreadOptions {
  /** The bundled worker entry; default `lintWorker.js` beside the running bundle, if it is there. */
  script?: string;
  /** How many workers at most; default `os.availableParallelism()`. */
  count?: number;
  /** Use workers whatever the input's size (still at most one per file). */
  always?: boolean;
}

/** Everything `run()` needs from its caller: arguments, folder, streams and the one host every file goes through. */
export interface RunOptions {
  argv: string[];
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** Every file the CLI reads or writes goes through it (see host.ts); `main.ts` passes Node's (`createNodeHost`). */
  host: CliHost;
  /**
   * Lets `lint` spread a large input over worker threads; without it every file is linted in this
   * thread. Workers read through Node's own file system, not `host`: pass it only with a Node host.
   */
  threads?: ThreadOptions;
  color?: boolean;
  /** The terminal's width in columns, when stdout is one; tables fit into it. */
  columns?: number;
  /** Counts the transcripts parsed in this thread (tests prove a warm cache parses nothing). */
  parseCounter?: ParseCounter;
}

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O error. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

/** A usage mistake: reported with a hint, never as a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether `error` is a UsageError, also one thrown by the other bundle of the built CLI (dist/commands.js has its own copy of this class). */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}
