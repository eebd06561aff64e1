import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { Linter } from '../src/core';
import { lintSession } from '../src/core/lint/engine';
import { parseSession } from '../src/core/parse/session';
import { createNodeHost } from '../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../test/support/paths';
import { badInputTable, timeBadInputs } from './badInput';
import { BENCH_FILE, benchCorpus, ensureCorpus, ensureSmallRunCorpus } from './corpus';
import { smallRunsTable, timeSmallRuns } from './smallRuns';
import { compareOnCorpus, corpusTable } from './peers';
import { benchIncremental } from './incremental';

// Parse + lint time of a 3,000-turn AnnoMI session against a bare remark parse of the same text
// (median of RUNS timed rounds after WARMUPS untimed ones; run with --expose-gc to collect before each
// step), hostile inputs, then the corpus of 100 such sessions against markdownlint-cli2 and remark-cli
// (bench/peers.ts) and the small runs: one file, five, twenty and the worker threshold (bench/smallRuns.ts). Everything is written to bench/out/results.json.
const WARMUPS = 2;
const RUNS = 11;
const TARGET_RATIO = 1.5;
const OUT = join(ROOT, 'bench', 'out');

interface Stat {
  medianMs: number;
  minMs: number;
  maxMs: number;
  mbPerS: number;
}

type Step = 'remarkParse' | 'parseSession' | 'rulesOnly' | 'parseAndLint';

// The steps take turns within each round, so a noisy neighbour slows all of them alike.
async function timeSteps(bytes: number, steps: Record<Step, () => unknown>): Promise<Record<Step, Stat>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const names = Object.keys(steps) as Step[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Step, number[]>;
  for (let round = 0; round < WARMUPS + RUNS; round++) {
    for (const name of names) {
      gc?.();
      const start = performance.now();
      await steps[name]();
      if (round >= WARMUPS) samples[name].push(performance.now() - start);
    }
  }
  const stat = (ms: number[]): Stat => {
    ms.sort((a, b) => a - b);
    const medianMs = ms[Math.floor(ms.length / 2)]!;
    return { medianMs, minMs: ms[0]!, maxMs: ms[ms.length - 1]!, mbPerS: bytes / 1e6 / (medianMs / 1000) };
  };
  return Object.fromEntries(names.map((n) => [n, stat(samples[n])])) as Record<Step, Stat>;
}

async function main(): Promise<void> {
  // The corpus (bench/corpus/, written once and kept until the generator changes) holds the single session as its first file.
  const onDisk = ensureCorpus();
  const corpus = benchCorpus();
  const text = corpus.text;
  const bytes = Buffer.byteLength(text, 'utf8');
  // A path inside the repository, so the config cascade is looked up as for a real transcript (and cached).
  const path = BENCH_FILE;

  const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
  const check = await linter.lintText(path, text);
  if (check.session.turns.length !== corpus.counts.turns) throw new Error(`parsed ${check.session.turns.length} turns, expected ${corpus.counts.turns}`);
  const errors = check.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`the corpus has lint errors: ${errors[0]!.ruleId} ${errors[0]!.message}`);
  const environment = await linter.environment(path, check.session, check.config);

  const remark = unified().use(remarkParse).freeze();
  const results = await timeSteps(bytes, {
    remarkParse: () => remark.parse(text),
    parseSession: () => parseSession(text),
    rulesOnly: () => lintSession(check.session, environment),
    parseAndLint: () => linter.lintText(path, text),
  });
  const ratio = results.parseAndLint.medianMs / results.remarkParse.medianMs;
  const badInputs = timeBadInputs();
  console.log(
    `corpus: ${onDisk.files.length} files, ${(onDisk.bytes / 1e6).toFixed(1)} MB in bench/corpus/${onDisk.regenerated ? ' (regenerated)' : ' (cached)'}; comparing with the peers, a few minutes…`,
  );
  const corpusRun = compareOnCorpus(onDisk);
  console.log('small runs: one file, five, twenty, and the worker threshold on 1 to 32 files…');
  const smallRuns = timeSmallRuns(ensureSmallRunCorpus());
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    corpus: { turns: corpus.counts.turns, bytes, findings: check.findings.length, codebook: 'core' },
    warmups: WARMUPS,
    runs: RUNS,
    results,
    ratio,
    targetRatio: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
    badInputs,
    corpusRun,
    smallRuns,
  };

  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

  const rows: [string, Stat][] = [
    ['remark parse (bare)', results.remarkParse],
    ['parseSession', results.parseSession],
    ['lintSession (rules only)', results.rulesOnly],
    ['parse + lint (lintText)', results.parseAndLint],
  ];
  const cell = (n: number, width: number, digits = 1): string => n.toFixed(digits).padStart(width);
  console.log(`Session Markdown bench: ${report.corpus.turns} turns, ${(bytes / 1024).toFixed(1)} KiB, ${report.corpus.findings} findings (none errors)`);
  console.log(`node ${report.node} | ${report.cpu} | ${report.cores} cores | median of ${RUNS} runs after ${WARMUPS} warm-ups`);
  console.log('');
  console.log(`${'step'.padEnd(26)}${'median ms'.padStart(11)}${'min ms'.padStart(9)}${'max ms'.padStart(9)}${'MB/s'.padStart(8)}`);
  for (const [name, s] of rows) {
    console.log(`${name.padEnd(26)}${cell(s.medianMs, 11)}${cell(s.minMs, 9)}${cell(s.maxMs, 9)}${cell(s.mbPerS, 8)}`);
  }
  console.log('');
  console.log(`ratio parse + lint / remark parse: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}) ${report.withinTarget ? 'OK' : 'OVER TARGET'}`);
  console.log('');
  for (const row of badInputTable(badInputs)) console.log(row);
  console.log('');
  for (const line of corpusTable(corpusRun)) console.log(line);
  console.log('');
  for (const line of smallRunsTable(smallRuns)) console.log(line);
  console.log(`written ${join('bench', 'out', 'results.json')}`);
  for (const row of (await benchIncremental()).rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
