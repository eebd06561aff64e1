#!/usr/bin/env node
// Runs the extension in a real VS Code (code-server) on 127.0.0.1 with examples/ open, until Ctrl+C:
// builds, sets code-server up on first use (a few minutes, then cached in .vscode-test/),
// installs the built extension as a .vsix would, and prints the URL to open in a browser.
//
//   node scripts/vscode/start.mjs [--port <n>] [--folder <dir>]
//
// The folder opens in Restricted Mode (untrusted), as a folder from a colleague would; the
// settings and state of this instance live in .vscode-test/start/ and survive restarts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ROOT,
  VERSIONS,
  buildExtension,
  extensionId,
  freePort,
  installExtension,
  killGroup,
  log,
  readManifest,
  startCodeServer,
  tail,
  writeUserSettings,
} from './codeServer.mjs';
import { ensureSetup } from './setup.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function portToUse() {
  const wanted = option('--port') ?? process.env.PORT;
  if (wanted) return Number(wanted);
  return freePort();
}

const STATE = join(ROOT, '.vscode-test', 'start');
const extensionsDir = join(STATE, 'extensions');
const userDataDir = join(STATE, 'user-data');
const logFile = join(STATE, 'code-server.log');
const folder = resolve(option('--folder') ?? join(ROOT, 'examples'));

let server = null;
let stopping = false;
// code-server's temp dir (VS Code leaves its IPC sockets there), removed when we stop.
const serverTmp = mkdtempSync(join(tmpdir(), 'sessionmd-start-'));
process.on('exit', () => {
  killGroup(server?.child);
  rmSync(serverTmp, { recursive: true, force: true });
});
for (const [signal, code] of [['SIGINT', 0], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.once(signal, async () => {
    stopping = true;
    console.log('');
    log('stopping code-server…');
    if (server) await server.stop();
    process.exit(code);
  });
}

try {
  await ensureSetup({ browser: false });
  log('building the extension');
  buildExtension();

  const manifest = readManifest();
  mkdirSync(extensionsDir, { recursive: true });
  // Replace the previously installed build (any version) with this one.
  for (const entry of readdirSync(extensionsDir)) {
    if (entry.startsWith(`${extensionId(manifest)}-`)) rmSync(join(extensionsDir, entry), { recursive: true, force: true });
  }
  rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  installExtension(extensionsDir, manifest);
  if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir);
  rmSync(logFile, { force: true });

  server = await startCodeServer({
    port: await portToUse(),
    extensionsDir,
    userDataDir,
    stateDir: join(STATE, 'code-server-state'),
    tmpDir: serverTmp,
    workspace: folder,
    logFile,
  });
  const url = `${server.url}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
  console.log('');
  console.log(`  Session Markdown ${manifest.version} in VS Code (code-server ${VERSIONS.codeServer}), ${folder}:`);
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Listening on 127.0.0.1 only. Log: ${logFile}. Press Ctrl+C to stop.`);
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[vscode] code-server exited (${signal ?? `code ${code}`}):\n${tail(logFile, 30)}`);
    process.exit(1);
  });
} catch (error) {
  console.error(`[vscode] ${error?.message ?? error}`);
  if (server) await server.stop();
  process.exit(1);
}
