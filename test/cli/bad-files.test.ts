import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigResolver } from '../../src/core/config/config';
import { readDataFile, type FileHost } from '../../src/core/host';
import { ROOT } from '../support/paths';
import { makeWorkspace, runCli, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

const CLI = join(ROOT, 'dist', 'cli.js');

// Runs the bundled CLI in its own process with a time limit: a read that waits for ever (a FIFO)
// or never ends (/dev/zero) fails the test instead of hanging the suite.
function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: HANG_MS, maxBuffer: 1 << 26 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.signal !== null };
}

function mkfifo(path: string): boolean {
  return process.platform !== 'win32' && spawnSync('mkfifo', [path]).status === 0;
}

// Config files, codebooks, libraries, the name list and the pseudonym map are read only when they
// are regular files no larger than --max-file-size (sessionMarkdown.maxFileSize in the editor).
describe('session-md on config, codebook and name files that are no files or too large', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first'));

  it('refuses a FIFO as the codebook without opening it, and lint ends', function () {
    ws = makeWorkspace({ 'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: pipe.codebook.yaml' }) });
    if (!mkfifo(ws.path('pipe.codebook.yaml'))) this.skip();
    const result = cli(['lint', '-f', 'json', '.'], ws.dir);
    assert.equal(result.timedOut, false, 'lint hung on the FIFO');
    assert.equal(result.code, 1);
    const findings = JSON.parse(result.stdout).files.flatMap((f: { findings: { ruleId: string; message: string }[] }) => f.findings);
    const invalid = findings.find((f: { ruleId: string }) => f.ruleId === 'codebook-invalid');
    assert.match(invalid.message, /^Codebook 'pipe\.codebook\.yaml' could not be loaded: not a regular file \(a FIFO\)/);
  });

  it('refuses a FIFO as a library, as `codebook check` input and as a transcript named on the command line', function () {
    ws = makeWorkspace({ '.sessionmdrc.yaml': 'libraries: [lib.codebook.yaml]\n', 'x.session.md': transcript() });
    if (!mkfifo(ws.path('lib.codebook.yaml')) || !mkfifo(ws.path('pipe.session.md'))) this.skip();
    const lint = cli(['lint', '.', 'pipe.session.md'], ws.dir);
    assert.equal(lint.timedOut, false, 'lint hung on a FIFO');
    assert.match(lint.stdout, /lib\.codebook\.yaml[\s\S]*Cannot read this library: not a regular file \(a FIFO\)/);
    assert.match(lint.stdout, /pipe\.session\.md[\s\S]*Not a regular file \(a FIFO\)/);
    const check = cli(['codebook', 'check', 'lib.codebook.yaml'], ws.dir);
    assert.equal(check.timedOut, false, 'codebook check hung on the FIFO');
    assert.equal(check.code, 2);
    assert.match(check.stdout, /Not a regular file \(a FIFO\)/);
  });

  it('refuses /dev/zero as the pii name list, at the position of pii.names in the config', function () {
    if (process.platform === 'win32' || !existsSync('/dev/zero')) this.skip();
    ws = makeWorkspace({ '.sessionmdrc.yaml': 'pii:\n  names: names.txt\n', 'x.session.md': transcript() });
    symlinkSync('/dev/zero', ws.path('names.txt'));
    const result = cli(['lint', '.'], ws.dir);
    assert.equal(result.timedOut, false, 'lint kept reading /dev/zero');
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /\.sessionmdrc\.yaml:2:10: invalid config: cannot read the name list 'names\.txt' \(pii\.names\): not a regular file \(a device\)/,
    );
  });

  it('with --cache, neither hashes a codebook that became a FIFO nor reads a cache that is a link to /dev/zero', function () {
    ws = makeWorkspace({
      'lab.codebook.yaml': 'name: Lab\ncodes:\n  - id: note\n    label: Note\n',
      'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: lab.codebook.yaml', middle: ['C: Hmm. {note}'] }),
    });
    assert.equal(cli(['lint', '--cache', '.'], ws.dir).code, 1);
    rmSync(ws.path('lab.codebook.yaml'));
    if (!mkfifo(ws.path('lab.codebook.yaml'))) this.skip();
    const warm = cli(['lint', '--cache', '.'], ws.dir);
    assert.equal(warm.timedOut, false, 'lint --cache hung hashing the FIFO');
    assert.match(warm.stdout, /could not be loaded: not a regular file \(a FIFO\)/);
    if (!existsSync('/dev/zero')) return;
    symlinkSync('/dev/zero', ws.path('zero-cache'));
    const zero = cli(['lint', '--cache', '--cache-location', 'zero-cache', '.'], ws.dir);
    assert.equal(zero.timedOut, false);
    assert.match(zero.stderr, /ignoring the cache .*zero-cache: not a regular file \(a device\); it is left as it is/);
  });

  it('refuses a FIFO in place of .sessionmdrc.yaml instead of ignoring it', async function () {
    ws = makeWorkspace({ 'x.session.md': transcript() });
    if (!mkfifo(ws.path('.sessionmdrc.yaml'))) this.skip();
    const result = cli(['lint', '.'], ws.dir);
    assert.equal(result.timedOut, false, 'lint hung on the FIFO');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\.sessionmdrc\.yaml: cannot read config: not a regular file \(a FIFO\)/);
  });

  it('applies --max-file-size to the config, an extended config, the codebook and the name list', async () => {
    const padding = `# ${'x'.repeat(2000)}\n`;
    ws = makeWorkspace({ '.sessionmdrc.yaml': `rules: {}\n${padding}`, 'x.session.md': transcript() });
    const config = await runCli(['lint', '--max-file-size', '1000', '.'], ws.dir);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /\.sessionmdrc\.yaml: cannot read config: 2\.0 kB, above the 1 kB limit \(--max-file-size\)/);
    assert.equal((await runCli(['lint', '--max-file-size', '5000', '.'], ws.dir)).code, 0);
    ws.dispose();

    ws = makeWorkspace({ '.sessionmdrc.yaml': 'extends: base.yaml\n', 'base.yaml': `rules: {}\n${padding}`, 'x.session.md': transcript() });
    assert.match((await runCli(['lint', '--max-file-size', '1000', '.'], ws.dir)).stderr, /base\.yaml: cannot read config: 2\.0 kB, above the 1 kB limit/);
    ws.dispose();

    ws = makeWorkspace({
      'big.codebook.yaml': `name: Big\ncodes:\n  - id: x\n    label: X\n${padding}`,
      'x.session.md': transcript({ frontMatter: 'session: 1\ncodebook: big.codebook.yaml' }),
    });
    const codebook = await runCli(['lint', '--max-file-size', '1000', '-f', 'json', '.'], ws.dir);
    assert.match(codebook.stdout, /Codebook 'big\.codebook\.yaml' could not be loaded: 2\.0 kB, above the 1 kB limit \(--max-file-size\)/);
    ws.dispose();

    ws = makeWorkspace({ '.sessionmdrc.yaml': 'pii:\n  names: names.txt\n', 'names.txt': `Jane Doe\n${padding}`, 'x.session.md': transcript() });
    const names = await runCli(['lint', '--max-file-size', '1000', '.'], ws.dir);
    assert.equal(names.code, 2);
    assert.match(names.stderr, /cannot read the name list 'names\.txt' \(pii\.names\): 2\.0 kB, above the 1 kB limit \(--max-file-size\)/);
  });

  it('checks the file before reading it, through the host both the CLI and the editor implement', async () => {
    const reads: string[] = [];
    const host = (stat: Awaited<ReturnType<FileHost['stat']>>): FileHost => ({
      builtinCodebookDir: '/nowhere',
      maxFileSize: { bytes: 10_000_000, setting: 'sessionMarkdown.maxFileSize' },
      stat: async () => stat,
      readFile: async (path) => {
        reads.push(path);
        return 'rules: {}\n';
      },
      readBytes: async (path) => {
        reads.push(path);
        return new TextEncoder().encode('rules: {}\n');
      },
    });
    await assert.rejects(
      readDataFile(host({ isFile: false, isDirectory: false, special: 'a FIFO' }), '/w/names.txt'),
      /^Error: not a regular file \(a FIFO\)$/,
    );
    await assert.rejects(
      readDataFile(host({ isFile: true, isDirectory: false, size: 12_000_000 }), '/w/x.yaml'),
      /^Error: 12\.0 MB, above the 10 MB limit \(sessionMarkdown\.maxFileSize\)$/,
    );
    assert.deepEqual(reads, []);
    await assert.rejects(
      new ConfigResolver(host({ isFile: true, isDirectory: false, size: 20_000_000 })).forFile('/w/a.session.md'),
      /\.sessionmdrc\.yaml: cannot read config: 20\.0 MB, above the 10 MB limit \(sessionMarkdown\.maxFileSize\)/,
    );
    assert.deepEqual(reads, []);
    assert.equal(await readDataFile(host({ isFile: true, isDirectory: false, size: 10 }), '/w/x.yaml'), 'rules: {}\n');
  });
});
