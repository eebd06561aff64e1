import { basename, dirname, join } from 'node:path';
import type { CliFs } from './io';

let counter = 0;

/**
 * Replaces a file's content without ever leaving it half-written: the text goes to a
 * temporary file in the same folder, which then takes the original's mode and name.
 * A symbolic link is followed, so the file it points to is replaced and the link stays a link.
 * A file that does not exist yet is created with the default mode.
 */
export async function writeFileAtomic(fs: CliFs, path: string, text: string): Promise<void> {
  const target = await realTarget(fs, path);
  const mode = await existingMode(fs, target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${++counter}.tmp`);
  try {
    await fs.writeFile(temp, new TextEncoder().encode(text), mode === undefined ? undefined : { mode });
    if (mode !== undefined) await fs.chmod(temp, mode);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

// The file a path finally names, through any symbolic links; the path itself when nothing is there yet.
async function realTarget(fs: CliFs, path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (isNotFound(error)) return path;
    throw error;
  }
}

// The permission bits of the file being replaced, or undefined when it is new.
async function existingMode(fs: CliFs, path: string): Promise<number | undefined> {
  try {
    return (await fs.stat(path)).mode & 0o7777;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENOENT';
}
