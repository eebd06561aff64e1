import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { Linter, sessionStats, type ParseCounter, type Session } from '../src/core';
import { lintSession } from '../src/core/lint/engine';
import { parseSession } from '../src/core/parse/session';
import { reparseSession } from '../src/core/parse/incremental';
import { createNodeHost } from '../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../test/support/paths';
import { BENCH_FILE, benchCorpus } from './corpus';

// Editor latency in the core: after a one-character edit inside a turn of the middle phase of the
// 3,000-turn session, re-parse (incremental), lint and count (the counts the trees and the statistics
// view show), against a full remark parse of the same text. Target: (reparse + lint + counts) /
// remark parse <= 0.10.

const WARMUPS = 3;
const RUNS = 15;
/** The target for (reparse + lint + counts) / remark parse. */
export const INCREMENTAL_TARGET = 0.1;

interface Stat {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

type Step = 'remarkParse' | 'parseSession' | 'reparseSession' | 'lintRules' | 'counts' | 'lintTextIncremental';

/** The incremental-editing figures as JSON (also written to bench/out/incremental.json). */
export interface IncrementalReport {
  turns: number;
  bytes: number;
  edits: number;
  results: Record<Step, Stat>;
  /** (reparseSession + lintRules + counts) / remarkParse, medians. */
  ratio: number;
  targetRatio: number;
  withinTarget: boolean;
  /** How many of the timed re-parses took the incremental path (the rest parsed the whole text). */
  incrementalShare: number;
  /** Whether the re-parsed session equals a full parse of the edited text. */
  equalsFullParse: boolean;
}

function stat(samples: number[]): Stat {
  const ms = [...samples].sort((a, b) => a - b);
  return { medianMs: ms[Math.floor(ms.length / 2)]!, minMs: ms[0]!, maxMs: ms[ms.length - 1]! };
}

/** Times the incremental editing path on the benchmark session; returns printable rows and the JSON. */
export async function benchIncremental(): Promise<{ rows: string[]; json: IncrementalReport }> {
  const text = benchCorpus().text;
  // Counts the re-parses of every step: reparseSession's, and those of lintText with the previous session.
  const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
  const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR), { counter });
  const base = await linter.lintText(BENCH_FILE, text);
  const environment = await linter.environment(BENCH_FILE, base.session, base.config);
  const middle = base.session.turns.filter((t) => base.session.sections[t.sectionIndex]?.phase?.name === 'Middle');
  if (middle.length < WARMUPS + RUNS) throw new Error(`only ${middle.length} turns in the middle phase`);
  // One edited text per round: an `x` in the middle of a different middle-phase turn, each time from the unedited session.
  const edited = Array.from({ length: WARMUPS + RUNS }, (_, i) => {
    const turn = middle[Math.floor(((i + 0.5) * middle.length) / (WARMUPS + RUNS))]!;
    const offset = Math.floor((turn.range.start.offset + turn.range.end.offset) / 2);
    return text.slice(0, offset) + 'x' + text.slice(offset);
  });
  const remark = unified().use(remarkParse).freeze();
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: Record<Step, number[]> = { remarkParse: [], parseSession: [], reparseSession: [], lintRules: [], counts: [], lintTextIncremental: [] };
  let equalsFullParse = true;
  for (let round = 0; round < WARMUPS + RUNS; round++) {
    const next = edited[round]!;
    let session: Session | undefined;
    const steps: [Step, () => unknown][] = [
      ['remarkParse', () => remark.parse(next)],
      ['parseSession', () => parseSession(next)],
      ['reparseSession', () => (session = reparseSession(base.session, next, undefined, { counter }))],
      ['lintRules', () => lintSession(session!, environment)],
      ['counts', () => sessionStats({ file: BENCH_FILE, session: session!, ...(base.codesInForce ? { codebook: base.codesInForce } : {}) })],
      ['lintTextIncremental', () => linter.lintText(BENCH_FILE, next, base.session)],
    ];
    for (const [name, run] of steps) {
      gc?.();
      const start = performance.now();
      await run();
      if (round >= WARMUPS) samples[name].push(performance.now() - start);
    }
    if (round === 0) equalsFullParse = sameModel(session!, parseSession(next));
  }
  const results = Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, stat(ms)])) as Record<Step, Stat>;
  const ratio = (results.reparseSession.medianMs + results.lintRules.medianMs + results.counts.medianMs) / results.remarkParse.medianMs;
  const reparses = counter.incremental + counter.full;
  const json: IncrementalReport = {
    turns: base.session.turns.length,
    bytes: Buffer.byteLength(text, 'utf8'),
    edits: RUNS,
    results,
    ratio,
    targetRatio: INCREMENTAL_TARGET,
    withinTarget: ratio <= INCREMENTAL_TARGET,
    incrementalShare: counter.incremental / reparses,
    equalsFullParse,
  };
  const out = join(ROOT, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'incremental.json'), `${JSON.stringify(json, null, 2)}\n`);
  return { rows: formatRows(json), json };
}

// Everything a user sees, compared by value: the Markdown tree, the turns, sections and front matter.
function sameModel(a: Session, b: Session): boolean {
  return isDeepStrictEqual({ ...a }, { ...b });
}

function formatRows(report: IncrementalReport): string[] {
  const r = report.results;
  const row = (name: string, s: Stat): string =>
    `${name.padEnd(44)}${s.medianMs.toFixed(2).padStart(10)}${s.minMs.toFixed(2).padStart(9)}${s.maxMs.toFixed(2).padStart(9)}`;
  return [
    '',
    `Incremental editing: one-character edit inside a middle-phase turn, ${report.turns} turns, median of ${report.edits} edits`,
    `${'step'.padEnd(44)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'max ms'.padStart(9)}`,
    row('remark parse (bare, full text)', r.remarkParse),
    row('parseSession (full)', r.parseSession),
    row('reparseSession (edit found by diff)', r.reparseSession),
    row('lint rules (lintSession)', r.lintRules),
    row('tree data (sessionStats, the counts)', r.counts),
    row('lintText with previous session (end to end)', r.lintTextIncremental),
    `ratio (reparse + lint + counts) / remark parse: ${report.ratio.toFixed(3)} (target <= ${report.targetRatio}) ${report.withinTarget ? 'OK' : 'OVER TARGET'}`,
    `incremental path taken: ${(report.incrementalShare * 100).toFixed(0)} % of re-parses; result equals a full parse: ${report.equalsFullParse ? 'yes' : 'NO'}`,
    'written bench/out/incremental.json',
  ];
}
