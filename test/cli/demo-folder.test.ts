import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANG_MS } from '../support/limits';
import { ROOT } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// `npm start` (scripts/vscode/start.mjs) opens a scratch copy of examples/ that git ignores:
// code-server saves as you type, and trying the rules must not change the tracked examples.
const MODULE = pathToFileURL(join(ROOT, 'scripts', 'vscode', 'demoFolder.mjs')).href;

/** Runs `code` as an ES module that has `prepareDemoFolder` and `DEMO_FOLDER`; returns what it prints as JSON. */
function withDemoFolder(code: string): unknown {
  const script = `import { prepareDemoFolder, DEMO_FOLDER } from ${JSON.stringify(MODULE)};\n${code}`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: HANG_MS });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('the folder npm start opens', () => {
  it('is a copy of examples/ in a folder git ignores, not examples/ itself', () => {
    const folder = withDemoFolder('console.log(JSON.stringify(DEMO_FOLDER));') as string;
    const inRepo = relative(ROOT, folder);
    assert.ok(!inRepo.startsWith('..') && !inRepo.startsWith('examples'), inRepo);
    const ignored = spawnSync('git', ['check-ignore', '--no-index', '-q', join(inRepo, 'C-017', '01-intake.session.md')], { cwd: ROOT, timeout: HANG_MS });
    assert.equal(ignored.status, 0, `${inRepo} is not ignored by git`);
  });

  it('is copied once, keeps the edits made in it across restarts, and is copied again with --reset', () => {
    const ws = makeWorkspace({ 'examples/C-017/01.session.md': 'T: Hello. {open-question}\n' });
    try {
      const source = JSON.stringify(ws.path('examples'));
      const target = JSON.stringify(ws.path('scratch/examples'));
      const file = JSON.stringify(ws.path('scratch/examples/C-017/01.session.md'));
      const steps = withDemoFolder(`
        import { readFileSync, writeFileSync } from 'node:fs';
        const steps = [prepareDemoFolder({ source: ${source}, target: ${target} })];
        writeFileSync(${file}, 'T: Edited in the demo.\\n');
        steps.push(prepareDemoFolder({ source: ${source}, target: ${target} }), readFileSync(${file}, 'utf8'));
        steps.push(prepareDemoFolder({ source: ${source}, target: ${target}, reset: true }), readFileSync(${file}, 'utf8'));
        console.log(JSON.stringify(steps));`);
      assert.deepEqual(steps, [true, false, 'T: Edited in the demo.\n', true, 'T: Hello. {open-question}\n']);
    } finally {
      ws.dispose();
    }
  });
});
