// Preloaded (`node --require`) by scripts/code-cache.mjs into a training run of the CLI, and with it
// into its worker threads: when the bundle named by SESSION_MD_TRAIN_BUNDLE is loaded, writes its
// V8 code cache beside it as the thread ends. Never loaded by the CLI itself.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { basename } = require('node:path');
const { threadId } = require('node:worker_threads');

globalThis[Symbol.for('session-md.codeCache.training')] = (file, script, cacheFile) => {
  if (basename(file) !== process.env.SESSION_MD_TRAIN_BUNDLE) return;
  process.once('exit', () => {
    const cache = `${file}.cache`;
    const temporary = `${cache}.${process.pid}.${threadId}.tmp`;
    writeFileSync(temporary, cacheFile(script.createCachedData()));
    renameSync(temporary, cache);
  });
};
