import { basename, dirname, resolve } from 'node:path';
import {
  ConfigLoadError,
  describeReadError,
  Linter,
  planImport,
  RULES,
  type ImportInput,
  type ImportPlacement,
  type ImportSettings,
  type PlannedSession,
} from '../core';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import { isBuiltinCodebook, resolveCodebookRef } from './codebookRef';
import { displayPath } from './files';
import { formatResults } from './formatters';
import type { CliHost } from './host';
import { EXIT, type RunOptions } from './io';
import { sameFileAs } from './outputFile';
import { isInside, rootForPath } from './writeChecks';

/** A session of the core's plan with where it goes: a file (`target`, written only inside `root`), or stdout. */
export interface PlannedOutput {
  session: PlannedSession;
  target?: string;
  /** The folder the target may be written in: the `--out` folder, or for an `--out` file the current folder (or, outside it, the file's own). */
  root?: string;
}

/** Plans the import (the core builds, names and lints each session) and decides where each goes: `--out` as a folder or a file, or stdout. */
export async function planOutputs(
  input: ImportInput,
  settings: ImportSettings,
  values: Record<string, unknown>,
  options: RunOptions,
): Promise<PlannedOutput[]> {
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  const ref = typeof values['codebook'] === 'string' ? values['codebook'] : undefined;
  const codebook = ref === undefined ? undefined : isBuiltinCodebook(ref) ? { ref } : { ref, path: await resolveCodebookRef(ref, options) };
  const { placement, root } = await placementOf(out, input, options);
  const plan = await planImport(
    input,
    { ...settings, ...(codebook ? { codebook } : {}) },
    placement,
    new Linter(options.host, options.parseCounter ? { counter: options.parseCounter } : {}),
  );
  return plan.map((session) => ({ session, ...(root !== undefined ? { target: session.path, root: root(session.path) } : {}) }));
}

// Where the sessions are written (or, going to stdout, checked as if they were: in the working folder), and the folder each may be written in.
async function placementOf(
  out: string | undefined,
  input: ImportInput,
  options: RunOptions,
): Promise<{ placement: ImportPlacement; root?: (target: string) => string }> {
  if (out === undefined) return { placement: { folder: options.cwd } };
  const path = resolve(options.cwd, out);
  const isFolder = input.splitBy !== undefined || /[\\/]$/.test(out) || (await options.host.stat(path))?.isDirectory === true;
  if (isFolder) return { placement: { folder: path }, root: () => path };
  return { placement: { folder: dirname(path), fileName: basename(path) }, root: (target) => rootForPath(target, options.cwd) };
}

/** How the sessions may be written: over existing files only with `force`, and never over the `input` read (its absolute path, and as the user named it). */
export interface WriteRules {
  force: boolean;
  input: string;
  inputShown: string;
}

/** Writes the planned sessions (refusing to overwrite without `--force`, and the input always), reports warnings and lint findings other than phase-missing, and returns the exit code. */
export async function writeSessions(plan: PlannedOutput[], options: RunOptions, rules: WriteRules): Promise<number> {
  if (await refuseInput(plan, rules.input, options)) return EXIT.usage;
  if (!rules.force && (await refuseExisting(plan, options))) return EXIT.usage;
  const results: { path: string; findings: PlannedSession['report']['findings'] }[] = [];
  let turns = 0;
  for (const planned of plan) {
    const { session } = planned;
    reportWarnings(session, rules.inputShown, planned, options);
    const written = await writeOne(planned, session.text, options);
    if (written !== undefined) return written;
    turns += session.turns;
    const { report } = session;
    if (report.problem?.kind === 'config') {
      options.stderr.write(
        `session-md: cannot check ${displayPath(session.path, options.cwd)}: invalid config: ${new ConfigLoadError(report.problem.errors).message}\n`,
      );
      return EXIT.usage;
    }
    if (report.findings.length > 0) results.push({ path: displayPath(session.path, options.cwd), findings: report.findings });
  }
  if (results.length > 0) options.stderr.write(formatResults('stylish', results, { color: false, rules: RULES, extraRules: [] }));
  const where =
    plan[0]?.target === undefined ? 'stdout' : plan.length === 1 ? displayPath(plan[0].target, options.cwd) : displayPath(dirname(plan[0].target), options.cwd);
  options.stderr.write(`session-md: imported ${plan.length} session${plan.length === 1 ? '' : 's'} (${turns} turn${turns === 1 ? '' : 's'}) to ${where}\n`);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.problems : EXIT.clean;
}

async function refuseInput(plan: PlannedOutput[], input: string, options: RunOptions): Promise<boolean> {
  for (const { target } of plan) {
    if (target === undefined || (await sameFileAs(options.host, target, [input]).catch(() => undefined)) === undefined) continue;
    options.stderr.write(`session-md: not writing ${displayPath(target, options.cwd)}: it is the file being imported; nothing was written\n`);
    return true;
  }
  return false;
}

async function refuseExisting(plan: PlannedOutput[], options: RunOptions): Promise<boolean> {
  const existing: string[] = [];
  // lstat: a symbolic link is something there too, even one that leads nowhere.
  for (const { target } of plan) if (target !== undefined && (await options.host.lstat(target)) !== undefined) existing.push(displayPath(target, options.cwd));
  if (existing.length === 0) return false;
  const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
  options.stderr.write(`session-md: not overwriting ${shown}; nothing was written (use --force to overwrite)\n`);
  return true;
}

async function writeOne(planned: PlannedOutput, text: string, options: RunOptions): Promise<number | undefined> {
  if (planned.target === undefined || planned.root === undefined) {
    options.stdout.write(text);
    return undefined;
  }
  const host = options.host;
  try {
    // The folder named by --out is created as named; folders below it only where they stay inside it.
    await host.makeFolder(planned.root);
    await folderInside(host, dirname(planned.target), planned.root);
    await host.makeFolder(dirname(planned.target));
    await writeFileAtomic(host, planned.target, text, { root: planned.root });
    return undefined;
  } catch (error) {
    const shown = displayPath(planned.target, options.cwd);
    options.stderr.write(
      error instanceof WriteRefused
        ? `session-md: not writing ${shown}: ${error.message}\n`
        : `session-md: cannot write ${shown}: ${describeReadError(error)}\n`,
    );
    return EXIT.usage;
  }
}

// Refuses a folder to be created whose nearest existing ancestor is, through a symbolic link, outside the root.
async function folderInside(host: CliHost, folder: string, root: string): Promise<void> {
  const realRoot = await host.realpath(root);
  for (let dir = folder; ; dir = dirname(dir)) {
    const real = await host.realpath(dir).catch(() => undefined);
    if (real !== undefined) {
      if (!isInside(real, realRoot))
        throw new WriteRefused(`its folder leads through a symbolic link to ${real}, outside ${realRoot}, the folder session-md may write in`);
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

function reportWarnings(session: PlannedSession, input: string, planned: PlannedOutput, options: RunOptions): void {
  const target = session.key === undefined || planned.target === undefined ? '' : ` (${displayPath(planned.target, options.cwd)})`;
  for (const w of session.warnings) options.stderr.write(`session-md: ${input}:${w.line}: warning: ${w.message}${target}\n`);
}
