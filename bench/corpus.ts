import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOMI_CSV, ANNOMI_HOWTO, annomiAvailable, annomiSession, loadAnnomi, type AnnomiRow, type AnnomiSession } from '../test/support/annomi';
import { ROOT } from '../test/support/paths';

/** The size of the benchmark transcript, in turns. */
export const BENCH_TURNS = 3000;
/** How many transcripts the multi-file corpus holds. */
export const CORPUS_FILES = 100;
/** Where the corpus is written (git-ignored); the single benchmark transcript is its first file. */
export const CORPUS_DIR = join(ROOT, 'bench', 'corpus');
/** The single 3,000-turn transcript, also the editor benchmark's document. */
export const BENCH_FILE = join(CORPUS_DIR, 'annomi-3000.session.md');

/**
 * A long, realistic session: the AnnoMI transcripts in id order, concatenated (and repeated if
 * need be) to exactly `turns` turns, coded with the built-in `core` codebook.
 */
export function benchCorpus(turns = BENCH_TURNS): AnnomiSession {
  const rows = [...loadAnnomi().values()].flat();
  return annomiSession(rows, { turns, codebook: 'core' });
}

/**
 * The `index`-th file of the corpus: the AnnoMI transcripts rotated to start at a different one
 * (4 transcripts further on per file), with its own session number, date, memo and goal rhythm.
 * File 0 is `benchCorpus()` itself.
 */
export function corpusSession(index: number, turns = BENCH_TURNS): AnnomiSession {
  if (index === 0) return benchCorpus(turns);
  const transcripts = [...loadAnnomi().values()];
  const start = (index * 4) % transcripts.length;
  const rows: AnnomiRow[] = [...transcripts.slice(start), ...transcripts.slice(0, start)].flat();
  const day = new Date(Date.UTC(2026, 0, 5) + index * 7 * 86_400_000).toISOString().slice(0, 10);
  return annomiSession(rows, {
    turns,
    codebook: 'core',
    session: 1 + (index % 12),
    date: day,
    memoEvery: 20 + (index % 11),
    goalEvery: 12 + (index % 7),
  });
}

/** How many transcripts the corpus of small runs holds: enough for the worker threshold's largest step. */
export const SMALL_RUN_FILES = 32;
/** Where the corpus of small runs is written (git-ignored). */
export const SMALL_RUN_DIR = join(ROOT, 'bench', 'corpus-small');

// AnnoMI's labels as the `annomi` codebook's codes; `n/a` as `other` and `neutral`, so every turn carries a code.
const ANNOMI_CODE: Record<string, string> = { question: 'question', reflection: 'reflection', therapist_input: 'input', other: 'other' };

/**
 * The `index`-th file of the corpus of small runs (a pre-commit hook on one file, CI on twenty):
 * 3,000 turns as in the large corpus, but `codebook: annomi`, a code on every turn and a goal
 * reference every 50 turns.
 */
export function smallRunSession(index: number): AnnomiSession {
  const transcripts = [...loadAnnomi().values()];
  const start = (index * 4) % transcripts.length;
  const rows: AnnomiRow[] = [...transcripts.slice(start), ...transcripts.slice(0, start)].flat();
  return annomiSession(rows, {
    turns: BENCH_TURNS,
    codebook: 'annomi',
    session: 1 + index,
    date: new Date(Date.UTC(2026, 0, 5) + index * 7 * 86_400_000).toISOString().slice(0, 10),
    goalEvery: 50,
    codesOf: (row) => [row.interlocutor === 'therapist' ? (ANNOMI_CODE[row.therapistBehaviour ?? 'other'] ?? 'other') : (row.clientTalkType ?? 'neutral')],
  });
}

/** The file name of the `index`-th corpus file. */
export function corpusFileName(index: number): string {
  return index === 0 ? 'annomi-3000.session.md' : `annomi-3000-${String(index).padStart(3, '0')}.session.md`;
}

/** What the corpus on disk was built from: this generator, the session builder and the CSV (size and time). */
function generatorHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(ROOT, 'bench', 'corpus.ts'), join(ROOT, 'test', 'support', 'annomi.ts')]) hash.update(readFileSync(file));
  if (!annomiAvailable()) throw new Error(`The benchmark corpus is built from AnnoMI, which is not at ${ANNOMI_CSV}: ${ANNOMI_HOWTO}.`);
  const csv = statSync(ANNOMI_CSV);
  hash.update(`${CORPUS_FILES}:${BENCH_TURNS}:${csv.size}:${csv.mtimeMs}`);
  return hash.digest('hex');
}

/** The corpus as written: its folder, its files (sorted) and their total size in bytes. */
export interface CorpusOnDisk {
  dir: string;
  files: string[];
  bytes: number;
  regenerated: boolean;
}

/** Writes the 100-file corpus into bench/corpus/ unless it is there already and the generator is unchanged. */
export function ensureCorpus(): CorpusOnDisk {
  return writeCorpus(
    CORPUS_DIR,
    Array.from({ length: CORPUS_FILES }, (_, i) => corpusFileName(i)),
    (i) => corpusSession(i).text,
  );
}

/** Writes the corpus of small runs into bench/corpus-small/ unless it is there already and the generator is unchanged. */
export function ensureSmallRunCorpus(): CorpusOnDisk {
  const names = Array.from({ length: SMALL_RUN_FILES }, (_, i) => `annomi-coded-${String(i + 1).padStart(2, '0')}.session.md`);
  return writeCorpus(SMALL_RUN_DIR, names, (i) => smallRunSession(i).text);
}

function writeCorpus(dir: string, names: string[], text: (index: number) => string): CorpusOnDisk {
  const stamp = generatorHash();
  const stampFile = join(dir, '.generator');
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && names.every((n) => existsSync(join(dir, n)));
  if (!current) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    names.forEach((name, i) => writeFileSync(join(dir, name), text(i)));
    writeFileSync(stampFile, stamp);
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f));
  const bytes = files.reduce((total, f) => total + statSync(f).size, 0);
  return { dir, files, bytes, regenerated: !current };
}
