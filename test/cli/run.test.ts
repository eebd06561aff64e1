import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli } from '../support/workspace';

describe('session-md usage and help', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  before(() => (ws = makeWorkspace({})));
  after(() => ws.dispose());

  it('prints the usage to stderr and exits 2 when no command is given', async () => {
    const result = await runCli([], ws.dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: session-md <command> \[options\]\n/);
  });

  it('prints the usage to stdout and exits 0 when help is asked for', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = await runCli(argv, ws.dir);
      assert.equal(result.code, 0, argv.join(' '));
      assert.equal(result.stderr, '', argv.join(' '));
      assert.match(result.stdout, /^Usage: session-md <command> \[options\]\n/, argv.join(' '));
    }
  });

  it('treats `codebook` without a subcommand the same way', async () => {
    const missing = await runCli(['codebook'], ws.dir);
    assert.deepEqual([missing.code, missing.stdout], [2, '']);
    assert.match(missing.stderr, /^Usage: session-md codebook <check\|list>/);
    const help = await runCli(['codebook', '--help'], ws.dir);
    assert.deepEqual([help.code, help.stderr], [0, '']);
    assert.match(help.stdout, /^Usage: session-md codebook <check\|list>/);
  });
});
