#!/usr/bin/env node
// `npm run test:integration`: runs the mocha suites of test/integration/suite/ inside a real
// VS Code extension host, offline, through code-server (VS Code's server and web workbench) and
// Debian's Chromium driven by playwright-core; then the Playwright steps, which take the README's
// screenshots into the temporary folder (a test run writes nothing in the repository).
// `npm run screenshots` (--screenshots-only) takes them alone and saves them to docs/images/.
// It talks only to 127.0.0.1.
//
//   node test/integration/run.mjs [--no-expect-sessions-view] [--no-screenshots | --screenshots-only] [--keep] [--grep <regexp>]
//
//   --no-expect-sessions-view  do not require the Sessions view to show goals and phases
//                              (or SESSIONMD_EXPECT_SESSIONS_VIEW=0)
//   --no-screenshots        skip the Playwright steps
//   --screenshots-only      run only the Playwright steps, and save the pictures to docs/images/
//   --keep                  keep the temporary workspace, profile and logs
//   --grep <regexp>         only run the tests whose full title matches
//   SESSIONMD_TEST_TIMEOUT_S  how long to wait for the suites' results (default 600: only a hang, not a busy machine)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  VERSIONS,
  buildExtension,
  extensionHostLogs,
  freePort,
  installExtension,
  installHarness,
  killGroup,
  readManifest,
  startCodeServer,
  tail,
  writeUserSettings,
} from '../../scripts/vscode/codeServer.mjs';
import { ensureSetup } from '../../scripts/vscode/setup.mjs';
import { SUITE_BUNDLE, buildSuites } from './build.mjs';
import { SUITE as PICKER_SUITE, checkTechniqueOrder, writeTechniqueSession } from './techniquePicker.mjs';
import { SUITE as UNICODE_SUITE, checkUnicodeHighlights, writeUnicodeWorkspace } from './unicodeHighlight.mjs';
import { SUITE as INERT_SUITE, checkFileTextStaysInert, startRequestLogger, writeHostileWorkspace } from './inertFileText.mjs';
import { takeScreenshots } from './screenshots.mjs';
import { SUITE as STATISTICS_SUITE, checkStatisticsView } from './statisticsView.mjs';
import { SUITE as GOAL_PROGRESS_SUITE, checkGoalProgressView } from './goalProgressView.mjs';
import { SUITE as MEDIA_SUITE, checkMediaPanel, writeMediaSession } from './mediaPanel.mjs';

const NO_NETWORK_HOOK = join(ROOT, 'test', 'support', 'no-network.cjs');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const options = {
  // The Sessions view must show the open session's goals and phases (the extension contributes it).
  expectSessionsView: !flag('--no-expect-sessions-view') && process.env.SESSIONMD_EXPECT_SESSIONS_VIEW !== '0',
  screenshots: !flag('--no-screenshots'),
  screenshotsOnly: flag('--screenshots-only'),
  keep: flag('--keep'),
  grep: option('--grep'),
  resultsTimeoutMs: Number(process.env.SESSIONMD_TEST_TIMEOUT_S ?? 600) * 1000,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (message) => console.log(`[integration] ${message}`);

// Everything started is stopped in every case: normal end, failure, timeout, Ctrl+C.
let codeServer = null;
let browser = null;
let requestLogger = null;
let tmp = null;
let keepTmp = options.keep;
let cleanedUp = null;
function cleanup() {
  cleanedUp ??= (async () => {
    const closing = browser?.close().catch(() => {});
    if (closing) await Promise.race([closing, sleep(5000)]);
    browser = null;
    if (codeServer) await codeServer.stop();
    await requestLogger?.close();
    if (tmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleanedUp;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.once(signal, () => {
    console.error(`\n[integration] ${signal}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(code));
  });
}
process.on('exit', () => killGroup(codeServer?.child)); // last resort, synchronous

function isLoopback(url) {
  try {
    const { protocol, hostname } = new URL(url);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, …
    return hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

async function waitForResults(file, deadline) {
  while (Date.now() < deadline) {
    const exited = codeServer.hasExited();
    if (exited) throw new Error(`code-server exited (${exited.signal ?? `code ${exited.code}`}) before the suites finished`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    await sleep(200);
  }
  return null;
}

function duration(ms) {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)}m`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
  return `${Math.round(ms)}ms`;
}

/** The extension's own calls tried no connection while the suites ran (test/support/no-network.cjs wrote none down). */
function networkStep(networkLog) {
  const attempts = existsSync(networkLog) ? readFileSync(networkLog, 'utf8').split('\n').filter(Boolean) : [];
  const title = 'opened no network connection while the suites ran';
  const error = attempts.length ? `${attempts.length} attempts:\n${attempts.slice(0, 5).join('\n')}` : undefined;
  return { title, titlePath: ['the extension', title], state: attempts.length ? 'failed' : 'passed', duration: 0, error };
}

/** Prints the results like mocha's spec reporter; the last lines are mocha's closing summary. */
function report(tests, durationMs) {
  console.log('');
  let previous = [];
  const failed = [];
  for (const test of tests) {
    const suites = test.titlePath.slice(0, -1);
    let common = 0;
    while (common < suites.length && suites[common] === previous[common]) common++;
    for (let i = common; i < suites.length; i++) console.log(`${'  '.repeat(i + 1)}${suites[i]}`);
    previous = suites;
    const indent = '  '.repeat(suites.length + 1);
    const time = test.duration >= 75 ? ` (${test.duration}ms)` : '';
    if (test.state === 'passed') console.log(`${indent}✔ ${test.title}${time}`);
    else if (test.state === 'pending') console.log(`${indent}- ${test.title}`);
    else {
      failed.push(test);
      console.log(`${indent}${failed.length}) ${test.title}`);
    }
  }
  failed.forEach((test, i) => {
    console.log(`\n  ${i + 1}) ${test.titlePath.slice(0, -1).join(' ')}\n       ${test.title}:`);
    console.log(`${(test.error ?? 'failed').replace(/^\t+/gm, '  ').replace(/^/gm, '     ')}`);
  });
  const passes = tests.filter((t) => t.state === 'passed').length;
  const pending = tests.filter((t) => t.state === 'pending').length;
  console.log('');
  console.log(`  ${passes} passing (${duration(durationMs)})`);
  if (pending) console.log(`  ${pending} pending`);
  if (failed.length) console.log(`  ${failed.length} failing`);
  return failed.length;
}

function printLogs(userDataDir, logFile) {
  console.error(`\n[integration] code-server log (${logFile}), last lines:\n${tail(logFile, 80)}`);
  for (const file of extensionHostLogs(userDataDir).slice(-1)) {
    console.error(`\n[integration] extension host log (${file}), last lines:\n${tail(file, 60)}`);
  }
}

async function main() {
  const started = Date.now();
  await ensureSetup({ browser: true });

  const suites = !options.screenshotsOnly;
  say(suites ? 'building the extension and the suites' : 'building the extension');
  buildExtension();
  if (suites) {
    const suiteFiles = await buildSuites();
    say(`suites: ${suiteFiles.join(', ')} -> ${relative(ROOT, SUITE_BUNDLE)}`);
  }

  tmp = mkdtempSync(join(tmpdir(), 'sessionmd-vscode-'));
  const workspace = join(tmp, 'examples');
  const extensionsDir = join(tmp, 'extensions');
  const userDataDir = join(tmp, 'user-data');
  const resultsFile = join(tmp, 'results.json');
  const logFile = join(tmp, 'code-server.log');
  const networkLog = join(tmp, 'network.log');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  const manifest = readManifest();
  const installed = installExtension(extensionsDir, manifest);
  if (suites) installHarness(extensionsDir);
  writeUserSettings(userDataDir);
  say(`installed ${relative(tmp, installed)}${suites ? ' and the test harness' : ''} into ${extensionsDir}`);

  const port = await freePort();
  codeServer = await startCodeServer({
    port,
    extensionsDir,
    userDataDir,
    stateDir: join(tmp, 'code-server-state'),
    tmpDir: join(tmp, 't'),
    workspace,
    logFile,
    env: !suites
      ? {}
      : {
          SESSIONMD_TEST_ENTRY: SUITE_BUNDLE,
          SESSIONMD_TEST_RESULTS: resultsFile,
          SESSIONMD_TEST_MOCHA: join(ROOT, 'node_modules', 'mocha'),
          SESSIONMD_TEST_RESTRICTED: '1',
          // The harness loads this into the extension host (VS Code drops NODE_OPTIONS there): every way
          // to open a connection is wrapped, and a call that comes through the installed extension's files
          // is refused and written to network.log.
          SESSIONMD_NETWORK_HOOK: NO_NETWORK_HOOK,
          SESSIONMD_NETWORK_LOG: networkLog,
          SESSIONMD_NETWORK_SCOPE: installed,
          ...(options.grep ? { SESSIONMD_TEST_GREP: options.grep } : {}),
          // The editor benchmark (bench/editor.mjs) hands its transcript and output file through.
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('SESSIONMD_PERF_'))),
        },
  });
  say(`code-server ${VERSIONS.codeServer} listening on ${codeServer.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // The snippet suite puts text on the clipboard and has VS Code read it, as a user's copy and paste would.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.url });
  const blocked = new Set();
  await context.route(
    (url) => !isLoopback(url.href),
    (route) => {
      blocked.add(new URL(route.request().url()).origin);
      return route.abort('blockedbyclient');
    },
  );
  const pageErrors = [];
  const openWorkbench = async (folder) => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return page;
  };

  const deadline = Date.now() + options.resultsTimeoutMs;
  const page = suites ? await openWorkbench(workspace) : null;
  if (suites) say(`workbench loaded in Chromium (${((Date.now() - started) / 1000).toFixed(1)} s); waiting for the suites`);

  const results = suites ? await waitForResults(resultsFile, deadline) : { tests: [], duration: 0, failures: 0, vscodeVersion: '' };
  if (!results) {
    keepTmp = true;
    console.error(`\n[integration] timed out: no results in ${resultsFile} after ${options.resultsTimeoutMs / 1000} s`);
    if (pageErrors.length) console.error(`[integration] errors in the page:\n  ${pageErrors.slice(-10).join('\n  ')}`);
    printLogs(userDataDir, logFile);
    say(`logs, profile and workspace kept in ${tmp}`);
    report(
      [
        {
          title: 'the suites report their results',
          titlePath: ['integration', 'the suites report their results'],
          state: 'failed',
          duration: 0,
          error: `timed out after ${options.resultsTimeoutMs / 1000} s`,
        },
      ],
      Date.now() - started,
    );
    return 1;
  }
  if (suites) say(`VS Code ${results.vscodeVersion} (code-server ${VERSIONS.codeServer}) ran the suites`);

  let tests = results.tests;
  let durationMs = results.duration;
  const checkUnicode = suites && (!options.grep || new RegExp(options.grep).test(UNICODE_SUITE));
  const checkPicker = suites && (!options.grep || new RegExp(options.grep).test(PICKER_SUITE));
  if (checkUnicode || checkPicker) {
    // A window on German, Spanish and French transcripts, in Restricted Mode like every folder here.
    const folder = writeUnicodeWorkspace(join(tmp, 'restricted'));
    writeTechniqueSession(folder);
    const restrictedPage = await openWorkbench(folder);
    const steps = [
      ...(checkUnicode ? await checkUnicodeHighlights(restrictedPage, { failureDir: tmp }) : []),
      ...(checkPicker ? await checkTechniqueOrder(restrictedPage, { failureDir: tmp }) : []),
    ];
    await restrictedPage.close();
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (suites && (!options.grep || new RegExp(options.grep).test(INERT_SUITE))) {
    // A window on a workspace whose file text points images and links at a request logger.
    requestLogger = await startRequestLogger();
    const hostilePage = await openWorkbench(writeHostileWorkspace(join(tmp, 'hostile'), requestLogger.origin));
    const steps = await checkFileTextStaysInert(hostilePage, { logger: requestLogger, manifest, failureDir: tmp });
    await hostilePage.close();
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (suites && (!options.grep || new RegExp(options.grep).test(STATISTICS_SUITE))) {
    // A window on an untouched copy of examples/: the statistics view in a 300 px column, and a click
    // on a chart dot (statisticsView.mjs). Not a screenshot: it runs with --no-screenshots too.
    const statisticsWorkspace = join(tmp, 'statistics', 'examples');
    cpSync(join(ROOT, 'examples'), statisticsWorkspace, { recursive: true });
    const statisticsPage = await openWorkbench(statisticsWorkspace);
    const steps = await checkStatisticsView(statisticsPage, { workspace: statisticsWorkspace, failureDir: tmp });
    await statisticsPage.close();
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (suites && (!options.grep || new RegExp(options.grep).test(GOAL_PROGRESS_SUITE))) {
    // A window on an untouched copy of examples/: the goal progress view, and a click on one of its cells (goalProgressView.mjs).
    const goalsWorkspace = join(tmp, 'goal-progress', 'examples');
    cpSync(join(ROOT, 'examples'), goalsWorkspace, { recursive: true });
    const goalsPage = await openWorkbench(goalsWorkspace);
    const steps = await checkGoalProgressView(goalsPage, { workspace: goalsWorkspace, failureDir: tmp });
    await goalsPage.close();
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (suites && (!options.grep || new RegExp(options.grep).test(MEDIA_SUITE))) {
    // A window on a folder with a transcript and a WAV the suite writes: the media panel (mediaPanel.mjs).
    const mediaWorkspace = join(tmp, 'media');
    writeMediaSession(mediaWorkspace);
    const mediaPage = await openWorkbench(mediaWorkspace);
    const steps = await checkMediaPanel(mediaPage, { failureDir: tmp });
    await mediaPage.close();
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (options.screenshots || options.screenshotsOnly) {
    // A new window on an untouched copy of examples/: the suites leave scratch files and editors behind.
    await page?.close();
    const screensWorkspace = join(tmp, 'screenshots', 'examples');
    cpSync(join(ROOT, 'examples'), screensWorkspace, { recursive: true });
    const screensPage = await openWorkbench(screensWorkspace);
    // A test run keeps the pictures in its temporary folder (kept when a step fails); only
    // `npm run screenshots` replaces the README's.
    const picturesRoot = options.screenshotsOnly ? ROOT : tmp;
    const steps = await takeScreenshots(screensPage, {
      root: picturesRoot,
      outDir: join(picturesRoot, 'docs', 'images'),
      workspace: screensWorkspace,
      manifest,
      expectSessionsView: options.expectSessionsView,
      failureDir: tmp,
    });
    tests = [...tests, ...steps];
    durationMs += steps.reduce((sum, s) => sum + s.duration, 0);
  }
  if (suites) tests = [...tests, networkStep(networkLog)];
  else if (!tests.some((t) => t.state === 'failed')) say(`saved the screenshots to ${join(ROOT, 'docs', 'images')}`);
  if (blocked.size) say(`blocked requests to ${[...blocked].join(', ')} (only 127.0.0.1 is allowed)`);
  const failing = tests.some((t) => t.state === 'failed') || results.failures > 0;
  if (failing) {
    keepTmp = true;
    printLogs(userDataDir, logFile);
    say(`logs, profile and workspace kept in ${tmp}`);
  } else if (options.keep) say(`kept ${tmp}`);
  report(tests, durationMs); // last: its final lines are mocha's closing summary
  return failing ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  keepTmp = true;
  console.error(`\n[integration] ${error?.stack ?? error}`);
  if (tmp) say(`logs, profile and workspace kept in ${tmp}`);
  report(
    [{ title: 'the integration run', titlePath: ['integration', 'the integration run'], state: 'failed', duration: 0, error: String(error?.message ?? error) }],
    0,
  );
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
