#!/usr/bin/env node
// Runs the extension in a real VS Code (code-server) on 127.0.0.1 until Ctrl+C, on a scratch copy
// of examples/ in the git-ignored scratch/examples/ (kept between runs; code-server saves as you
// type, and the tracked examples stay as they are): builds, sets code-server up on first use (a
// few minutes, then cached in .vscode-test/), installs the built extension as a .vsix would, and
// prints the URL to open in a browser.
//
//   node scripts/vscode/start.mjs [--port <n>] [--folder <dir>] [--reset]
//
//   --folder <dir>  open this folder instead of the scratch copy
//   --reset         throw the scratch copy away and copy examples/ again
//
// The folder opens in Restricted Mode (untrusted), as a folder from a colleague would; the
// settings and state of this instance live in .vscode-test/start/ and survive restarts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
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
import { DEMO_FOLDER, prepareDemoFolder } from './demoFolder.mjs';
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
const chosenFolder = option('--folder');
const folder = chosenFolder ? resolve(chosenFolder) : DEMO_FOLDER;

let server = null;
let stopping = false;
// code-server's temp dir (VS Code leaves its IPC sockets there), removed when we stop.
const serverTmp = mkdtempSync(join(tmpdir(), 'sessionmd-start-'));
process.on('exit', () => {
  killGroup(server?.child);
  rmSync(serverTmp, { recursive: true, force: true });
});
for (const [signal, code] of [
  ['SIGINT', 0],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.once(signal, async () => {
    stopping = true;
    console.log('');
    log('stopping code-server…');
    if (server) await server.stop();
    process.exit(code);
  });
}

try {
  if (!chosenFolder) {
    const copied = prepareDemoFolder({ reset: argv.includes('--reset') });
    log(copied ? `copied examples/ to ${relative(ROOT, folder)}/` : `reusing ${relative(ROOT, folder)}/ with your edits (--reset copies examples/ again)`);
  }
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
  console.log(`  Session Markdown ${manifest.version} in VS Code (code-server ${VERSIONS.codeServer}):`);
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  if (chosenFolder) console.log(`  It opens ${folder}.`);
  else {
    console.log(`  It opens ${folder},`);
    console.log('  a scratch copy of examples/ that git ignores: edit freely, examples/ stays as it is');
    console.log('  (`npm start -- --reset` copies it again).');
  }
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
