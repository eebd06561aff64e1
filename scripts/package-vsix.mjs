#!/usr/bin/env node
// `npm run package`: builds session-markdown-<version>.vsix with @vscode/vsce, offline.
//
//   node scripts/package-vsix.mjs [--out <file>]
//
// package.json's `files` is the npm package's allow-list (the CLI), and vsce would apply it to the
// .vsix too (it refuses `files` beside a .vscodeignore). So the extension is packaged from a staging
// copy of what it ships (VSIX_FILES, the set the real-VS-Code tests install) with the .vscodeignore
// and a package.json without `files`.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, VSIX_FILES, buildExtension, readManifest, run } from './vscode/codeServer.mjs';

const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const manifest = readManifest();
const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : join(ROOT, `${manifest.name}-${manifest.version}.vsix`));

buildExtension();
const stage = mkdtempSync(join(tmpdir(), 'sessionmd-vsix-'));
try {
  for (const entry of [...VSIX_FILES, '.vscodeignore']) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  }
  const { files: _npmFiles, ...staged } = manifest;
  // Built above; the staging copy has no sources to build from.
  delete staged.scripts?.['vscode:prepublish'];
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: stage });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
