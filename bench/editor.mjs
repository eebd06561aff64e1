// Editor benchmark: bundle size, activation time, and the time from a keystroke to updated
// diagnostics and Current Session tree in a 3,000-turn session, inside a real VS Code
// (code-server, offline). Run by `npm run bench` after bench/run.ts has written the transcript.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const transcript = join(ROOT, 'bench', 'corpus', 'annomi-3000.session.md');
const out = join(ROOT, 'bench', 'out', 'editor.json');
if (!existsSync(transcript)) {
  console.error(`bench/editor.mjs: ${transcript} is missing; run bench/run.ts first (npm run bench does).`);
  process.exit(2);
}
mkdirSync(dirname(out), { recursive: true });

const run = spawnSync(process.execPath, [join(ROOT, 'test', 'integration', 'run.mjs'), '--grep', 'editor latency', '--no-screenshots'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  env: { ...process.env, SESSIONMD_PERF_FILE: transcript, SESSIONMD_PERF_OUT: out },
});
if (run.status !== 0 || !existsSync(out)) {
  console.error(run.stdout);
  console.error('bench/editor.mjs: the editor benchmark did not run');
  process.exit(1);
}
const report = JSON.parse(readFileSync(out, 'utf8'));
report.bundleBytes = { extension: statSync(join(ROOT, 'dist', 'extension.js')).size, cli: statSync(join(ROOT, 'dist', 'cli.bundle.js')).size };
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log('');
console.log(`Editor (VS Code ${report.vscodeVersion} via code-server): ${report.turns} turns, ${kb(report.bytes)}`);
console.log(`bundle dist/extension.js                  ${kb(report.bundleBytes.extension)}`);
console.log(`bundle dist/cli.bundle.js                 ${kb(report.bundleBytes.cli)}`);
console.log(`activation (activate() to return)         ${report.activationMs.toFixed(1)} ms`);
console.log(
  `keystroke -> diagnostics (median of ${report.edits})   ${report.keystrokeToDiagnosticsMs.toFixed(0)} ms (includes the ${report.debounceMs} ms debounce)`,
);
console.log(`keystroke -> Current Session tree          ${report.keystrokeToTreeMs.toFixed(0)} ms`);
console.log(`written bench/out/editor.json`);
