import { basename, dirname, join } from 'node:path';
import type { CliHost } from './host';
import type { Output } from './io';

// The lint cache belongs to one machine: committed, it would be restored in CI or on a
// colleague's machine, where it must not decide what is checked. So, as pytest and ruff do for
// theirs, session-md keeps git from picking it up: the first time it writes the cache inside a
// git work tree, it writes a .gitignore beside it, unless a .gitignore is there already, which is
// the user's file and is left as it is.

const MAX_DEPTH = 256;
const MAX_GITIGNORE_BYTES = 1_000_000;

/** After the cache at `cachePath` is first written: a .gitignore naming it beside it, inside a git work tree and where there is none; otherwise, if the existing one does not name it, a note. */
export async function ignoreInGit(host: CliHost, cachePath: string, stderr: Output): Promise<void> {
  const folder = dirname(cachePath);
  const name = basename(cachePath);
  if (/[\r\n]/.test(name) || !(await insideGitWorkTree(host, folder))) return;
  const gitignore = join(folder, '.gitignore');
  const text = `# Written by session-md: its lint cache (--cache) belongs to this machine; do not commit it.\n${gitignorePattern(name)}\n`;
  try {
    // 'wx': only where nothing is at that name, a symbolic link included.
    await host.writeFile(gitignore, new TextEncoder().encode(text), { flag: 'wx' });
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (code !== 'EEXIST') stderr.write(`session-md: could not write ${gitignore} to keep the cache out of git: ${code ?? String(error)}\n`);
    else if (!(await namesFile(host, gitignore, name)))
      stderr.write(`session-md: note: ${gitignore} does not name ${name}; add /${name} to it unless git ignores the cache otherwise\n`);
  }
}

/** A .gitignore line matching exactly the file `name` in its own folder: anchored, with glob characters and trailing spaces escaped. */
export function gitignorePattern(name: string): string {
  return `/${name.replace(/[\\*?[\]]/g, '\\$&').replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '))}`;
}

// Whether a `.git` folder (or, in a linked work tree, file) is in this folder or one above it.
async function insideGitWorkTree(host: CliHost, folder: string): Promise<boolean> {
  let dir = folder;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if ((await host.lstat(join(dir, '.git'))) !== undefined) return true;
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}

// Whether a line of the .gitignore is the cache's name as written here, anchored or not.
async function namesFile(host: CliHost, gitignore: string, name: string): Promise<boolean> {
  try {
    // Read only a regular file of reasonable size: a FIFO or a huge file there must not stall the lint.
    const stats = await host.stat(gitignore);
    if (!stats) return false;
    if (!stats.isFile || (stats.size ?? 0) > MAX_GITIGNORE_BYTES) return true;
    const lines = new TextDecoder()
      .decode(await host.readBytes(gitignore))
      .split(/\r?\n/)
      .map((line) => line.trim());
    return lines.includes(name) || lines.includes(gitignorePattern(name)) || lines.includes(`/${name}`);
  } catch {
    return false;
  }
}
