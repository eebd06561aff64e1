import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { CliHost, CliStat } from '../../src/cli/host';
import { BUILTIN_CODEBOOKS_DIR } from './paths';

/** Where the built-in codebooks are in a memory host. */
export const MEMORY_BUILTINS = '/builtin';

/** A host whose files live in a map and nowhere on disk, with a log of every call: proof that `run()` and the use cases read and write only through their host. */
export interface MemoryHost extends CliHost {
  files: Map<string, Uint8Array>;
  calls: string[];
  text(path: string): string | undefined;
}

const FOLDER_SUFFIX = { transcripts: '.session.md', codebooks: '.codebook.yaml' } as const;

/** A memory host holding `files` (absolute POSIX paths) and the built-in codebooks under /builtin. */
export function memoryHost(files: Record<string, string | Uint8Array>): MemoryHost {
  const store = new Map<string, Uint8Array>();
  const encode = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
  for (const [path, content] of Object.entries(files)) store.set(path, encode(content));
  for (const name of readdirSync(BUILTIN_CODEBOOKS_DIR)) store.set(posix.join(MEMORY_BUILTINS, name), readFileSync(posix.join(BUILTIN_CODEBOOKS_DIR, name)));
  const calls: string[] = [];
  const folders = new Set<string>();
  const isFolder = (path: string): boolean => path === '/' || folders.has(path) || [...store.keys()].some((file) => file.startsWith(`${path}/`));
  const stat = async (path: string): Promise<CliStat | undefined> => {
    calls.push(`stat ${path}`);
    const bytes = store.get(path);
    if (bytes) return { isFile: true, isDirectory: false, size: bytes.length, mode: 0o100644, mtimeMs: 0, nlink: 1 };
    return isFolder(path) ? { isFile: false, isDirectory: true, size: 0, mode: 0o40755 } : undefined;
  };
  const missing = (path: string): Error => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  const readBytes = async (path: string): Promise<Uint8Array> => {
    calls.push(`read ${path}`);
    const bytes = store.get(path);
    if (!bytes) throw missing(path);
    return bytes;
  };
  const under = (folder: string, suffix: string): string[] => [...store.keys()].filter((f) => f.startsWith(`${folder}/`) && f.endsWith(suffix)).sort();
  return {
    files: store,
    calls,
    text: (path) => (store.has(path) ? new TextDecoder().decode(store.get(path)) : undefined),
    builtinCodebookDir: MEMORY_BUILTINS,
    maxFileSize: { bytes: 10_000_000, setting: '--max-file-size' },
    readFile: async (path) => new TextDecoder().decode(await readBytes(path)),
    readBytes,
    stat,
    lstat: stat,
    async listFiles(paths, baseDir, kind = 'transcripts') {
      const found = new Set<string>();
      const missingPaths: string[] = [];
      const roots = new Map<string, string>();
      for (const arg of paths) {
        const path = posix.resolve(baseDir, arg);
        const matches = store.has(path) ? [path] : isFolder(path) ? under(path, FOLDER_SUFFIX[kind]) : undefined;
        if (!matches) missingPaths.push(arg);
        for (const match of matches ?? []) {
          found.add(match);
          if (!roots.has(match)) roots.set(match, store.has(path) ? posix.dirname(match) : path);
        }
      }
      return { files: [...found].sort(), missing: missingPaths, roots };
    },
    findLibraries: async (paths, baseDir) =>
      [
        ...new Set(
          paths
            .map((p) => posix.resolve(baseDir, p))
            .filter(isFolder)
            .flatMap((folder) => under(folder, '.codebook.yaml')),
        ),
      ].sort(),
    async writeFile(path, data, options) {
      calls.push(`write ${path}`);
      if (options?.flag === 'wx' && store.has(path)) throw Object.assign(new Error(`EEXIST: file already exists, open '${path}'`), { code: 'EEXIST' });
      store.set(path, data);
    },
    async makeFolder(path) {
      calls.push(`mkdir ${path}`);
      for (let folder = path; folder !== '/'; folder = posix.dirname(folder)) folders.add(folder);
    },
    async rename(from, to) {
      calls.push(`rename ${from} ${to}`);
      const bytes = store.get(from);
      if (!bytes) throw missing(from);
      store.delete(from);
      store.set(to, bytes);
    },
    unlink: async (path) => void store.delete(path),
    chmod: async () => undefined,
    chown: async () => undefined,
    async realpath(path) {
      if (!store.has(path) && !isFolder(path)) throw missing(path);
      return path;
    },
  };
}
