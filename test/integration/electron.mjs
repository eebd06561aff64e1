#!/usr/bin/env node
// `npm run test:electron`: the same suites as `npm run test:integration`, through
// @vscode/test-electron, the standard way. It DOWNLOADS VS Code (into .vscode-test/) on first
// use, so it needs internet; offline (CI here) the suites run through code-server instead.
// On Linux without a display, run it under Xvfb: `xvfb-run -a npm run test:electron`.
//
//   VSCODE_TEST_VERSION  VS Code to test with: stable (default), insiders, or 1.95.0 (engines.vscode)
//   SESSIONMD_TEST_GREP  only run the tests whose full title matches
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildExtension, writeUserSettings } from '../../scripts/vscode/codeServer.mjs';
import { SUITE_BUNDLE, buildSuites } from './build.mjs';

buildExtension();
await buildSuites();

// A fresh copy of examples/ (the suites write scratch files) and a fresh profile.
const tmp = mkdtempSync(join(tmpdir(), 'sessionmd-electron-'));
const workspace = join(tmp, 'examples');
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
const userDataDir = join(tmp, 'user-data');
writeUserSettings(userDataDir);

let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT, // our extension, loaded from the repo (package.json main: dist/extension.js)
    extensionTestsPath: join(ROOT, 'test', 'integration', 'electron-index.js'),
    // The first launch argument is the folder to open. test-electron adds --disable-workspace-trust,
    // so this run is trusted; the Restricted Mode test skips itself (SESSIONMD_TEST_RESTRICTED unset).
    launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${join(tmp, 'extensions')}`],
    extensionTestsEnv: {
      SESSIONMD_TEST_ENTRY: SUITE_BUNDLE,
      ...(process.env.SESSIONMD_TEST_GREP ? { SESSIONMD_TEST_GREP: process.env.SESSIONMD_TEST_GREP } : {}),
    },
  });
} catch (error) {
  console.error(`test:electron failed: ${error?.message ?? error}`);
  exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
