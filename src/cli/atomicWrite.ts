import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryCopyName } from '../core';
import type { CliHost } from './host';
import { checkReplaceable, checkUnchanged, keepOwner, realTargetInside, type FileSnapshot } from './writeChecks';

export { WriteRefused, type FileSnapshot } from './writeChecks';

/** How a file may be written: the folder it must stay inside and, for `--fix`, the file as it was read. */
export interface WriteOptions {
  /** The folder the real path of the written file must lie inside (see `rootForPath`). */
  root: string;
  /** The file is replaced only if it is still as read; otherwise the write is refused. */
  unchangedSince?: FileSnapshot;
}

// Temporary files are named by the core (`temporaryCopyName`), so that a copy left by a killed run
// is found among the transcripts and reported instead of linted.
// One registry per process, also for the built CLI's two bundles (dist/cli.js and dist/commands.js
// each hold a copy of this module): main.ts's signal handler removes the temporaries of both.
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for('session-md.pendingWrites')] ??= { files: new Set<string>(), counter: 0 }) as {
  files: Set<string>;
  counter: number;
};
const pending = shared.files;

/**
 * Replaces a file's content without ever leaving it half-written: the text goes to a new
 * temporary file in the same folder, which takes the original's mode, owner and group and then
 * its name. A symbolic link whose target lies inside `options.root` is followed (the target is
 * replaced and the link stays a link); any other write outside the root is refused, as is
 * replacing a read-only file, a file with other hard links, or a file that changed since it was
 * read (`WriteRefused`). A file that does not exist yet is created with the default mode.
 */
export async function writeFileAtomic(host: CliHost, path: string, text: string | Uint8Array, options: WriteOptions): Promise<void> {
  const target = await realTargetInside(host, path, options.root);
  const existing = await host.stat(target);
  if (existing) checkReplaceable(existing);
  const temp = join(dirname(target), temporaryCopyName(basename(target), process.pid, ++shared.counter));
  pending.add(temp);
  try {
    // 'wx': never through something already at the temporary name, such as a planted link.
    await host.writeFile(
      temp,
      typeof text === 'string' ? new TextEncoder().encode(text) : text,
      existing ? { mode: existing.mode & 0o777, flag: 'wx' } : { flag: 'wx' },
    );
    if (existing) {
      await keepOwner(host, temp, existing);
      await host.chmod(temp, existing.mode & 0o7777);
    }
    if (options.unchangedSince) await checkUnchanged(host, target, options.unchangedSince);
    await host.rename(temp, target);
  } catch (error) {
    await host.unlink(temp).catch(() => undefined);
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
