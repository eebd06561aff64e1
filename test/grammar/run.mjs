// Runs the TextMate grammar tests (npm run test:grammar).
// 1. Checks that syntaxes/session-markdown.tmLanguage.json is what syntaxes/build-grammar.mjs generates.
// 2. Checks the assertion lines: vscode-tmgrammar-test's own assertion regex backtracks for minutes
//    on a malformed line (for example two ` - ` exclusion separators), so a typo would look like a hang.
// 3. Runs vscode-tmgrammar-test with the Markdown and YAML grammars the session grammar embeds, and drops
//    its "grammar not found" warnings for the languages of fenced code blocks, which the tests do not load.
// 4. Runs test/grammar/parity.ts: the grammar against the parser on generated lines and the examples.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = dirname(fileURLToPath(import.meta.url));
// Kills a hung run; far beyond what a busy machine takes (test/support/limits.ts).
const TIMEOUT_MS = 300_000;
const require = createRequire(import.meta.url);

const check = spawnSync(process.execPath, [join(ROOT, 'syntaxes/build-grammar.mjs'), '--check'], { stdio: 'inherit' });
if (check.status !== 0) process.exit(1);

const files = readdirSync(HERE)
  .filter((f) => f.endsWith('.test.session.md'))
  .sort()
  .map((f) => join(HERE, f));
if (files.length === 0) {
  console.error('no grammar tests found in test/grammar');
  process.exit(1);
}

const SCOPE = String.raw`[A-Za-z0-9][-\w.]*`;
const ASSERTION = new RegExp(String.raw`^<!--\s*(?:(?:\^+\s*)+|<~*-+\s+)(?:${SCOPE}\s+)*(?:${SCOPE})?\s*(?:-\s+(?:${SCOPE}\s*)+)?$`);
let assertions = 0;
const bad = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!/^<!--\s*(?:\^|<~*-)/.test(line)) return;
    assertions++;
    if (!ASSERTION.test(line)) bad.push(`${relative(ROOT, file)}:${i + 1}: malformed assertion: ${line}`);
  });
}
if (bad.length) {
  console.error(bad.join('\n'));
  console.error('An assertion is `<!-- ^^^ scope scope - excluded excluded` or `<!-- <~~--- scope`: one ` - ` at most.');
  process.exit(1);
}

const cli = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const grammars = [
  'syntaxes/session-markdown.tmLanguage.json',
  'node_modules/tm-grammars/grammars/markdown.json',
  'node_modules/tm-grammars/grammars/yaml.json',
];
const args = [cli, ...grammars.flatMap((g) => ['-g', g]), ...files.map((f) => relative(ROOT, f))];
const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
const timer = setTimeout(() => {
  console.error(`grammar tests did not finish in ${TIMEOUT_MS / 1000} s`);
  child.kill('SIGKILL');
}, TIMEOUT_MS);
let pending = '';
child.stderr.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (!/^grammar not found for "/.test(line)) process.stderr.write(line + '\n');
});
child.on('close', (code, signal) => {
  clearTimeout(timer);
  if (pending && !/^grammar not found for "/.test(pending)) process.stderr.write(pending + '\n');
  const ok = code === 0 && !signal;
  console.log(`grammar tests: ${files.length} files, ${assertions} assertion lines, ${ok ? 'all passed' : 'FAILED'}`);
  if (!ok) process.exit(1);
  const parity = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'parity.ts')], { cwd: ROOT, stdio: 'inherit', timeout: TIMEOUT_MS });
  process.exit(parity.status === 0 ? 0 : 1);
});
