import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { FileHost } from '../core';

/** File access for the core from Node's file system; built-in codebooks ship in `codebooks/` beside `dist/`. */
export function createNodeHost(builtinCodebookDir = join(__dirname, '..', 'codebooks')): FileHost {
  return {
    builtinCodebookDir,
    readFile: (path) => fs.readFile(path, 'utf8'),
    async stat(path) {
      try {
        const s = await fs.stat(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch {
        return undefined;
      }
    },
  };
}
