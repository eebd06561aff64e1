import { strict as assert } from 'node:assert';
import { ConfigLoadError, type FileHost } from '../../src/core';
import { ConfigResolver } from '../../src/core/config/config';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

/** Node's file access, counting the reads of each file. */
function countingHost(): { host: FileHost; reads: Map<string, number> } {
  const inner = createNodeHost(BUILTIN_CODEBOOKS_DIR);
  const reads = new Map<string, number>();
  const host: FileHost = {
    ...inner,
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return inner.readFile(path);
    },
  };
  return { host, reads };
}

/** `levels` levels of two files, each extending both files of the next level, under a `.sessionmdrc.yaml` extending the first two. */
function diamond(levels: number): Record<string, string> {
  const files: Record<string, string> = { '.sessionmdrc.yaml': 'extends: [level-0-a.yaml, level-0-b.yaml]\n', 'a.session.md': '' };
  for (let level = 0; level < levels; level++) {
    const next = level + 1 < levels ? `extends: [level-${level + 1}-a.yaml, level-${level + 1}-b.yaml]\n` : 'rules:\n  turn-empty: warning\n';
    for (const side of ['a', 'b']) files[`level-${level}-${side}.yaml`] = next;
  }
  return files;
}

describe('config `extends`', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('reads each file of a 16-level diamond once (2^16 paths lead to its last level)', async () => {
    ws = makeWorkspace(diamond(16));
    const { host, reads } = countingHost();
    const config = await new ConfigResolver(host).forFile(ws.path('a.session.md'));
    assert.deepEqual(config.rules, { 'turn-empty': 'warning' });
    assert.equal(reads.size, 33);
    assert.ok(
      [...reads.values()].every((n) => n === 1),
      JSON.stringify([...reads.values()]),
    );
    // Each file counts once in what the findings depend on, the shared bases before the files that extend them.
    assert.equal(config.files.length, 33);
    assert.equal(config.files[0], ws.path('level-15-a.yaml'));
    assert.equal(config.files[32], ws.path('.sessionmdrc.yaml'));
  });

  it('lets a file override a base it shares with a sibling: the base is not applied again after it', async () => {
    ws = makeWorkspace({
      'base.yaml': 'rules:\n  goal-unused: error\n  turn-empty: error\n',
      'strict.yaml': 'extends: base.yaml\nrules:\n  goal-unused: warning\n',
      'lenient.yaml': 'extends: base.yaml\nrules:\n  phase-missing: off\n',
      '.sessionmdrc.yaml': 'extends: [strict.yaml, lenient.yaml]\n',
      'a.session.md': '',
    });
    const config = await new ConfigResolver(createNodeHost(BUILTIN_CODEBOOKS_DIR)).forFile(ws.path('a.session.md'));
    assert.deepEqual(config.rules, { 'goal-unused': 'warning', 'turn-empty': 'error', 'phase-missing': 'off' });
    assert.deepEqual(
      config.files,
      ['base.yaml', 'strict.yaml', 'lenient.yaml', '.sessionmdrc.yaml'].map((f) => ws.path(f)),
    );
  });

  it('stops a chain more than 32 files deep with an error at the `extends` that goes too far', async () => {
    const files: Record<string, string> = { '.sessionmdrc.yaml': 'extends: chain-1.yaml\n', 'a.session.md': transcript() };
    for (let i = 1; i <= 40; i++) files[`chain-${i}.yaml`] = i < 40 ? `rules:\n  turn-empty: info\nextends:\n  - chain-${i + 1}.yaml\n` : 'rules: {}\n';
    ws = makeWorkspace(files);
    await assert.rejects(new ConfigResolver(createNodeHost(BUILTIN_CODEBOOKS_DIR)).forFile(ws.path('a.session.md')), (e: ConfigLoadError) => {
      assert.equal(e.errors.length, 1);
      const { path, problems } = e.errors[0]!;
      assert.equal(path, ws.path('chain-31.yaml'));
      assert.match(problems[0]!.message, /'extends' goes more than 32 files deep \(starting from .*\.sessionmdrc\.yaml\)/);
      assert.deepEqual([problems[0]!.range.start.line, problems[0]!.range.start.column], [4, 5]);
      return true;
    });
    const result = await runCli(['lint'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /chain-31\.yaml:4:5: invalid config: 'extends' goes more than 32 files deep/);
  });

  it('reports a cycle at the `extends` entry that closes it', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'extends: one.yaml\n',
      'one.yaml': 'rules: {}\nextends: [two.yaml]\n',
      'two.yaml': 'extends:\n  - base.yaml\n  - one.yaml\n',
      'base.yaml': 'rules: {}\n',
      'a.session.md': '',
    });
    await assert.rejects(new ConfigResolver(createNodeHost(BUILTIN_CODEBOOKS_DIR)).forFile(ws.path('a.session.md')), (e: ConfigLoadError) => {
      const { path, problems } = e.errors[0]!;
      assert.equal(path, ws.path('two.yaml'));
      assert.match(problems[0]!.message, /'extends' makes a cycle: .*\.sessionmdrc\.yaml -> .*one\.yaml -> .*two\.yaml -> .*one\.yaml$/);
      assert.deepEqual([problems[0]!.range.start.line, problems[0]!.range.start.column], [3, 5]);
      return true;
    });
  });
});
