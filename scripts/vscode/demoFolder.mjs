// The folder `npm start` opens: a scratch copy of examples/ in the git-ignored scratch/, so that
// trying the extension (code-server saves as you type) never changes the tracked examples.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './codeServer.mjs';

/** Where `npm start` keeps its copy of examples/ (git-ignored). */
export const DEMO_FOLDER = join(ROOT, 'scratch', 'examples');

/**
 * Copies `source` (examples/) to `target` unless the copy is there already, so edits made in
 * the demo survive a restart; `reset` throws the copy away first. Returns whether it copied.
 */
export function prepareDemoFolder({ source = join(ROOT, 'examples'), target = DEMO_FOLDER, reset = false } = {}) {
  if (reset) rmSync(target, { recursive: true, force: true });
  if (existsSync(target)) return false;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  return true;
}
