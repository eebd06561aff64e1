import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliFs, CliStats } from './io';
import { checkReplaceable, checkUnchanged, isNotFound, keepOwner, realTargetInside, type FileSnapshot } from './writeChecks';

export { WriteRefused, type FileSnapshot } from './writeChecks';

/** How a file may be written: the folder it must stay inside and, for `--fix`, the file as it was read. */
export interface WriteOptions {
  /** The folder the real path of the written file must lie inside (see `rootForPath`). */
  root: string;
  /** The file is replaced only if it is still as read; otherwise the write is refused. */
  unchangedSince?: FileSnapshot;
}

// Temporary files are named `<name>.sessionmd-tmp-<pid>-<n>`, plus `.session.md` after a
// transcript's name, so that a copy left by a killed run is found by `lint` (which reports it
// instead of linting it) and by a pre-commit hook that checks staged `*.session.md` files.
const TEMP_MARKER = '.sessionmd-tmp-';
const TEMP_NAME = /^(.+)\.sessionmd-tmp-\d+-\d+(?:\.session\.md)?$/;
const pending = new Set<string>();
let counter = 0;

/**
 * Replaces a file's content without ever leaving it half-written: the text goes to a new
 * temporary file in the same folder, which takes the original's mode, owner and group and then
 * its name. A symbolic link whose target lies inside `options.root` is followed (the target is
 * replaced and the link stays a link); any other write outside the root is refused, as is
 * replacing a read-only file, a file with other hard links, or a file that changed since it was
 * read (`WriteRefused`). A file that does not exist yet is created with the default mode.
 */
export async function writeFileAtomic(fs: CliFs, path: string, text: string, options: WriteOptions): Promise<void> {
  const target = await realTargetInside(fs, path, options.root);
  const existing = await statIfAny(fs, target);
  if (existing) checkReplaceable(existing);
  const temp = join(dirname(target), temporaryName(basename(target)));
  pending.add(temp);
  try {
    // 'wx': never through something already at the temporary name, such as a planted link.
    await fs.writeFile(temp, new TextEncoder().encode(text), existing ? { mode: existing.mode & 0o777, flag: 'wx' } : { flag: 'wx' });
    if (existing) {
      await keepOwner(fs, temp, existing);
      await fs.chmod(temp, existing.mode & 0o7777);
    }
    if (options.unchangedSince) await checkUnchanged(fs, target, options.unchangedSince);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** Removes the temporary files of writes still under way; for a signal handler, so synchronous. */
export function removeTemporaryFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // Not created yet, or already renamed.
    }
  }
  pending.clear();
}

/** The file a temporary file was meant to replace (its name), or undefined when `name` is no temporary file of session-md. */
export function leftoverOf(name: string): string | undefined {
  return TEMP_NAME.exec(name)?.[1];
}

function temporaryName(name: string): string {
  return `${name}${TEMP_MARKER}${process.pid}-${++counter}${name.endsWith('.session.md') ? '.session.md' : ''}`;
}

// The file being replaced, or undefined when it is new.
async function statIfAny(fs: CliFs, path: string): Promise<CliStats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
