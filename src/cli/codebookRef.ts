import { resolve } from 'node:path';
import { BUILTIN_CODEBOOKS, CodebookLoader, codebookFindings, type LoadedCodebook } from '../core';
import { formatResults } from './formatters';
import { EXIT, UsageError, type RunOptions } from './io';
import { displayPath } from './files';

/** Whether a command-line value names a built-in codebook rather than a file. */
export function isBuiltinCodebook(ref: string): boolean {
  return (BUILTIN_CODEBOOKS as readonly string[]).includes(ref);
}

/** The file a `--codebook` value names (a built-in name, or a path relative to the working folder); a UsageError when there is none. */
export async function resolveCodebookRef(ref: string, options: RunOptions): Promise<string> {
  const path = new CodebookLoader(options.host).resolve(ref, options.cwd);
  if ((await options.host.stat(path))?.isFile !== true) {
    const hint = isBuiltinCodebook(ref) ? 'this installation does not include it' : `built-in codebooks are ${BUILTIN_CODEBOOKS.join(', ')}`;
    throw new UsageError(`codebook not found: ${ref} (${hint})`);
  }
  return resolve(path);
}

/** How a codebook's origin is shown: the path as the user sees it, and the built-in name if it is one. */
export function describeCodebookFile(ref: string, path: string, cwd: string): string {
  return isBuiltinCodebook(ref) ? `${displayPath(path, cwd)} (built-in '${ref}')` : displayPath(path, cwd);
}

/**
 * Loads the codebook a command names. Returns it when it is valid; otherwise reports its
 * problems (positioned, on stderr) and returns the exit code: 1 for an invalid codebook, 2 when unreadable.
 */
export async function loadCodebookForCommand(
  ref: string,
  options: RunOptions,
): Promise<{ loaded: LoadedCodebook & { codebook: NonNullable<LoadedCodebook['codebook']> } } | { exit: number }> {
  const path = await resolveCodebookRef(ref, options);
  const loaded = await new CodebookLoader(options.host).load(path, options.cwd);
  const where = displayPath(path, options.cwd);
  if (loaded.readError !== undefined) {
    options.stderr.write(`session-md: ${where}: ${loaded.readError}\n`);
    return { exit: EXIT.usage };
  }
  if (loaded.problems.length > 0 || !loaded.codebook) {
    const findings = codebookFindings(loaded, 'error');
    options.stderr.write(formatResults('stylish', [{ path: where, findings }], { color: false, rules: [], extraRules: [] }));
    return { exit: EXIT.problems };
  }
  return { loaded: loaded as LoadedCodebook & { codebook: NonNullable<LoadedCodebook['codebook']> } };
}
