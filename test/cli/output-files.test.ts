import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { makeWorkspace, runCli, transcript } from '../support/workspace';

// The --out file of `export`, `snippets` and `goals`: an existing file only with --force, never one of the
// command's own inputs (compared by real path, so not through a link either), and never through a
// symbolic link that leads out of the folder it is written in.

const LIBRARY =
  'name: Trainer\ncodes:\n  - id: socratic\n    label: Socratic question\n    role: therapist\n    snippets:\n      - label: Evidence\n        body: "What tells you so? {socratic}"\n';
const COMMANDS: Array<[string, string[]]> = [
  ['export', ['export', 'a.session.md']],
  ['snippets', ['snippets', 'lib/trainer.codebook.yaml']],
  ['goals', ['goals', 'a.session.md']],
  ['query', ['query', 'a.session.md', '-q', 'role:therapist']],
  ['memos', ['memos', 'a.session.md']],
];

describe('session-md export --out, snippets --out and goals --out', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());
  // The working folder is work/; outside/ is beside it.
  const files = () => ({
    'work/a.session.md': transcript(),
    'work/lib/trainer.codebook.yaml': LIBRARY,
    'work/mine.txt': 'my own notes\n',
    'outside/victim.txt': 'keep me\n',
  });
  const cli = (args: string[]) => runCli(args, ws.path('work'));

  for (const [name, command] of COMMANDS) {
    it(`${name}: refuses an existing file without --force, naming the file and the option`, async () => {
      ws = makeWorkspace(files());
      const refused = await cli([...command, '--out', 'mine.txt']);
      assert.equal(refused.code, 2);
      assert.equal(refused.stderr, 'session-md: not overwriting mine.txt: it exists (use --force to overwrite it)\n');
      assert.equal(readFileSync(ws.path('work/mine.txt'), 'utf8'), 'my own notes\n');
      const forced = await cli([...command, '--out', 'mine.txt', '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.notEqual(readFileSync(ws.path('work/mine.txt'), 'utf8'), 'my own notes\n');
      assert.equal((await cli([...command, '--force'])).code, 2, '--force without --out is a usage error');
    });

    it(`${name}: never overwrites one of its inputs, even with --force or through a link`, async () => {
      ws = makeWorkspace(files());
      symlinkSync('a.session.md', ws.path('work/link.txt'));
      symlinkSync('lib/trainer.codebook.yaml', ws.path('work/book.txt'));
      const inputs = name === 'snippets' ? ['lib/trainer.codebook.yaml', 'book.txt'] : ['a.session.md', 'link.txt'];
      for (const out of inputs) {
        const result = await cli([...command, '--out', out, '--force']);
        assert.equal(result.code, 2, out);
        assert.match(result.stderr, /^session-md: not writing \S+: it is (one of the files read|\S+, one of the files read); choose another --out\n$/, out);
      }
      assert.equal(readFileSync(ws.path('work/a.session.md'), 'utf8'), transcript());
      assert.equal(readFileSync(ws.path('work/lib/trainer.codebook.yaml'), 'utf8'), LIBRARY);
    });

    it(`${name}: never writes through a symbolic link out of the working folder`, async () => {
      ws = makeWorkspace(files());
      symlinkSync('../outside/victim.txt', ws.path('work/out.txt'));
      symlinkSync('../outside', ws.path('work/linked'));
      for (const out of ['out.txt', 'linked/new.txt']) {
        const result = await cli([...command, '--out', out, '--force']);
        assert.equal(result.code, 2, `${out}: ${result.stderr}`);
        assert.match(
          result.stderr,
          /^session-md: not writing \S+: it leads through a symbolic link to .*outside[\\/](victim|new)\.txt, outside .*work, the folder session-md may write in\n$/,
        );
      }
      assert.deepEqual(readdirSync(ws.path('outside')), ['victim.txt']);
      assert.equal(readFileSync(ws.path('outside/victim.txt'), 'utf8'), 'keep me\n');
    });
  }

  it('export: an export of a config file or codebook it read is refused too', async () => {
    ws = makeWorkspace({
      'a.session.md': transcript({ frontMatter: 'session: 1\ncodebook: book.codebook.yaml' }),
      'book.codebook.yaml': LIBRARY,
      '.sessionmdrc.yaml': 'rules: {}\n',
    });
    for (const out of ['book.codebook.yaml', '.sessionmdrc.yaml']) {
      const result = await runCli(['export', 'a.session.md', '--out', out, '--force'], ws.dir);
      assert.equal(result.code, 2, out);
      assert.match(result.stderr, /one of the files read/);
    }
    assert.equal(readFileSync(ws.path('book.codebook.yaml'), 'utf8'), LIBRARY);
  });
});
