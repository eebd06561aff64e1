import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HANG_MS } from '../support/limits';
import { ROOT } from '../support/paths';

// A correctness test must not fail because the machine is busy (two `npm test` at once on two
// cores run every test several times slower). Only a hang may fail a test on time: mocha's
// timeout and the kill timeout of every spawned command are HANG_MS or more.

function testFiles(): string[] {
  return ['test/unit', 'test/cli', 'test/support'].flatMap(
    (dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(ROOT, dir, name))
        .filter((file) => file !== __filename), // its own examples below
  );
}

/** The text of each `spawnSync(…)` call, up to its closing parenthesis. */
function spawnCalls(text: string): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(/\bspawnSync\(/g)) {
    let depth = 0;
    let end = match.index + 'spawnSync'.length;
    do {
      const c = text[end++];
      if (c === '(') depth++;
      else if (c === ')') depth--;
    } while (depth > 0 && end < text.length);
    calls.push(text.slice(match.index, end));
  }
  return calls;
}

/** A spawned command that could hang: ours (node), git running our hook, or a shell running a documented step. */
const MAY_HANG = /^spawnSync\((?:process\.execPath|'git', \['-c'|'sh', \['-e'|npm\b|NPM\b)/;

describe('test timeouts', () => {
  it("mocha's timeout is long enough that only a hang reaches it", () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { timeout: number };
    assert.ok(config.timeout >= HANG_MS, `.mocharc.json timeout ${config.timeout} < ${HANG_MS}`);
  });

  it('no suite or test sets a shorter one', () => {
    const short: string[] = [];
    for (const file of testFiles()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/this\.timeout\(([\d_]+)\)/g)) {
        const ms = Number(m[1]!.replace(/_/g, ''));
        if (ms !== 0 && ms < HANG_MS) short.push(`${relative(ROOT, file)}: ${m[0]}`);
      }
    }
    assert.deepEqual(short, []);
  });

  it('every spawned command that could hang has a kill timeout', () => {
    const calls = testFiles().flatMap((file) => spawnCalls(readFileSync(file, 'utf8')).map((call) => ({ file: relative(ROOT, file), call })));
    const mayHang = calls.filter(({ call }) => MAY_HANG.test(call));
    assert.ok(mayHang.length >= 8, `the scan found only ${mayHang.length} calls: has the spawning code changed?`);
    assert.deepEqual(
      mayHang.filter(({ call }) => !/\btimeout: /.test(call)).map(({ file, call }) => `${file}: ${call.slice(0, 80)}`),
      [],
    );
  });

  it('the scan would notice a short timeout or a spawn without one', () => {
    assert.deepEqual(spawnCalls('x = spawnSync(process.execPath, [CLI, f(a)], { cwd }); y()'), ['spawnSync(process.execPath, [CLI, f(a)], { cwd })']);
    assert.ok(MAY_HANG.test('spawnSync(process.execPath, [CLI], { cwd })'));
    assert.doesNotMatch('spawnSync(process.execPath, [CLI], { cwd })', /\btimeout: /);
  });
});
