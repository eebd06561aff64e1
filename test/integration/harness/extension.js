// Test-only extension, installed next to Session Markdown by test/integration/run.mjs.
// code-server rejects --extensionTestsPath, so this extension plays that part: when the
// extension host has started it runs the compiled mocha suites with the real `vscode` API and
// writes the results as JSON for the driver. Without its environment variables it does nothing.
//
//   SESSIONMD_TEST_ENTRY    absolute path of the suite bundle (dist-test/integration.js)
//   SESSIONMD_TEST_RESULTS  where to write {passes, failures, pending, duration, vscodeVersion, tests: [...]}
//   SESSIONMD_TEST_MOCHA    absolute path of the repo's node_modules/mocha
//   SESSIONMD_TEST_TIMEOUT  per-test timeout in ms (default 120000: long enough for a busy machine)
//   SESSIONMD_TEST_GREP     only run tests whose full title matches this
//   SESSIONMD_NETWORK_HOOK  test/support/no-network.cjs, loaded before the suites run, so every
//                           connection the extension tries while they run is refused and logged
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

let started = false;

function activate() {
  const entry = process.env.SESSIONMD_TEST_ENTRY;
  const resultsFile = process.env.SESSIONMD_TEST_RESULTS;
  // Once per run: later windows of the same code-server (the screenshots) only look.
  if (!entry || !resultsFile || started || fs.existsSync(resultsFile)) return;
  started = true;
  if (process.env.SESSIONMD_NETWORK_HOOK) require(process.env.SESSIONMD_NETWORK_HOOK);
  // Let activation finish first; the suites open editors and activate other extensions.
  setTimeout(() => {
    runSuites(entry, resultsFile).catch((error) => {
      writeResults(resultsFile, {
        passes: 0,
        failures: 1,
        pending: 0,
        duration: 0,
        vscodeVersion: vscode.version,
        tests: [
          {
            title: 'loading the suites',
            fullTitle: 'loading the suites',
            titlePath: ['loading the suites'],
            state: 'failed',
            duration: 0,
            error: describeError(error),
          },
        ],
      });
    });
  }, 0);
}

function deactivate() {}

function describeError(error) {
  if (!error) return null;
  if (error instanceof Error) return error.stack || `${error.name}: ${error.message}`;
  return String(error);
}

function writeResults(file, results) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(tmp, file); // the driver never sees a half-written file
}

function runSuites(entry, resultsFile) {
  const Mocha = require(process.env.SESSIONMD_TEST_MOCHA || 'mocha');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.SESSIONMD_TEST_TIMEOUT || 120000),
    // The results go to the JSON file; the driver prints them.
    reporter: function SilentReporter() {},
  });
  if (process.env.SESSIONMD_TEST_GREP) mocha.grep(process.env.SESSIONMD_TEST_GREP);
  delete require.cache[require.resolve(entry)];
  mocha.addFile(entry);

  return new Promise((resolve, reject) => {
    const tests = [];
    const record = (test, state, error) => {
      const titlePath = typeof test.titlePath === 'function' ? test.titlePath() : [test.title];
      tests.push({
        title: test.title,
        fullTitle: test.fullTitle(),
        titlePath,
        state,
        duration: test.duration ?? null,
        error: describeError(error),
      });
    };
    let runner;
    try {
      const started = Date.now();
      runner = mocha.run((failures) => {
        try {
          const stats = runner.stats ?? {};
          writeResults(resultsFile, {
            passes: tests.filter((t) => t.state === 'passed').length,
            failures: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
            pending: tests.filter((t) => t.state === 'pending').length,
            duration: stats.duration ?? Date.now() - started,
            vscodeVersion: vscode.version,
            tests,
          });
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    } catch (error) {
      reject(error); // a suite that throws while loading
      return;
    }
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('fail', (test, error) => record(test, 'failed', error)); // also failing hooks
    runner.on('pending', (test) => record(test, 'pending'));
  });
}

module.exports = { activate, deactivate };
