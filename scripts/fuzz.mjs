// `npm run fuzz`: the property tests with 25 times their usual runs and a fresh random seed.
// The seed is printed first, so a failure can be replayed exactly:
//   SESSIONMD_FC_SEED=<seed> SESSIONMD_FC_SCALE=25 npm run fuzz
// (or the same variables in front of `npx mocha` on the one test file that failed).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Every unit test whose properties take their runs and seed from test/support/fuzz.ts or the same variables.
const FILES = readdirSync(join(root, 'test', 'unit'), { recursive: true })
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => join('test', 'unit', name))
  .filter((file) => /support\/fuzz['"]|SESSIONMD_FC_/.test(readFileSync(join(root, file), 'utf8')))
  .sort();

const seed = process.env.SESSIONMD_FC_SEED ?? String(randomInt(1, 2 ** 31 - 1));
const scale = process.env.SESSIONMD_FC_SCALE ?? '25';
console.log(`fuzz: SESSIONMD_FC_SEED=${seed} SESSIONMD_FC_SCALE=${scale}`);

const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const result = spawnSync(process.execPath, [mocha, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '0', ...FILES], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SESSIONMD_FC_SEED: seed, SESSIONMD_FC_SCALE: scale },
});
if (result.status !== 0) console.log(`fuzz: failed; replay with SESSIONMD_FC_SEED=${seed} SESSIONMD_FC_SCALE=${scale} npm run fuzz`);
process.exitCode = result.status ?? 1;
