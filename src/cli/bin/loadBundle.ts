// Loads one of the CLI's bundles (dist/cli.bundle.js, dist/lintWorker.bundle.js,
// dist/commands.bundle.js) the way Node's `require` would, but with the V8 code cache that
// `npm run build` wrote beside it: the bytecode of every function a training run used, so a
// one-file lint neither parses the 650 kB bundle nor compiles each function when first called
// (docs/performance.md, "The code cache"). Node 22 has a compile cache of its own; Node 20 has not.
//
// Only the bundle files beside this one are ever compiled here, never text a user gave: the names
// are fixed in the stubs (dist/cli.js, dist/lintWorker.js, dist/commands.js) that call this.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** What became of a bundle's code cache: used, turned down by V8 (another Node version or other V8 flags), stale (not made from these bytes, or damaged), missing, or switched off. */
export type CodeCacheStatus = 'used' | 'rejected' | 'stale' | 'missing' | 'off';

/** The cache file's first bytes: a format tag, the SHA-256 of the bundle it was made from, then that of the V8 data after them. */
const MAGIC = Buffer.from('session-md code cache 2\n');
const HEADER_BYTES = MAGIC.length + 64;

/** The build's training run (scripts/code-cache.mjs) listens here for the compiled bundle, to write its cache when the run ends. */
const TRAINING_HOOK = Symbol.for('session-md.codeCache.training');
type TrainingHook = (file: string, script: Script, cacheFile: (data: Buffer) => Buffer) => void;

/** Where the code cache of a bundle is kept. */
export function codeCachePath(bundle: string): string {
  return `${bundle}.cache`;
}

/** Compiles and runs a bundle as a CommonJS module (with its code cache when it fits) and returns its exports. */
export function loadBundle(bundle: string): unknown {
  const { script } = compileBundle(bundle);
  const module = { exports: {} as unknown, id: bundle, filename: bundle, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.loaded = true;
  return module.exports;
}

/** Compiles a bundle without running it and says whether its code cache was used: for tests and `npm run bench`. */
export function probeCodeCache(bundle: string): CodeCacheStatus {
  return compileBundle(bundle).status;
}

function compileBundle(bundle: string): { script: Script; status: CodeCacheStatus } {
  const bytes = readFileSync(bundle);
  const bundleHash = sha256(bytes);
  const { cachedData, status } = readCodeCache(bundle, bundleHash);
  // The same wrapper Node's loader puts around a CommonJS file; a `#!` line is kept as a comment, so lines do not move.
  let source = bytes.toString('utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  (globalThis as { [TRAINING_HOOK]?: TrainingHook })[TRAINING_HOOK]?.(bundle, script, (data) => Buffer.concat([MAGIC, bundleHash, sha256(data), data]));
  return { script, status: cachedData === undefined ? status : script.cachedDataRejected === true ? 'rejected' : 'used' };
}

// V8 checks a cache against its version and flags, and against the source's length only, and a
// release build does not check the data itself (a damaged cache crashes the process), so the header
// ties the cache to the exact bytes of the bundle it was made from and to its own bytes.
function readCodeCache(bundle: string, bundleHash: Buffer): { cachedData?: Buffer; status: CodeCacheStatus } {
  if (process.env['SESSION_MD_CODE_CACHE'] === 'off') return { status: 'off' };
  let cache: Buffer;
  try {
    cache = readFileSync(codeCachePath(bundle));
  } catch {
    return { status: 'missing' };
  }
  const cachedData = cache.subarray(HEADER_BYTES);
  const fits =
    cache.length > HEADER_BYTES &&
    cache.subarray(0, MAGIC.length).equals(MAGIC) &&
    cache.subarray(MAGIC.length, MAGIC.length + 32).equals(bundleHash) &&
    cache.subarray(MAGIC.length + 32, HEADER_BYTES).equals(sha256(cachedData));
  return fits ? { cachedData, status: 'used' } : { status: 'stale' };
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
