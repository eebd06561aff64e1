// Shared helpers for running the extension in a real VS Code offline, through code-server.
// Used by scripts/vscode/setup.mjs, scripts/vscode/start.mjs and test/integration/run.mjs.
// See /work/shared/notes/real-vscode-offline.md for why it is done this way.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the offline setup installs; change a version here and setup.mjs reinstalls. */
export const VERSIONS = Object.freeze({ node: '24', codeServer: '4.139.1' });

/** Git-ignored cache (the same folder @vscode/test-electron uses for its downloads). */
export const CACHE_DIR = join(ROOT, '.vscode-test', 'offline');
export const NODE24_PREFIX = join(CACHE_DIR, 'node24');
export const NODE24_PKG = join(NODE24_PREFIX, 'node_modules', 'node');
export const NODE24_BIN_DIR = join(NODE24_PKG, 'bin');
export const NODE24 = join(NODE24_BIN_DIR, 'node');
/** Node 24's own folder with include/node, for node-gyp (`npm_config_nodedir`). */
export const NODE24_NODEDIR = join(NODE24_PKG, 'node_modules', `node-${process.platform}-${process.arch}`);
export const CODE_SERVER_PREFIX = join(CACHE_DIR, 'code-server');
export const CODE_SERVER_PKG = join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
export const SETUP_MARKER = join(CACHE_DIR, 'setup.json');

export const CHROMIUM = process.env.SESSIONMD_CHROMIUM ?? '/usr/bin/chromium';
/** Chromium on a machine without internet: no background traffic, and no host but loopback resolves. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** The identity VS Code gives our extension, and the harness that runs the suites. */
export function readManifest() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}
export function extensionId(manifest = readManifest()) {
  return `${manifest.publisher}.${manifest.name}`;
}
export const HARNESS_DIR = join(ROOT, 'test', 'integration', 'harness');

export function log(message) {
  console.log(`[vscode] ${message}`);
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command, inheriting stdio; throws with the command line when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed with ${result.signal ?? `exit code ${result.status}`}`);
  }
}

/** `npm run build`: bundles dist/extension.js and dist/cli.js. */
export function buildExtension() {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT });
}

/** True when scripts/vscode/setup.mjs has completed for the current VERSIONS. */
export function isSetUp() {
  if (!existsSync(SETUP_MARKER) || !existsSync(NODE24) || !existsSync(CODE_SERVER_ENTRY)) return false;
  try {
    const marker = JSON.parse(readFileSync(SETUP_MARKER, 'utf8'));
    return marker.nodeSpec === VERSIONS.node && marker.codeServer === VERSIONS.codeServer;
  } catch {
    return false;
  }
}

/**
 * The files a .vsix of this extension contains (see .vscodeignore): copied into
 * `<extensionsDir>/<publisher>.<name>-<version>/`, which VS Code picks up like an installed .vsix.
 */
export const VSIX_FILES = [
  'package.json',
  'dist/extension.js',
  'syntaxes',
  'snippets',
  'codebooks',
  'schemas',
  'media',
  'language-configuration.json',
  'README.md',
  'docs/images',
  'docs/format.md',
  'LICENSE',
];
/** Left out of the copied folders, as .vscodeignore leaves them out of the .vsix. */
const NOT_IN_VSIX = /\.(map|ts|mjs)$/;

export function installExtension(extensionsDir, manifest = readManifest()) {
  const target = join(extensionsDir, `${extensionId(manifest)}-${manifest.version}`);
  mkdirSync(target, { recursive: true });
  if (!existsSync(join(ROOT, manifest.main ?? 'dist/extension.js'))) {
    throw new Error(`${manifest.main} is missing: run \`npm run build\` first`);
  }
  for (const entry of VSIX_FILES) {
    const from = join(ROOT, entry);
    if (!existsSync(from)) continue; // snippets/ and media/ arrive with the extension work
    cpSync(from, join(target, entry), { recursive: true, filter: (src) => !NOT_IN_VSIX.test(src) });
  }
  return target;
}

/** Installs the test-only harness extension (test/integration/harness) next to ours. */
export function installHarness(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(HARNESS_DIR, 'package.json'), 'utf8'));
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  cpSync(HARNESS_DIR, target, { recursive: true });
  return target;
}

/**
 * User settings for a fresh profile. Workspace Trust stays enabled, so folders open in
 * Restricted Mode (as a transcript folder from a colleague does); only its modal prompt and
 * banner are turned off. Everything that would reach for the internet is off.
 */
export const USER_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  // VS Code 1.139 opens an empty Chat side bar on the right; it has nothing to do with us.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'chat.disableAIFeatures': true,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
});

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, `${JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2)}\n`);
  return file;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts code-server with Node 24 on 127.0.0.1:<port>, in its own process group so that
 * stop() ends it with all its children (the extension host, file watchers, …).
 * `stateDir` holds code-server's own config and data (not the user's home); `tmpDir`, if given,
 * is its TMPDIR (keep the path short: it holds Unix sockets).
 */
export async function startCodeServer({ port, extensionsDir, userDataDir, stateDir, tmpDir, workspace, env = {}, logFile, readyTimeoutMs = 60_000 }) {
  if (!isSetUp()) throw new Error('code-server is not set up: run `node scripts/vscode/setup.mjs` first');
  mkdirSync(stateDir, { recursive: true });
  if (tmpDir) mkdirSync(tmpDir, { recursive: true });
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--config',
    join(stateDir, 'config.yaml'),
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    workspace,
  ];
  const childEnv = {
    ...process.env,
    PATH: `${NODE24_BIN_DIR}:${process.env.PATH ?? ''}`,
    // Keep code-server's own state out of $HOME.
    XDG_CONFIG_HOME: join(stateDir, 'config'),
    XDG_DATA_HOME: join(stateDir, 'data'),
    XDG_CACHE_HOME: join(stateDir, 'cache'),
    // VS Code's IPC sockets (vscode-ipc-*.sock) go to the temp dir and outlive the server: give it its own.
    ...(tmpDir ? { TMPDIR: tmpDir } : {}),
    // Anything that tries the internet through the standard proxy settings hits a closed loopback port.
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...env,
  };
  const out = openSync(logFile, 'a');
  const child = spawn(NODE24, args, { env: childEnv, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during startup (${exited.signal ?? `code ${exited.code}`}):\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return {
    child,
    url,
    port,
    logFile,
    hasExited: () => exited,
    stop: () => stopProcessGroup(child),
  };
}

/** SIGTERM to the whole process group, then SIGKILL if it has not ended within `graceMs`. */
export async function stopProcessGroup(child, graceMs = 5000) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // children may outlive the leader
    return;
  }
  const ended = new Promise((r) => child.once('exit', r));
  killGroup(child, 'SIGTERM');
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([ended, timer])) === 'timeout') killGroup(child, 'SIGKILL');
  killGroup(child, 'SIGKILL');
}

/** Synchronous variant for `process.on('exit')`. */
export function killGroup(child, signal = 'SIGKILL') {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** The last lines of a log file. */
export function tail(file, lines = 60) {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/** Extension-host logs below a user-data-dir (newest session), for failure reports. */
export function extensionHostLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/^(exthost|remoteexthost)\.log$/.test(entry.name)) found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}
