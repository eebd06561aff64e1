import { resolve } from 'node:path';
import { computeAgreement, type Codebook, type Linter, type LintedSession } from '../core';
import { AGREE_FORMATS, formatAgreement, type AgreeFormat, type AgreeCoder } from './agreeFormat';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { createCliLinter, loadTranscript } from './readTranscripts';
import { terminalText } from './terminal';

/** The options `session-md agree` accepts, for `parseArgs`. */
export const AGREE_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  codebook: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const AGREE_USAGE = `Usage: session-md agree <fileA> <fileB> [more files…] [options]

Compares several coders' copies of the same transcript. The turns are aligned by
order and by their text without annotations; turns missing from a copy are listed
and left out. For each group of the codebook (mutually exclusive codes, over the
turns of the role they apply to) it prints the units, percent agreement, Cohen's
kappa (two coders), Fleiss' kappa, Krippendorff's alpha (nominal) and a confusion
matrix; then each code's agreement as present or absent. See docs/research.md.

Options:
  -f, --format <name>     table (default), json or csv
      --codebook <x>      Use this codebook for every copy (a built-in name or a
                          path relative to the current folder), overriding the
                          front matter and the config
  -h, --help              Show this help

CSV: one row per group and code with the columns kind,id,label,role,units,
percentAgreement,cohenKappa,fleissKappa,krippendorffAlpha,alphaUnits; unaligned
turns and warnings then go to stderr.

Exit codes: 0 computed, 2 usage or I/O error.
`;

/** `session-md agree`: aligns coders' copies, prints their agreement and returns the exit code. */
export async function agreeCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as AgreeFormat;
  if (!AGREE_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${AGREE_FORMATS.join(', ')}`);
  if (positionals.length < 2) throw new UsageError('agree needs at least two coded copies of the same transcript');
  const linter = await createCliLinter(values, positionals, options);
  const coders: (AgreeCoder & { linted: LintedSession })[] = [];
  for (const [k, arg] of positionals.entries()) {
    const outcome = await readCopy(resolve(options.cwd, arg), linter, options);
    if ('error' in outcome) {
      options.stderr.write(`session-md: ${arg}: ${outcome.error}\n`);
      return EXIT.usage;
    }
    coders.push({ name: coderName(k), file: displayPath(outcome.path, options.cwd), turns: outcome.linted.session.turns.length, linted: outcome.linted });
  }
  const shared = sharedCodebook(coders, options);
  if (!shared) return EXIT.usage;
  const report = computeAgreement(
    coders.map((c) => ({ name: c.name, turns: c.linted.session.turns })),
    shared,
  );
  const rendered = formatAgreement(format, report, { coders: coders.map(({ name, file, turns }) => ({ name, file, turns })), codebook: shared.name });
  // The table is for people; JSON is escaped as JSON, and CSV is data.
  options.stdout.write(format === 'table' ? terminalText(rendered.stdout) : rendered.stdout);
  if (rendered.stderr) options.stderr.write(rendered.stderr);
  return EXIT.clean;
}

/** The short name of the k-th coder (0-based) in tables: A, B, C… and after Z, C27, C28… */
export function coderName(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : `C${k + 1}`;
}

type CopyOutcome = { path: string; linted: LintedSession } | { error: string };

async function readCopy(path: string, linter: Linter, options: RunOptions): Promise<CopyOutcome> {
  const outcome = await loadTranscript(path, linter, options);
  if (!('linted' in outcome)) {
    return { error: outcome.config ? `invalid config: ${outcome.config.errors.map((e) => displayPath(e.path, options.cwd)).join(', ')}` : outcome.error };
  }
  const { linted } = outcome;
  if (!linted.codesInForce) return { error: `cannot use its codebook (${linted.codebook?.readError ?? 'the codebook has problems; run session-md codebook check'})` };
  return { path, linted };
}

// The first copy's codebook, with a warning for every copy coded against another one.
function sharedCodebook(coders: readonly { file: string; linted: LintedSession }[], options: RunOptions): Codebook | undefined {
  const [first] = coders;
  const codebook = first?.linted.codesInForce;
  if (!first || !codebook) return undefined;
  for (const coder of coders.slice(1)) {
    if (coder.linted.codebook?.path === first.linted.codebook?.path) continue;
    const other = coder.linted.codesInForce?.name ?? coder.linted.codebook?.path ?? 'unknown';
    options.stderr.write(`session-md: warning: ${coder.file} uses the codebook '${other}', not '${codebook.name}' as ${first.file} does; the groups of '${codebook.name}' are used\n`);
  }
  return codebook;
}
