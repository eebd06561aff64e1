import { resolve } from 'node:path';
import { checkTranscriptFile, codebookMismatchWarnings, comparableCopy, compareCoders, type CoderCopyProblem, type ComparableCopy } from '../core';
import { AGREE_FORMATS, formatAgreement, type AgreeFormat, type AgreeCoder } from './agreeFormat';
import { createCliLinter } from './cliLinter';
import { sizeLimit } from './fileSize';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { transcriptProblem } from './readTranscripts';
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
  const copies: ComparableCopy[] = [];
  const coders: AgreeCoder[] = [];
  for (const [k, arg] of positionals.entries()) {
    const path = resolve(options.cwd, arg);
    // Each copy is named on the command line, so even a temporary copy left by an interrupted write is read.
    const copy = comparableCopy(coderName(k), await checkTranscriptFile(path, options.host, linter, { limit: sizeLimit(), readLeftovers: true }));
    if (!('linted' in copy)) {
      options.stderr.write(`session-md: ${arg}: ${copyProblem(copy, options)}\n`);
      return EXIT.usage;
    }
    copies.push(copy);
    coders.push({ name: copy.name, file: displayPath(path, options.cwd), turns: copy.linted.session.turns.length });
  }
  const comparison = compareCoders(copies)!;
  for (const warning of codebookMismatchWarnings(comparison, coders.map((c) => c.file))) options.stderr.write(`session-md: warning: ${warning}\n`);
  const rendered = formatAgreement(format, comparison.report, { coders, codebook: comparison.codebook.name });
  // The table is for people; JSON is escaped as JSON, and CSV is data.
  options.stdout.write(format === 'table' ? terminalText(rendered.stdout) : rendered.stdout);
  if (rendered.stderr) options.stderr.write(rendered.stderr);
  return EXIT.clean;
}

/** The short name of the k-th coder (0-based) in tables: A, B, C… and after Z, C27, C28… */
export function coderName(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : `C${k + 1}`;
}

// Why a copy cannot be compared, after its name on stderr.
function copyProblem(copy: CoderCopyProblem, options: RunOptions): string {
  if ('codebook' in copy) return `cannot use its codebook (${copy.codebook?.readError ?? 'the codebook has problems; run session-md codebook check'})`;
  const { problem } = copy.unchecked;
  if (problem.kind === 'config') return `invalid config: ${problem.errors.map((e) => displayPath(e.path, options.cwd)).join(', ')}`;
  return transcriptProblem(copy.unchecked);
}
