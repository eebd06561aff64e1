import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from './fileSize';
import { findLibraries, selectFiles } from './files';
import type { CliHost } from './host';
import { lstatOrUndefined, nodeReader, resolveRealPath } from './nodeFiles';

const FOLDER_GLOBS = { transcripts: '**/*.session.md', codebooks: '**/*.codebook.yaml' } as const;

/**
 * The host `session-md` runs with (`main.ts` passes it to `run()`): Node's file system for
 * reading (see `nodeReader`) and writing, with folders listed by tinyglobby.
 */
export function createNodeHost(builtinCodebookDir = join(__dirname, '..', 'codebooks'), maxFileSize = DEFAULT_MAX_FILE_SIZE): CliHost {
  return {
    ...nodeReader(builtinCodebookDir, maxFileSize),
    lstat: async (path) => lstatOrUndefined(path),
    listFiles: (paths, baseDir, kind = 'transcripts') => selectFiles(paths, baseDir, FOLDER_GLOBS[kind]),
    findLibraries: (paths, baseDir) => findLibraries(paths, baseDir),
    writeFile: (path, data, options) => fs.writeFile(path, data, options ?? {}),
    makeFolder: async (path) => void (await fs.mkdir(path, { recursive: true })),
    rename: (from, to) => fs.rename(from, to),
    unlink: (path) => fs.unlink(path),
    chmod: (path, mode) => fs.chmod(path, mode),
    chown: (path, uid, gid) => fs.chown(path, uid, gid),
    realpath: resolveRealPath,
  };
}
