import { resolve } from 'node:path';
import { checkTranscriptFile, codebookMismatchWarnings, comparableCopy, compareCoders, speakerMismatchWarnings, type ComparableCopy } from '../core';
import { coderName, copyProblem } from './agreeCopies';
import { agreeFolders, folderArguments } from './agreeFolders';
import { AGREE_FORMATS, formatAgreement, type AgreeFormat, type AgreeCoder } from './agreeFormat';
import { createCliLinter } from './cliLinter';
import { formatDisagreements } from './disagreementsFormat';
import { sizeLimit } from './fileSize';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { terminalText } from './terminal';

/** The options `session-md agree` accepts, for `parseArgs`. */
export const AGREE_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  codebook: { type: 'string' },
  disagreements: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const AGREE_USAGE = `Usage: session-md agree <fileA> <fileB> [more files…] [options]
       session-md agree <folderA> <folderB> [more folders…] [options]

Compares several coders' copies of the same transcript. The turns are aligned by
order, speaker and text without annotations (a turn whose speaker a coder changed
aligns by its text, with a warning); turns missing from a copy are listed and
left out. For each group of the codebook (over the turns of the role its
codes apply to) it prints the units, percent agreement, Cohen's kappa (two
coders), Fleiss' kappa, Krippendorff's alpha (nominal) and a confusion matrix;
then each code's agreement as present or absent. In a group whose codes may go
together (exclusive: false in the codebook, as MITI's behaviour codes on a
volley) a turn's value is the set of its codes, and alpha uses the MASI
distance. The order codes are written in never matters. See docs/research.md.

Given folders, one per coder, it pairs the sessions by their path inside each
folder and prints, for every summary score and rating scale the codebook
declares (MITI: Technical, Relational, R:Q, %CR, the MI totals and the four
globals) and every count behind the scores, the intraclass correlations
ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k) and ICC(3,k) over the
sessions, with 95% confidence intervals. A session a coder has no copy of, or
where a score is undefined (R:Q without questions, a rating not given), is left
out of that score and named.

Options:
  -f, --format <name>     table (default), json or csv
      --disagreements     List the turns where the coders differ instead, each
                          coder's line and codes side by side, for adjudication
      --codebook <x>      Use this codebook for every copy (a built-in name or a
                          path relative to the current folder), overriding the
                          front matter and the config
  -h, --help              Show this help

CSV: one row per group and code with the columns kind,id,label,role,units,
percentAgreement,cohenKappa,fleissKappa,krippendorffAlpha,alphaUnits; unaligned
turns and warnings then go to stderr. For folders: one row per score and ICC
with the columns score,label,sessions,form,mcGrawWong,icc,lower,upper,f,df1,df2,p.

--disagreements: the aligned turns to which the coders gave different codes
(order and notes aside), with the groups they differ on, each coder's line and
codes, and the turn masked as notes show it. CSV: one row per turn with the
columns role,groups,preview and A_line,A_codes,B_line,B_codes… (codes joined
with ;).

Exit codes: 0 computed, 2 usage or I/O error.
`;

/** `session-md agree`: aligns coders' copies, prints their agreement and returns the exit code. */
export async function agreeCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as AgreeFormat;
  if (!AGREE_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${AGREE_FORMATS.join(', ')}`);
  if (positionals.length < 2) throw new UsageError("agree needs at least two coded copies of the same transcript, or two coders' folders");
  const folders = await folderArguments(positionals, options);
  if (folders === 'mixed') throw new UsageError("agree takes either copies of one transcript or coders' folders, not both");
  if (folders && values['disagreements']) throw new UsageError("--disagreements lists the turns of one transcript: give its copies, not coders' folders");
  if (folders) return agreeFolders(format, values, positionals, options);
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
  const files = coders.map((c) => c.file);
  for (const warning of [...codebookMismatchWarnings(comparison, files), ...speakerMismatchWarnings(comparison, files)])
    options.stderr.write(`session-md: warning: ${warning}\n`);
  const context = { coders, codebook: comparison.codebook.name };
  const rendered = values['disagreements']
    ? formatDisagreements(format, comparison.disagreements, comparison.report, context)
    : formatAgreement(format, comparison.report, context);
  // The table is for people; JSON is escaped as JSON, and CSV is data.
  options.stdout.write(format === 'table' ? terminalText(rendered.stdout) : rendered.stdout);
  if (rendered.stderr) options.stderr.write(rendered.stderr);
  return EXIT.clean;
}
