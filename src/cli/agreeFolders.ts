import { relative, resolve, sep } from 'node:path';
import { checkTranscriptFile, comparableCopy, scoreReliability, sessionScoresOf, sessionScoreValues, type ComparableCopy } from '../core';
import { coderName, copyProblem } from './agreeCopies';
import type { AgreeFormat } from './agreeFormat';
import { createCliLinter } from './cliLinter';
import { sizeLimit } from './fileSize';
import { displayPath } from './files';
import { formatScoreReliability, type FolderCoder } from './iccFormat';
import { EXIT, type RunOptions } from './io';
import { terminalText } from './terminal';

// `session-md agree coderA/ coderB/ …`: each folder holds one coder's copies of the sessions, and a
// session is the same relative path in every folder. For each summary score the sessions × coders
// matrix gets its intraclass correlations.

/** True when every argument is a folder (folder mode); false when none is; a usage error otherwise, said by the caller. */
export async function folderArguments(args: readonly string[], options: RunOptions): Promise<boolean | 'mixed'> {
  const kinds = await Promise.all(args.map(async (arg) => (await options.host.stat(resolve(options.cwd, arg)))?.isDirectory === true));
  return kinds.every(Boolean) ? true : kinds.some(Boolean) ? 'mixed' : false;
}

/** Reads each coder's folder, pairs the sessions by relative path, prints the ICC of every summary score and returns the exit code. */
export async function agreeFolders(format: AgreeFormat, optionValues: Record<string, unknown>, folders: string[], options: RunOptions): Promise<number> {
  const linter = await createCliLinter(optionValues, folders, options);
  const coders: FolderCoder[] = [];
  const copies: Map<string, ComparableCopy>[] = [];
  for (const [k, arg] of folders.entries()) {
    const folder = resolve(options.cwd, arg);
    const listing = await options.host.listFiles([folder], options.cwd);
    const byPath = new Map<string, ComparableCopy>();
    for (const file of listing.files) {
      const shown = displayPath(file, options.cwd);
      const report = await checkTranscriptFile(file, options.host, linter, { limit: sizeLimit() });
      if (report.problem?.kind === 'leftover') {
        options.stderr.write(
          `session-md: skipping ${shown}: a temporary copy left by an interrupted write of ${report.problem.original}; compare it with that file and delete it\n`,
        );
        continue;
      }
      const copy = comparableCopy(coderName(k), report);
      if (!('linted' in copy)) {
        options.stderr.write(`session-md: ${shown}: ${copyProblem(copy, options)}\n`);
        return EXIT.usage;
      }
      byPath.set(relative(folder, file).split(sep).join('/'), copy);
    }
    copies.push(byPath);
    coders.push({ name: coderName(k), folder: displayPath(folder, options.cwd) + '/', sessions: byPath.size });
  }
  const sessions = [...new Set(copies.flatMap((byPath) => [...byPath.keys()]))].sort();
  warnCodebookMismatches(sessions, copies, coders, options);
  const values = sessions.map((session) =>
    copies.map((byPath) => {
      const copy = byPath.get(session);
      return copy && sessionScoreValues(copy.linted.session, copy.linted.codesInForce);
    }),
  );
  const missing = sessions.flatMap((session) => {
    const lacking = copies.flatMap((byPath, k) => (byPath.has(session) ? [] : [coders[k]!.name]));
    return lacking.length > 0 ? [{ session, coders: lacking }] : [];
  });
  // Every summary score and rating the coders' codebooks declare, and their counts.
  const declared = sessionScoresOf(copies.flatMap((byPath) => [...byPath.values()].map((copy) => copy.linted.codesInForce)));
  const rendered = formatScoreReliability(format, { coders, sessions, missing, scores: scoreReliability(sessions, values, declared) });
  // The table is for people; JSON is escaped as JSON, and CSV is data.
  options.stdout.write(format === 'table' ? terminalText(rendered.stdout) : rendered.stdout);
  if (rendered.stderr) options.stderr.write(rendered.stderr);
  return EXIT.clean;
}

// A coder whose copy of a session is coded against another codebook than the first coder's is named: its scores count other codes.
function warnCodebookMismatches(
  sessions: readonly string[],
  copies: readonly Map<string, ComparableCopy>[],
  coders: readonly FolderCoder[],
  options: RunOptions,
): void {
  for (const session of sessions) {
    const present = copies.flatMap((byPath, k) => (byPath.has(session) ? [{ k, copy: byPath.get(session)! }] : []));
    const first = present[0]!;
    for (const { k, copy } of present.slice(1)) {
      if (copy.linted.codebook?.path === first.copy.linted.codebook?.path) continue;
      const name = (c: ComparableCopy): string => c.linted.codesInForce.name ?? c.linted.codebook?.path ?? 'unknown';
      options.stderr.write(
        `session-md: warning: ${coders[k]!.folder}${session} uses the codebook '${name(copy)}', not '${name(first.copy)}' as ${coders[first.k]!.folder}${session} does\n`,
      );
    }
  }
}
