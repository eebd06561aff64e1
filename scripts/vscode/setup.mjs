#!/usr/bin/env node
// Installs what the offline real-VS-Code tests and `npm start` need into the git-ignored
// .vscode-test/offline/: a Node 24 binary (npm package `node@24`) and code-server
// (VS Code's server and web workbench, from npm), its native modules built against Node 24.
// Idempotent: when the marker file names the wanted versions, it does nothing.
//
//   node scripts/vscode/setup.mjs              # also checks that Debian's Chromium is installed
//   node scripts/vscode/setup.mjs --no-browser # for `npm start`: code-server only
//   node scripts/vscode/setup.mjs --force      # reinstall
//
// Needs Debian packages (CI installs them in .ci/run):
//   apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev python3 make g++
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CACHE_DIR,
  CHROMIUM,
  CODE_SERVER_ENTRY,
  CODE_SERVER_PKG,
  CODE_SERVER_PREFIX,
  NODE24,
  NODE24_BIN_DIR,
  NODE24_NODEDIR,
  NODE24_PREFIX,
  SETUP_MARKER,
  VERSIONS,
  isSetUp,
  log,
  seconds,
} from './codeServer.mjs';

const APT_HINT = 'apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev python3 make g++';

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** What is missing from the machine, as `package (why)` strings. */
export function missingSystemPackages({ build = true, browser = true } = {}) {
  const missing = [];
  if (browser && !existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}, the browser the tests drive)`);
  if (build) {
    // kerberos (a native module of VS Code's server) compiles against MIT Kerberos' GSSAPI.
    if (!onPath('krb5-config') && !existsSync('/usr/include/gssapi/gssapi.h')) {
      missing.push('libkrb5-dev (krb5-config and gssapi.h, to build the native module kerberos)');
    }
    for (const [command, pkg] of [
      ['python3', 'python3'],
      ['make', 'make'],
      ['g++', 'g++'],
    ]) {
      if (!onPath(command)) missing.push(`${pkg} (node-gyp builds native modules with it)`);
    }
  }
  return missing;
}

// As root with apt (CI, a fresh container), install what is missing; otherwise say exactly what to run.
function failMissing(missing) {
  const list = missing.map((m) => `  - ${m}`).join('\n');
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    const packages = missing.map((m) => m.split(' ')[0]);
    console.log(`[vscode] installing Debian packages: ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
    if (install && install.status === 0) return;
  }
  throw new Error(`missing system packages for the real VS Code tests:\n${list}\nInstall them (as root) with:\n  ${APT_HINT}`);
}

/**
 * Env for npm when it installs and builds code-server: Node 24 first on PATH (npm itself then
 * runs on it, so code-server's postinstall sees node v24), and node-gyp pointed at Node 24's
 * headers instead of the machine's `nodedir`. Variables that an outer `npm run` exported (its
 * user agent names the outer Node, which code-server's postinstall rejects) are dropped.
 */
function npmEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(lifecycle_|package_|command$|execpath$|node_execpath$)/i.test(key)) continue;
    if (/^npm_config_(user_agent|local_prefix|call|npm_version|nodedir|node_gyp)$/i.test(key)) continue;
    if (key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.PATH = `${NODE24_BIN_DIR}${delimiter}${process.env.PATH ?? ''}`;
  env.npm_config_nodedir = NODE24_NODEDIR;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

/**
 * An empty npm project for one cache folder. `allowScripts` names the packages whose install
 * scripts the setup needs, so npm 11 runs them without a warning (npm 10 runs them anyway).
 */
function freshPrefix(dir, name, allowScripts) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Its own package.json makes the folder its own npm project (npm does not walk up to ours).
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, private: true, description: 'Cache for scripts/vscode/setup.mjs; safe to delete.', allowScripts }, null, 2)}\n`,
  );
}

const HEARTBEAT_MS = 15_000;

/** Runs a step, saying every 15 s that it still runs (npm is silent for minutes while it builds code-server's native modules). */
async function step(title, fn) {
  const started = Date.now();
  log(`${title}…`);
  const heartbeat = setInterval(() => log(`  … still at it: ${seconds(Date.now() - started)} so far`), HEARTBEAT_MS);
  try {
    await fn();
  } finally {
    clearInterval(heartbeat);
  }
  log(`${title}: done in ${seconds(Date.now() - started)}`);
}

/** Like run() in codeServer.mjs, but without blocking this process, so the heartbeat of step() gets its turn. */
function runAsync(command, args, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolveRun();
      else reject(new Error(`\`${[command, ...args].join(' ')}\` failed with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/**
 * Makes sure Node 24 and code-server are installed in the cache; returns quickly when they are.
 * `browser: false` skips the Chromium check (for `npm start`, where the user brings the browser).
 */
export async function ensureSetup({ force = false, browser = true } = {}) {
  const started = Date.now();
  if (!force && isSetUp()) {
    const missing = missingSystemPackages({ build: false, browser });
    if (missing.length) failMissing(missing);
    log(`code-server ${VERSIONS.codeServer} and Node ${VERSIONS.node} already set up in ${CACHE_DIR} (nothing to do)`);
    return;
  }
  const missing = missingSystemPackages({ build: true, browser });
  if (missing.length) failMissing(missing);

  log(`setting up code-server ${VERSIONS.codeServer} with Node ${VERSIONS.node} in ${CACHE_DIR} (a few minutes, once)`);
  rmSync(SETUP_MARKER, { force: true });
  const env = npmEnv();

  await step(`npm install node@${VERSIONS.node}`, async () => {
    freshPrefix(NODE24_PREFIX, 'sessionmd-cache-node24', { node: true });
    // Not --ignore-scripts: the package's preinstall links the platform's binary into bin/.
    await runAsync('npm', ['install', '--prefix', NODE24_PREFIX, '--no-audit', '--no-fund', `node@${VERSIONS.node}`], { cwd: NODE24_PREFIX, env });
    const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0 || !version.stdout.startsWith(`v${VERSIONS.node}.`)) {
      throw new Error(`${NODE24} does not run as Node ${VERSIONS.node}: ${version.stdout}${version.stderr}${version.error ?? ''}`);
    }
    if (!existsSync(join(NODE24_NODEDIR, 'include', 'node', 'node.h'))) throw new Error(`Node ${VERSIONS.node} headers missing in ${NODE24_NODEDIR}`);
    log(`Node ${version.stdout.trim()} at ${NODE24}`);
  });

  await step(`npm install --ignore-scripts code-server@${VERSIONS.codeServer}`, async () => {
    // code-server's postinstall installs VS Code's dependencies; argon2 builds its native module.
    freshPrefix(CODE_SERVER_PREFIX, 'sessionmd-cache-code-server', { 'code-server': true, argon2: true });
    await runAsync('npm', ['install', '--prefix', CODE_SERVER_PREFIX, '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${VERSIONS.codeServer}`], {
      cwd: CODE_SERVER_PREFIX,
      env,
    });
  });

  await step('chmod +x cross-env bins (argon2 runs them; they arrive without their run bit)', () => {
    const binDir = join(CODE_SERVER_PREFIX, 'node_modules', 'cross-env', 'dist', 'bin');
    if (!existsSync(binDir)) return;
    for (const file of readdirSync(binDir).filter((f) => f.endsWith('.js'))) chmodSync(join(binDir, file), 0o755);
  });

  await step(
    "npm rebuild with Node 24 (runs code-server's postinstall: VS Code's dependencies and native modules; one to three minutes, with no output of its own)",
    async () => {
      await runAsync('npm', ['rebuild', '--no-audit', '--no-fund'], { cwd: CODE_SERVER_PREFIX, env });
      const vscodeModules = join(CODE_SERVER_PKG, 'lib', 'vscode', 'node_modules');
      for (const native of ['kerberos', '@vscode/spdlog', 'node-pty', '@parcel/watcher']) {
        if (!existsSync(join(vscodeModules, native))) throw new Error(`code-server's postinstall did not install ${native} into ${vscodeModules}`);
      }
    },
  );

  await step('checking that code-server runs', () => {
    // Its config and logs go to the cache, not to $HOME.
    const state = join(CACHE_DIR, 'state');
    const result = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--config', join(state, 'config.yaml'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: env.PATH, XDG_CONFIG_HOME: join(state, 'config'), XDG_DATA_HOME: join(state, 'data') },
    });
    if (result.status !== 0) throw new Error(`code-server --version failed:\n${result.stdout}${result.stderr}`);
    log(`code-server --version: ${result.stdout.trim().split('\n').pop()}`);
  });

  const elapsed = Date.now() - started;
  writeFileSync(
    SETUP_MARKER,
    `${JSON.stringify({ nodeSpec: VERSIONS.node, codeServer: VERSIONS.codeServer, node: NODE24, setUpAt: new Date().toISOString(), seconds: Math.round(elapsed / 1000) }, null, 2)}\n`,
  );
  log(`set up in ${seconds(elapsed)}; marker ${SETUP_MARKER}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  try {
    await ensureSetup({ force: process.argv.includes('--force'), browser: !process.argv.includes('--no-browser') });
    log(`setup.mjs finished in ${seconds(Date.now() - started)}`);
  } catch (error) {
    console.error(`[vscode] setup failed: ${error.message}`);
    process.exit(1);
  }
}
