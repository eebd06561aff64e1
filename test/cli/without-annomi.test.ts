import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/paths';
import { HANG_MS } from '../support/limits';
import { makeWorkspace } from '../support/workspace';

// A fresh clone has no ../shared/ beside it, so no AnnoMI corpus (it has no licence file and is not
// in the repository). Every test file must still load, the tests that need the corpus are skipped
// with one line that says which and how to get it, and the others pass.
const MOCHA = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const CONFIG = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { require: string[]; extension: string[]; spec: string[]; timeout: number };

/** The test files that ask for the corpus (requireAnnomi). */
function filesNeedingAnnomi(): string[] {
  const files: string[] = [];
  for (const dir of ['test/unit', 'test/cli']) {
    for (const name of readdirSync(join(ROOT, dir))) {
      const file = join(ROOT, dir, name);
      if (name.endsWith('.test.ts') && file !== __filename && readFileSync(file, 'utf8').includes('requireAnnomi(this)')) files.push(`${dir}/${name}`);
    }
  }
  return files;
}

/** Mocha with the project's settings on these spec files only, ANNOMI_CSV (and ANNOMI_FULL_CSV) pointing where the test says. */
function mocha(annomiCsv: string, args: string[], annomiFullCsv = process.env['ANNOMI_FULL_CSV']): { status: number | null; out: string } {
  const settings = [
    '--no-config',
    ...CONFIG.require.flatMap((r) => ['--require', r]),
    ...CONFIG.extension.flatMap((e) => ['--extension', e]),
    '--timeout',
    String(CONFIG.timeout),
  ];
  const result = spawnSync(process.execPath, [MOCHA, ...settings, '--reporter', 'dot', ...args], {
    cwd: ROOT,
    env: { ...process.env, ANNOMI_CSV: annomiCsv, ANNOMI_FULL_CSV: annomiFullCsv ?? '' },
    encoding: 'utf8',
    // Some tests read the CLI's stdin: give them an empty one, as a terminal-less run has.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 2 * HANG_MS,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the tests on a clone without the AnnoMI corpus', function () {
  // Loading every test file takes seconds, more on a busy machine; the spawned mocha has its own kill timeout.
  this.timeout(0);
  let ws: ReturnType<typeof makeWorkspace>;
  before(() => {
    ws = makeWorkspace({ 'a-folder/README': 'ANNOMI_CSV names this folder: reading it as a file fails.' });
  });
  after(() => ws.dispose());

  it('load every test file without reading the CSV, whether it is missing or cannot be read', () => {
    for (const csv of [ws.path('missing/AnnoMI-simple.csv'), ws.path('a-folder')]) {
      const run = mocha(csv, ['--dry-run', ...CONFIG.spec]);
      assert.equal(run.status, 0, `ANNOMI_CSV=${csv}:\n${run.out.slice(-3000)}`);
      assert.match(run.out, /\d+ passing/);
    }
  });

  it('skip the tests that need it with one line naming them and how to get the data, and pass the rest', () => {
    const files = filesNeedingAnnomi();
    assert.ok(files.length >= 5, `only ${files.join(', ')} ask for AnnoMI`);
    const missing = ws.path('missing/AnnoMI-simple.csv');
    const run = mocha(missing, files);
    assert.equal(run.status, 0, run.out.slice(-3000));
    const lines = run.out.split('\n').filter((l) => /AnnoMI:/.test(l));
    assert.equal(lines.length, 1, run.out.slice(-3000));
    const skipped =
      /AnnoMI: (\d+) tests skipped \(([^)]+)\): no AnnoMI corpus at (\S+); to run them, download AnnoMI-simple\.csv from https:\/\/github\.com\/uccollab\/AnnoMI and set ANNOMI_CSV=/.exec(
        lines[0]!,
      );
    assert.ok(skipped, lines[0]);
    assert.equal(skipped[3], missing);
    assert.deepEqual(
      skipped[2]!.split(', '),
      files
        .map((f) =>
          relative('test', f)
            .replace(/^(unit|cli)\//, '')
            .replace(/\.test\.ts$/, ''),
        )
        .sort(),
    );
    assert.equal(Number(/(\d+) pending/.exec(run.out)?.[1]), Number(skipped[1]), 'every skipped test is one the line counts');
    assert.ok(Number(/(\d+) passing/.exec(run.out)?.[1]) > 0, 'the tests beside them still run');
    assert.doesNotMatch(run.out, /failing/);
  });

  it('skip the test that needs AnnoMI-full with its own line, saying how to get it', () => {
    const missing = ws.path('missing/AnnoMI-full.csv');
    const run = mocha(ws.path('missing/AnnoMI-simple.csv'), ['test/cli/agree-annomi-full.test.ts'], missing);
    assert.equal(run.status, 0, run.out.slice(-3000));
    const lines = run.out
      .split('\n')
      .filter((l) => /AnnoMI/.test(l))
      .map((l) => l.trim());
    assert.deepEqual(lines, [
      `AnnoMI-full: 1 test skipped (agree-annomi-full): no AnnoMI-full corpus at ${missing}; to run it, download AnnoMI-full.csv from https://github.com/uccollab/AnnoMI and set ANNOMI_FULL_CSV=/path/to/AnnoMI-full.csv (or put it in ../shared/data/annomi/ beside the repository).`,
    ]);
    assert.match(run.out, /1 pending/);
  });
});
