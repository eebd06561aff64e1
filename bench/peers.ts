import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../test/support/paths';
import type { CorpusOnDisk } from './corpus';

// The corpus comparison of `npm run bench`: session-md lint cold and warm, markdownlint-cli2 and
// remark-cli on the same 100 files in the same run, each spawned as a user would run it, against
// merely reading the files. Runs take turns round by round, so a noisy neighbour slows all alike.

/** How many timed runs each command gets: the sub-second ones, our cold lint, and the slow peers (a minute or more each). */
/** How many timed runs an environment variable asks for (at least one), else `fallback`. */
export const runs = (name: string, fallback: number): number => Math.max(1, Math.round(Number(process.env[name] ?? fallback)) || fallback);
export const FAST_RUNS = runs('BENCH_FAST_RUNS', 5);
export const COLD_RUNS = runs('BENCH_COLD_RUNS', 3);
export const MARKDOWNLINT_RUNS = runs('BENCH_MARKDOWNLINT_RUNS', 3);
export const REMARK_RUNS = runs('BENCH_REMARK_RUNS', 1);

/** The targets: at least 10x faster than the peers, 14x than markdownlint-cli2 since issue 18. */
export const TARGETS = { coldVsMarkdownlint: 14, coldVsPeers: 10, warmVsRead: 3, rssMB: 500 };

/** One timed command: its median and range in milliseconds. */
export interface Timing {
  name: string;
  command: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** One command of the table: what it runs, its timings and its exit codes. */
export interface CommandStat extends Timing {
  exitCodes: (number | null)[];
}

/** The whole comparison, as written to bench/out/results.json. */
export interface CorpusReport {
  files: number;
  bytes: number;
  commands: CommandStat[];
  primingMs: number;
  coldRssMB: number;
  /** The 1-minute load average before and after: above the number of cores, something else was running too. */
  loadAverage: { before: number; after: number };
  ratios: { markdownlintVsCold: number; remarkVsCold: number; warmVsRead: number };
  targets: typeof TARGETS;
  met: { coldVsMarkdownlint: boolean; coldVsRemark: boolean; warmVsRead: boolean; rss: boolean };
}

interface Command {
  name: string;
  args: string[];
  runs: number;
}

const CACHE = join(ROOT, 'bench', 'out', 'lint-cache');
const RSS_HOOK = join(ROOT, 'bench', 'rss.cjs');

function spawn(args: string[]): { ms: number; status: number | null; stderr: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status, stderr: result.stderr };
}

/** Runs the comparison on the corpus in bench/corpus/ and returns the table. */
export function compareOnCorpus(corpus: CorpusOnDisk): CorpusReport {
  const dir = relative(ROOT, corpus.dir);
  const cli = join('dist', 'cli.js');
  const read = `const fs=require('fs'),p=require('path');let n=0;for(const f of fs.readdirSync('${dir}'))if(f.endsWith('.md'))n+=fs.readFileSync(p.join('${dir}',f)).length;`;
  const commands: Command[] = [
    { name: 'session-md lint (cold)', args: [cli, 'lint', dir], runs: COLD_RUNS },
    { name: 'session-md lint --cache (warm)', args: [cli, 'lint', dir, '--cache', '--cache-location', relative(ROOT, CACHE)], runs: FAST_RUNS },
    { name: 'markdownlint-cli2', args: [join('node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${dir}/**/*.md`], runs: MARKDOWNLINT_RUNS },
    {
      name: 'remark-cli + preset-lint-recommended',
      args: [join('node_modules', 'remark-cli', 'cli.js'), dir, '--use', 'remark-preset-lint-recommended', '--quiet', '--no-stdout'],
      runs: REMARK_RUNS,
    },
    { name: 'reading the files', args: ['-e', read], runs: FAST_RUNS },
  ];

  // Prime the cache, then measure the cold run's peak RSS (with the hook, in a run of its own).
  const loadBefore = loadavg()[0]!;
  mkdirSync(dirname(CACHE), { recursive: true });
  rmSync(CACHE, { force: true });
  const priming = spawn(commands[1]!.args);
  if (/cache/.test(priming.stderr)) throw new Error(`the priming run did not write its cache: ${priming.stderr}`);
  const rssRun = spawn(['--require', RSS_HOOK, ...commands[0]!.args]);
  const rss = Math.max(...[...rssRun.stderr.matchAll(/sessionmd-bench maxRSS (\d+)/g)].map((m) => Number(m[1])));

  const samples = commands.map(() => [] as { ms: number; status: number | null }[]);
  const rounds = Math.max(...commands.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    commands.forEach((command, i) => {
      if (round < command.runs) samples[i]!.push(spawn(command.args));
    });
  }
  const stats: CommandStat[] = commands.map((command, i) => {
    const ms = samples[i]!.map((s) => s.ms).sort((a, b) => a - b);
    return {
      name: command.name,
      command: `node ${command.args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`,
      runs: ms.length,
      medianMs: median(ms),
      minMs: ms[0]!,
      maxMs: ms[ms.length - 1]!,
      exitCodes: samples[i]!.map((s) => s.status),
    };
  });
  const [cold, warm, markdownlint, remark, reading] = stats as [CommandStat, CommandStat, CommandStat, CommandStat, CommandStat];
  const ratios = {
    markdownlintVsCold: markdownlint.medianMs / cold.medianMs,
    remarkVsCold: remark.medianMs / cold.medianMs,
    warmVsRead: warm.medianMs / reading.medianMs,
  };
  const coldRssMB = rss / 1024;
  return {
    files: corpus.files.length,
    bytes: corpus.bytes,
    commands: stats,
    primingMs: priming.ms,
    coldRssMB,
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
    ratios,
    targets: TARGETS,
    met: {
      coldVsMarkdownlint: ratios.markdownlintVsCold >= TARGETS.coldVsMarkdownlint,
      coldVsRemark: ratios.remarkVsCold >= TARGETS.coldVsPeers,
      warmVsRead: ratios.warmVsRead <= TARGETS.warmVsRead,
      rss: coldRssMB <= TARGETS.rssMB,
    },
  };
}

/** The median of numbers sorted in ascending order. */
export function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The comparison as the lines of a table, with the ratios against their targets. */
export function corpusTable(report: CorpusReport): string[] {
  const secs = (ms: number, width: number): string => (ms / 1000).toFixed(2).padStart(width);
  const ok = (met: boolean): string => (met ? 'OK' : 'NOT MET');
  const mb = (report.bytes / 1e6).toFixed(1);
  const lines = [
    `Corpus: ${report.files} transcripts of 3,000 turns, ${mb} MB (median of n runs, seconds, spawned as a user runs them)`,
    '',
    `${'command'.padEnd(38)}${'runs'.padStart(5)}${'median s'.padStart(10)}${'min s'.padStart(9)}${'max s'.padStart(9)}${'MB/s'.padStart(8)}`,
  ];
  for (const c of report.commands)
    lines.push(
      `${c.name.padEnd(38)}${String(c.runs).padStart(5)}${secs(c.medianMs, 10)}${secs(c.minMs, 9)}${secs(c.maxMs, 9)}${(report.bytes / 1e6 / (c.medianMs / 1000)).toFixed(1).padStart(8)}`,
    );
  const { ratios, targets, met } = report;
  lines.push(
    '',
    `priming run (cold, --cache, writes the cache): ${(report.primingMs / 1000).toFixed(2)} s; load average ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after`,
    `markdownlint-cli2 / session-md cold: ${ratios.markdownlintVsCold.toFixed(1)}x faster (target >= ${targets.coldVsMarkdownlint}x) ${ok(met.coldVsMarkdownlint)}`,
    `remark-cli / session-md cold:        ${ratios.remarkVsCold.toFixed(1)}x faster (target >= ${targets.coldVsPeers}x) ${ok(met.coldVsRemark)}`,
    `session-md warm / reading the files: ${ratios.warmVsRead.toFixed(2)}x (target <= ${targets.warmVsRead}x) ${ok(met.warmVsRead)}`,
    `peak RSS of the cold lint (workers included): ${report.coldRssMB.toFixed(0)} MB (target <= ${targets.rssMB} MB) ${ok(met.rss)}`,
  );
  return lines;
}
