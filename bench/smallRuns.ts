import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../test/support/paths';
import type { CorpusOnDisk } from './corpus';
import { median, runs, type Timing } from './peers';

// The runs people make most: a pre-commit hook on one to five staged files, CI on twenty, against
// `node -e 0` and markdownlint-cli2 on the same files in the same run; and the worker threshold:
// one thread against workers on 1 to 32 files (SESSION_MD_THREADS forces either). Every command is
// spawned as a user runs it; the rounds take turns, so a busy neighbour slows all alike.

/** Timed runs of each sub-second command, of markdownlint-cli2, and of each step of the worker threshold. */
export const SMALL_RUNS = runs('BENCH_SMALL_RUNS', 11);
export const SMALL_PEER_RUNS = runs('BENCH_SMALL_PEER_RUNS', 3);
export const THRESHOLD_RUNS = runs('BENCH_THRESHOLD_RUNS', 5);
/** Runs the CLI without the V8 code cache of its bundles (src/cli/bin/loadBundle.ts). */
const NO_CODE_CACHE = { SESSION_MD_CODE_CACHE: 'off' };
/** The file counts at which one thread and the workers are compared. */
export const THRESHOLD_STEPS = [1, 2, 4, 8, 16, 32];

/** The targets of issue 18. */
export const SMALL_TARGETS = { oneFileVsNode: 2.5, oneFileVsMarkdownlint: 5, twentyVsMarkdownlint: 10, piiVsNode: 2 };

/** Everything the small runs measured, as written to bench/out/results.json (`smallRuns`). */
export interface SmallRunsReport {
  /** The corpus of small runs: how many files, and their mean size in bytes. */
  corpus: { files: number; bytesPerFile: number };
  timings: Timing[];
  threshold: { files: number; oneThread: Timing; workers: Timing }[];
  workers: number;
  loadAverage: { before: number; after: number };
  ratios: { oneFileVsNode: number; oneFileVsMarkdownlint: number; twentyVsMarkdownlint: number; piiOneVsNode: number; piiFiveVsNode: number };
  targets: typeof SMALL_TARGETS;
  met: { oneFileVsNode: boolean; oneFileVsMarkdownlint: boolean; twentyVsMarkdownlint: boolean; piiVsNode: boolean };
}

interface Command {
  name: string;
  args: string[];
  env?: Record<string, string>;
  runs: number;
}

function spawn(command: Command): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, command.args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, ...command.env },
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status === null || result.status > 1) throw new Error(`${command.name} failed with ${result.status ?? result.signal}`);
  return ms;
}

// Runs the commands round by round and returns each one's timings.
function timeAll(commands: Command[]): Timing[] {
  const samples = commands.map(() => [] as number[]);
  const rounds = Math.max(...commands.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) commands.forEach((command, i) => round < command.runs && samples[i]!.push(spawn(command)));
  return commands.map((command, i) => {
    const ms = samples[i]!.sort((a, b) => a - b);
    const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${v} `);
    return {
      name: command.name,
      command: `${env.join('')}node ${command.args.join(' ')}`,
      runs: ms.length,
      medianMs: median(ms),
      minMs: ms[0]!,
      maxMs: ms[ms.length - 1]!,
    };
  });
}

/** Times the small runs on the corpus in bench/corpus-small/ (3,000-turn transcripts coded with `annomi`). */
export function timeSmallRuns(corpus: CorpusOnDisk): SmallRunsReport {
  const files = corpus.files.map((f) => relative(ROOT, f));
  if (files.length < Math.max(...THRESHOLD_STEPS)) throw new Error(`the corpus of small runs has ${files.length} files`);
  const cli = join('dist', 'cli.js');
  const markdownlint = join('node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const one = files.slice(0, 1);
  const twenty = files.slice(0, 20);
  const loadBefore = loadavg()[0]!;
  const timings = timeAll([
    { name: 'node -e 0', args: ['-e', '0'], runs: SMALL_RUNS },
    { name: 'session-md lint, 1 file', args: [cli, 'lint', ...one], runs: SMALL_RUNS },
    { name: 'session-md lint --rules pii, 1 file', args: [cli, 'lint', '--rules', 'pii', ...one], runs: SMALL_RUNS },
    { name: 'session-md lint --rules pii, 5 files', args: [cli, 'lint', '--rules', 'pii', ...files.slice(0, 5)], runs: SMALL_RUNS },
    { name: 'session-md lint, 20 files', args: [cli, 'lint', ...twenty], runs: SMALL_RUNS },
    // As the CLI runs where its bundles have no code cache (installed from a tarball, or another Node version).
    { name: 'lint, 1 file, no code cache', args: [cli, 'lint', ...one], env: NO_CODE_CACHE, runs: SMALL_RUNS },
    { name: 'lint --rules pii, 1, no code cache', args: [cli, 'lint', '--rules', 'pii', ...one], env: NO_CODE_CACHE, runs: SMALL_RUNS },
    { name: 'lint --rules pii, 5, no code cache', args: [cli, 'lint', '--rules', 'pii', ...files.slice(0, 5)], env: NO_CODE_CACHE, runs: SMALL_RUNS },
    { name: 'markdownlint-cli2, 1 file', args: [markdownlint, ...one], runs: SMALL_PEER_RUNS },
    { name: 'markdownlint-cli2, 20 files', args: [markdownlint, ...twenty], runs: SMALL_PEER_RUNS },
  ]);
  const workers = availableParallelism();
  const steps = THRESHOLD_STEPS.flatMap((n): Command[] => [
    { name: `${n} files, one thread`, args: [cli, 'lint', ...files.slice(0, n)], env: { SESSION_MD_THREADS: '1' }, runs: THRESHOLD_RUNS },
    { name: `${n} files, workers`, args: [cli, 'lint', ...files.slice(0, n)], env: { SESSION_MD_THREADS: String(workers) }, runs: THRESHOLD_RUNS },
  ]);
  const stepTimings = timeAll(steps);
  const threshold = THRESHOLD_STEPS.map((n, i) => ({ files: n, oneThread: stepTimings[2 * i]!, workers: stepTimings[2 * i + 1]! }));
  const [node, lintOne, piiOne, piiFive, lintTwenty, , , , mdlOne, mdlTwenty] = timings.map((t) => t.medianMs) as number[];
  const ratios = {
    oneFileVsNode: lintOne! / node!,
    oneFileVsMarkdownlint: mdlOne! / lintOne!,
    twentyVsMarkdownlint: mdlTwenty! / lintTwenty!,
    piiOneVsNode: piiOne! / node!,
    piiFiveVsNode: piiFive! / node!,
  };
  return {
    corpus: { files: corpus.files.length, bytesPerFile: corpus.bytes / corpus.files.length },
    timings,
    threshold,
    workers,
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
    ratios,
    targets: SMALL_TARGETS,
    met: {
      oneFileVsNode: ratios.oneFileVsNode <= SMALL_TARGETS.oneFileVsNode,
      oneFileVsMarkdownlint: ratios.oneFileVsMarkdownlint >= SMALL_TARGETS.oneFileVsMarkdownlint,
      twentyVsMarkdownlint: ratios.twentyVsMarkdownlint >= SMALL_TARGETS.twentyVsMarkdownlint,
      piiVsNode: Math.max(ratios.piiOneVsNode, ratios.piiFiveVsNode) <= SMALL_TARGETS.piiVsNode,
    },
  };
}

/** The small runs as the lines of two tables, with the ratios against their targets. */
export function smallRunsTable(report: SmallRunsReport): string[] {
  const s = (ms: number): string => (ms / 1000).toFixed(3);
  const ok = (met: boolean): string => (met ? 'OK' : 'NOT MET');
  const lines = [
    `Small runs: 3,000-turn transcripts coded with annomi (${(report.corpus.bytesPerFile / 1e3).toFixed(0)} KB each; median of n runs, seconds)`,
    '',
    `${'command'.padEnd(40)}${'runs'.padStart(5)}${'median s'.padStart(10)}${'min s'.padStart(9)}${'max s'.padStart(9)}`,
    ...report.timings.map(
      (t) => `${t.name.padEnd(40)}${String(t.runs).padStart(5)}${s(t.medianMs).padStart(10)}${s(t.minMs).padStart(9)}${s(t.maxMs).padStart(9)}`,
    ),
    '',
    `worker threshold (${report.workers} workers; median s, min-max):`,
    `${'files'.padStart(5)}${'one thread'.padStart(22)}${'workers'.padStart(22)}${'workers/one'.padStart(13)}`,
    ...report.threshold.map(
      (r) =>
        `${String(r.files).padStart(5)}${`${s(r.oneThread.medianMs)} (${s(r.oneThread.minMs)}-${s(r.oneThread.maxMs)})`.padStart(22)}${`${s(r.workers.medianMs)} (${s(r.workers.minMs)}-${s(r.workers.maxMs)})`.padStart(22)}${(r.workers.medianMs / r.oneThread.medianMs).toFixed(2).padStart(13)}`,
    ),
    '',
    `load average ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after`,
  ];
  const { ratios, targets, met } = report;
  lines.push(
    `1 file: session-md lint / node -e 0: ${ratios.oneFileVsNode.toFixed(2)}x (target <= ${targets.oneFileVsNode}x) ${ok(met.oneFileVsNode)}`,
    `1 file: markdownlint-cli2 / session-md lint: ${ratios.oneFileVsMarkdownlint.toFixed(1)}x faster (target >= ${targets.oneFileVsMarkdownlint}x) ${ok(met.oneFileVsMarkdownlint)}`,
    `20 files: markdownlint-cli2 / session-md lint: ${ratios.twentyVsMarkdownlint.toFixed(1)}x faster (target >= ${targets.twentyVsMarkdownlint}x) ${ok(met.twentyVsMarkdownlint)}`,
    `lint --rules pii / node -e 0: ${ratios.piiOneVsNode.toFixed(2)}x on 1 file, ${ratios.piiFiveVsNode.toFixed(2)}x on 5 (target <= ${targets.piiVsNode}x) ${ok(met.piiVsNode)}`,
  );
  return lines;
}
