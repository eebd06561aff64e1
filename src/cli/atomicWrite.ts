import { basename, dirname, join } from 'node:path';
import type { CliFs } from './io';

let counter = 0;

/**
 * Replaces a file's content without ever leaving it half-written: the text goes to a
 * temporary file in the same folder, which then takes the original's mode and name.
 */
export async function writeFileAtomic(fs: CliFs, path: string, text: string): Promise<void> {
  const { mode } = await fs.stat(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    await fs.writeFile(temp, new TextEncoder().encode(text), { mode: mode & 0o7777 });
    await fs.chmod(temp, mode & 0o7777);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
