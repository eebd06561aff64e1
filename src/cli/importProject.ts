import { join, resolve } from 'node:path';
import { describeReadError, importQdpx, Linter, QdpxError, refusalOf, roleMapProblem, type ProjectBack } from '../core';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import { displayPath } from './files';
import { parseMaxFileSize, sizeLimit } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';
import { writeSessions, type PlannedOutput } from './importWrite';

// `session-md import --from qdpx`: a REFI-QDA project read back into sessions and a codebook, all
// written below the --out folder (never over existing files without --force, never through a
// link out of it). The zip is read with bounds (see the core's qdpx/zip.ts); a bad zip or bad XML
// is reported with the entry, line and column to blame.

const NOT_FOR_QDPX = ['session', 'date', 'client', 'title', 'codebook', 'keep-cues', 'skip-bad-cues'] as const;

/** Imports a .qdpx into the `--out` folder; returns the exit code. */
export async function importProject(input: string, values: Record<string, unknown>, options: RunOptions): Promise<number> {
  for (const option of NOT_FOR_QDPX)
    if (values[option] !== undefined && values[option] !== false)
      throw new UsageError(`--${option} does not apply to --from qdpx: a project gives each session's front matter and its codebook`);
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  if (out === undefined || out === '') throw new UsageError('--from qdpx writes the sessions and a codebook: give the folder to write them in with --out');
  const roleMap = typeof values['role-map'] === 'string' ? values['role-map'] : undefined;
  const roleProblem = roleMap === undefined ? undefined : roleMapProblem(roleMap);
  if (roleProblem !== undefined) throw new UsageError(roleProblem);
  const path = resolve(options.cwd, input);
  const refusal = refusalOf(await options.host.stat(path), sizeLimit(parseMaxFileSize(values['max-file-size'])));
  if (refusal) {
    options.stderr.write(`session-md: ${input}: ${refusal}\n`);
    return EXIT.usage;
  }
  let back: ProjectBack;
  try {
    back = importQdpx(await options.host.readBytes(path), roleMap === undefined ? {} : { roleMap });
  } catch (error) {
    if (error instanceof QdpxError) {
      const at = error.at;
      const where = at === undefined ? '' : `${at.entry}${at.line === undefined ? '' : `:${at.line}${at.column === undefined ? '' : `:${at.column}`}`}: `;
      options.stderr.write(`session-md: ${input}: ${where}${error.message}\n`);
    } else options.stderr.write(`session-md: cannot read ${input}: ${describeReadError(error)}\n`);
    return EXIT.usage;
  }
  for (const warning of back.warnings) options.stderr.write(`session-md: ${input}: warning: ${warning}\n`);
  if (back.sessions.length === 0) {
    options.stderr.write(`session-md: ${input}: the project has no plain-text source to import; nothing was written\n`);
    return EXIT.problems;
  }
  const root = resolve(options.cwd, out);
  const force = values['force'] === true;
  const codebookPath = back.codebook === undefined ? undefined : join(root, back.codebook.file);
  if (!force) {
    const existing: string[] = [];
    for (const target of [...(codebookPath ? [codebookPath] : []), ...back.sessions.map((s) => join(root, s.path))])
      if ((await options.host.lstat(target)) !== undefined) existing.push(displayPath(target, options.cwd));
    if (existing.length > 0) {
      const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
      options.stderr.write(`session-md: not overwriting ${shown}; nothing was written (use --force to overwrite)\n`);
      return EXIT.usage;
    }
  }
  // The codebook first, so that the sessions are checked with it.
  if (codebookPath !== undefined && back.codebook !== undefined) {
    try {
      await options.host.makeFolder(root);
      await writeFileAtomic(options.host, codebookPath, back.codebook.text, { root });
    } catch (error) {
      const shown = displayPath(codebookPath, options.cwd);
      options.stderr.write(
        `session-md: ${error instanceof WriteRefused ? 'not writing' : 'cannot write'} ${shown}: ${error instanceof WriteRefused ? error.message : describeReadError(error)}\n`,
      );
      return EXIT.usage;
    }
    options.stderr.write(`session-md: wrote the codebook ${displayPath(codebookPath, options.cwd)} (${back.codebook.codes} codes)\n`);
  }
  const linter = new Linter(options.host, options.parseCounter ? { counter: options.parseCounter } : {});
  const plan: PlannedOutput[] = [];
  for (const session of back.sessions) {
    const target = join(root, session.path);
    const linted = await linter.lintText(target, session.text);
    const findings = linted.findings.filter((f) => f.ruleId !== 'phase-missing');
    for (const warning of session.warnings) options.stderr.write(`session-md: ${input}: warning: ${warning}\n`);
    plan.push({ session: { path: target, text: session.text, turns: session.turns, warnings: [], report: { path: target, findings, linted } }, target, root });
  }
  return writeSessions(plan, options, { force: true, input: path, inputShown: input });
}
