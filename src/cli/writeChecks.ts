import { createHash } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CliHost, CliStat } from './host';

// What every write of the CLI checks before it replaces or creates a file: that it lands inside
// the folder it may write in (its root), never through a symbolic link out of it; that what it
// replaces is a regular file that is not read-only and has no other hard links; and, for `--fix`,
// that the file is still the one that was read.

/** A write that was not done, and why, in words for the user (without the file's own name). */
export class WriteRefused extends Error {}

/** What a file looked like when it was read, to tell whether it changed before it is replaced. */
export interface FileSnapshot {
  size: number;
  mtimeMs: number;
  /** `contentHash` of the bytes read. */
  hash: string;
}

/** SHA-1 of a file's bytes or a string's UTF-8, as the cache keys files and `--fix` recognises an unchanged one. */
export function contentHash(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('base64url');
}

/**
 * The folder a file named on the command line may be written in: the working folder when the
 * path lies inside it as written (before any symbolic link is followed), else the file's own folder.
 */
export function rootForPath(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  return isInside(absolute, resolve(cwd)) ? resolve(cwd) : dirname(absolute);
}

/**
 * The real path a write to `path` replaces or creates: every symbolic link resolved, that of the
 * file or (for a new file) of its folder. Refused unless it lies inside the real path of `root`.
 */
export async function realTargetInside(host: CliHost, path: string, root: string): Promise<string> {
  let target: string;
  try {
    target = await host.realpath(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // Nothing there yet, or a link to nothing: the write creates (or replaces the link by) a file in the real folder.
    target = join(await host.realpath(dirname(path)), basename(path));
  }
  const realRoot = await host.realpath(root);
  if (!isInside(target, realRoot))
    throw new WriteRefused(`it leads through a symbolic link to ${target}, outside ${realRoot}, the folder session-md may write in`);
  return target;
}

/** Refuses to replace what is not a regular file, a read-only file, or one with other hard links (replacing it would split them). */
export function checkReplaceable(stats: CliStat): void {
  if (!stats.isFile) throw new WriteRefused('it is not a regular file');
  if (!writableByMode(stats))
    throw new WriteRefused(`it is read-only (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}); make it writable first if it should change`);
  const links = stats.nlink ?? 1;
  if (links > 1)
    throw new WriteRefused(
      `it has ${links} hard links, and replacing it would leave the other names with the old text; remove the other links, or work on a copy`,
    );
}

/** Gives the new file `temp` the owner and group of the file it replaces; refused when that is not allowed (it would change the owner). */
export async function keepOwner(host: CliHost, temp: string, original: CliStat): Promise<void> {
  if (original.uid === undefined || original.gid === undefined) return;
  const made = await statOrNotFound(host, temp);
  if (made.uid === original.uid && made.gid === original.gid) return;
  try {
    await host.chown(temp, original.uid, original.gid);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code ?? String(error);
    throw new WriteRefused(
      `it belongs to user ${original.uid} and group ${original.gid}, and the rewritten file could not keep them (${code}); run this as its owner`,
    );
  }
}

/** Refuses when the file at `path` is no longer the one `read` describes: someone saved it since. */
export async function checkUnchanged(host: CliHost, path: string, read: FileSnapshot): Promise<void> {
  const now = await statOrNotFound(host, path);
  const same = now.size === read.size && now.mtimeMs === read.mtimeMs && contentHash(await host.readBytes(path)) === read.hash;
  if (!same) throw new WriteRefused('it changed after session-md read it (saved in an editor?), so the fix was not written; run the command again');
}

/** Whether the current user may write the file by its permission bits; root too is held to "no write bit at all". */
function writableByMode(stats: CliStat): boolean {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || stats.uid === undefined) return (stats.mode & 0o222) !== 0;
  const groups = new Set([process.getgid?.(), ...(process.getgroups?.() ?? [])]);
  const bit = stats.uid === uid ? 0o200 : groups.has(stats.gid) ? 0o020 : 0o002;
  return (stats.mode & bit) !== 0;
}

/** Whether `path` is `folder` or lies below it (both absolute). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

// What is at the path; a file that vanished is an ENOENT error, as reading it would be.
async function statOrNotFound(host: CliHost, path: string): Promise<CliStat> {
  const stat = await host.stat(path);
  if (!stat) throw Object.assign(new Error(`ENOENT: no such file or directory, stat '${path}'`), { code: 'ENOENT' });
  return stat;
}

/** Whether an error says that nothing is at the path. */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENOENT';
}
