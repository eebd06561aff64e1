import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  buildSession,
  ConfigLoadError,
  describeReadError,
  Linter,
  RULES,
  slug,
  splitFileNames,
  type ImportedTranscript,
  type ImportWarning,
  type RoleMap,
  type SessionMeta,
} from '../core';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import { isBuiltinCodebook, resolveCodebookRef } from './codebookRef';
import { displayPath } from './files';
import { formatResults, type FileResult } from './formatters';
import { EXIT, nodeFs, type CliFs, type RunOptions } from './io';
import { createNodeHost } from './nodeHost';
import { sameFileAs } from './outputFile';
import { isInside, rootForPath } from './writeChecks';

/** One transcript read from the input, with its `--split-by` value when the input was split. */
export interface ImportedSource {
  imported: ImportedTranscript;
  key?: string;
}

/** What every session of one import shares. */
export interface SessionSettings {
  input: string;
  /** The input's name without its extension. */
  stem: string;
  source: string;
  prefix: string;
  roles: RoleMap;
  session?: number;
  date?: string;
  client?: string;
  title?: string;
  splitBy?: string;
}

/** A session to write: what it holds, where it goes (undefined: stdout) and the path it is checked as. */
export interface PlannedSession {
  source: ImportedSource;
  target?: string;
  /** The folder the target may be written in: the `--out` folder, or for an `--out` file the current folder (or, outside it, the file's own). */
  root?: string;
  lintPath: string;
  meta: SessionMeta;
}

/** Decides each session's file (or stdout), title and `codebook:` value, relative to where it will be written. */
export async function planOutputs(sources: ImportedSource[], settings: SessionSettings, values: Record<string, unknown>, options: RunOptions): Promise<PlannedSession[]> {
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  const ref = typeof values['codebook'] === 'string' ? values['codebook'] : undefined;
  const codebookFile = ref === undefined || isBuiltinCodebook(ref) ? undefined : await resolveCodebookRef(ref, options);
  const targets = await targetPaths(sources, settings, out, options);
  return sources.map((source, i) => {
    const { target, root } = targets[i] ?? {};
    const lintPath = target ?? join(options.cwd, `${slug(settings.stem)}.session.md`);
    const meta: SessionMeta = { title: titleOf(source, settings), source: settings.source, roles: settings.roles };
    for (const key of ['session', 'date', 'client'] as const) if (settings[key] !== undefined) Object.assign(meta, { [key]: settings[key] });
    if (ref !== undefined) meta.codebook = codebookFile === undefined ? ref : relative(dirname(lintPath), codebookFile).split(sep).join('/');
    return { source, lintPath, meta, ...(target !== undefined && root !== undefined ? { target, root } : {}) };
  });
}

function titleOf(source: ImportedSource, settings: SessionSettings): string {
  const base = settings.title ?? settings.stem;
  return source.key === undefined ? base : `${base}, ${settings.splitBy} ${source.key}`;
}

async function targetPaths(sources: ImportedSource[], settings: SessionSettings, out: string | undefined, options: RunOptions): Promise<({ target: string; root: string } | undefined)[]> {
  if (out === undefined) return sources.map(() => undefined);
  const path = resolve(options.cwd, out);
  if (settings.splitBy !== undefined) return splitFileNames(sources.map((s) => s.key ?? ''), settings.prefix).map((name) => ({ target: join(path, name), root: path }));
  const isFolder = /[\\/]$/.test(out) || (await (options.fs ?? nodeFs).stat(path).then((s) => s.isDirectory()).catch(() => false));
  return [isFolder ? { target: join(path, `${slug(settings.stem)}.session.md`), root: path } : { target: path, root: rootForPath(path, options.cwd) }];
}

/** How the sessions may be written: over existing files only with `force`, and never over the `input` read. */
export interface WriteRules {
  force: boolean;
  input: string;
}

/** Writes the planned sessions (refusing to overwrite without `--force`, and the input always), reports warnings and lint findings other than phase-missing, and returns the exit code. */
export async function writeSessions(plan: PlannedSession[], settings: SessionSettings, options: RunOptions, rules: WriteRules): Promise<number> {
  if (await refuseInput(plan, rules.input, options)) return EXIT.usage;
  if (!rules.force && (await refuseExisting(plan, options))) return EXIT.usage;
  const linter = new Linter(createNodeHost(options.builtinCodebookDir));
  const results: FileResult[] = [];
  let turns = 0;
  for (const planned of plan) {
    const built = buildSession(planned.source.imported.utterances, planned.meta);
    reportWarnings([...planned.source.imported.warnings, ...built.warnings], settings.input, planned, options);
    const written = await writeOne(planned, built.text, options);
    if (written !== undefined) return written;
    turns += planned.source.imported.utterances.length;
    try {
      const findings = (await linter.lintText(planned.lintPath, built.text)).findings.filter((f) => f.ruleId !== 'phase-missing');
      if (findings.length > 0) results.push({ path: displayPath(planned.lintPath, options.cwd), findings });
    } catch (error) {
      if (!(error instanceof ConfigLoadError)) throw error;
      options.stderr.write(`session-md: cannot check ${displayPath(planned.lintPath, options.cwd)}: invalid config: ${error.message}\n`);
      return EXIT.usage;
    }
  }
  if (results.length > 0) options.stderr.write(formatResults('stylish', results, { color: false, rules: RULES, extraRules: [] }));
  const where = plan[0]?.target === undefined ? 'stdout' : plan.length === 1 ? displayPath(plan[0].target, options.cwd) : displayPath(dirname(plan[0].target), options.cwd);
  options.stderr.write(`session-md: imported ${plan.length} session${plan.length === 1 ? '' : 's'} (${turns} turn${turns === 1 ? '' : 's'}) to ${where}\n`);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.problems : EXIT.clean;
}

async function refuseInput(plan: PlannedSession[], input: string, options: RunOptions): Promise<boolean> {
  for (const { target } of plan) {
    if (target === undefined || (await sameFileAs(options.fs ?? nodeFs, target, [input]).catch(() => undefined)) === undefined) continue;
    options.stderr.write(`session-md: not writing ${displayPath(target, options.cwd)}: it is the file being imported; nothing was written\n`);
    return true;
  }
  return false;
}

async function refuseExisting(plan: PlannedSession[], options: RunOptions): Promise<boolean> {
  const fs = options.fs ?? nodeFs;
  const existing: string[] = [];
  // lstat: a symbolic link is something there too, even one that leads nowhere.
  for (const { target } of plan) if (target !== undefined && (await fs.lstat(target).then(() => true, () => false))) existing.push(displayPath(target, options.cwd));
  if (existing.length === 0) return false;
  const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
  options.stderr.write(`session-md: not overwriting ${shown}; nothing was written (use --force to overwrite)\n`);
  return true;
}

async function writeOne(planned: PlannedSession, text: string, options: RunOptions): Promise<number | undefined> {
  if (planned.target === undefined || planned.root === undefined) {
    options.stdout.write(text);
    return undefined;
  }
  const fs = options.fs ?? nodeFs;
  try {
    // The folder named by --out is created as named; folders below it only where they stay inside it.
    await mkdir(planned.root, { recursive: true });
    await folderInside(fs, dirname(planned.target), planned.root);
    await mkdir(dirname(planned.target), { recursive: true });
    await writeFileAtomic(fs, planned.target, text, { root: planned.root });
    return undefined;
  } catch (error) {
    const shown = displayPath(planned.target, options.cwd);
    options.stderr.write(error instanceof WriteRefused ? `session-md: not writing ${shown}: ${error.message}\n` : `session-md: cannot write ${shown}: ${describeReadError(error)}\n`);
    return EXIT.usage;
  }
}

// Refuses a folder to be created whose nearest existing ancestor is, through a symbolic link, outside the root.
async function folderInside(fs: CliFs, folder: string, root: string): Promise<void> {
  const realRoot = await fs.realpath(root);
  for (let dir = folder; ; dir = dirname(dir)) {
    const real = await fs.realpath(dir).catch(() => undefined);
    if (real !== undefined) {
      if (!isInside(real, realRoot)) throw new WriteRefused(`its folder leads through a symbolic link to ${real}, outside ${realRoot}, the folder session-md may write in`);
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

function reportWarnings(warnings: ImportWarning[], input: string, planned: PlannedSession, options: RunOptions): void {
  const target = planned.source.key === undefined || planned.target === undefined ? '' : ` (${displayPath(planned.target, options.cwd)})`;
  for (const w of [...warnings].sort((a, b) => a.line - b.line)) options.stderr.write(`session-md: ${input}:${w.line}: warning: ${w.message}${target}\n`);
}
