import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANG_MS } from '../support/limits';
import { ROOT } from '../support/paths';
import { makeWorkspace, transcript } from '../support/workspace';

// The CLI as another repository gets it: `npm pack` (which builds first), the tarball installed
// into an empty project with no network at all (the package has no runtime dependencies; its
// bundles hold them), then `npx session-md lint` there.
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** What the package may hold: the CLI bundles, the built-in codebooks, the schemas, the hook and the workflow. */
const SHIPPED =
  /^(?:package\.json|README\.md|LICENSE|dist\/(?:(?:cli|commands|lintWorker)(?:\.bundle)?|musicMetadata|loadBundle)\.js|codebooks\/[\w.-]+\.codebook\.yaml|schemas\/[\w.-]+\.schema\.json|docs\/hooks\/pre-commit|docs\/ci\/session-md\.yml)$/;

interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: { path: string }[];
}

describe('the npm package, installed in another project', function () {
  // npm packs, builds and installs in tens of seconds, minutes on a busy machine; every npm run has its own kill timeout.
  this.timeout(0);
  let ws: ReturnType<typeof makeWorkspace>;
  let packed: Packed;
  let install: ReturnType<typeof spawnSync>;
  const project = (): string => ws.path('project');

  /** npm with an empty cache and a registry that refuses connections: it must need no network. */
  function npm(command: string, args: string[], cwd: string) {
    const env: Record<string, string | undefined> = {};
    // Not the settings of the `npm test` that runs this (its project, its user agent).
    for (const [key, value] of Object.entries(process.env)) if (!/^npm_|^INIT_CWD$/i.test(key)) env[key] = value;
    Object.assign(env, {
      npm_config_cache: ws.path('npm-cache'),
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    });
    return spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: HANG_MS });
  }

  before(() => {
    ws = makeWorkspace({ 'project/package.json': `${JSON.stringify({ name: 'transcripts', version: '1.0.0', private: true }, null, 2)}\n` });
    mkdirSync(ws.path('pack'));
    const pack = npm(NPM, ['pack', '--json', '--pack-destination', ws.path('pack')], ROOT);
    assert.equal(pack.status, 0, `npm pack failed:\n${pack.stderr}`);
    packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
    install = npm(NPM, ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', join(ws.path('pack'), packed.filename)], project());
  });
  after(() => ws?.dispose());

  it('holds only what a user runs, under 1 MB packed: no tests, benchmarks, fixtures, screenshots, sources or source maps', () => {
    const paths = packed.files.map((f) => f.path).sort();
    assert.deepEqual(
      paths.filter((p) => !SHIPPED.test(p)),
      [],
    );
    for (const needed of [
      'dist/cli.js',
      'dist/commands.js',
      'dist/lintWorker.js',
      'dist/cli.bundle.js',
      'dist/commands.bundle.js',
      'dist/lintWorker.bundle.js',
      'dist/loadBundle.js',
      'codebooks/core.codebook.yaml',
      'codebooks/miti-4.2.1.codebook.yaml',
      'LICENSE',
    ])
      assert.ok(paths.includes(needed), needed);
    assert.ok(packed.size < 1_000_000, `${packed.size} bytes packed`);
    assert.equal(packed.entryCount, paths.length);
  });

  it('installs from the tarball offline, with no dependencies to fetch', () => {
    assert.equal(install.status, 0, `npm install failed:\n${install.stderr}`);
    const manifest = JSON.parse(readFileSync(join(project(), 'node_modules', 'session-markdown', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest['dependencies'], undefined, 'the bundles hold every dependency');
    assert.equal(manifest['private'], undefined);
  });

  it('ships the pre-commit hook, executable, where the docs say to copy it from', () => {
    const hook = join(project(), 'node_modules', 'session-markdown', 'docs', 'hooks', 'pre-commit');
    assert.equal(readFileSync(hook, 'utf8'), readFileSync(join(ROOT, 'docs', 'hooks', 'pre-commit'), 'utf8'));
    assert.ok(statSync(hook).mode & 0o111, 'the hook is not executable');
    assert.match(
      readFileSync(join(ROOT, 'docs', 'confidentiality.md'), 'utf8'),
      /cp node_modules\/session-markdown\/docs\/hooks\/pre-commit \.git\/hooks\/pre-commit/,
    );
  });

  it('runs `npx session-md lint` there: exit 0 on the examples, 1 on a transcript with an error', () => {
    cpSync(join(ROOT, 'examples'), join(project(), 'transcripts'), { recursive: true });
    const clean = npm(NPX, ['--no-install', 'session-md', 'lint', 'transcripts'], project());
    assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}`);
    assert.match(clean.stdout, /No problems found in 3 files/);

    writeFileSync(join(project(), 'transcripts', 'broken.session.md'), transcript({ middle: ['[00:06:00] Theraist: Anything else?'] }));
    const broken = npm(NPX, ['--no-install', 'session-md', 'lint', 'transcripts', '--codebook', 'miti-4.2.1'], project());
    assert.equal(broken.status, 1, `${broken.stdout}${broken.stderr}`);
    assert.match(broken.stdout, /broken\.session\.md:\d+:\d+ +error .*speaker-undeclared/);
  });

  it('runs the commands other than lint there too, which it loads from their own bundle only when asked for', () => {
    cpSync(join(ROOT, 'examples'), join(project(), 'other-commands'), { recursive: true });
    const stats = npm(NPX, ['--no-install', 'session-md', 'stats', 'other-commands'], project());
    assert.equal(stats.status, 0, `${stats.stdout}${stats.stderr}`);
    assert.match(stats.stdout, /C-017 · session 1/);
    const usage = npm(NPX, ['--no-install', 'session-md', 'export', 'other-commands', '--format', 'nope'], project());
    assert.equal(usage.status, 2, 'a usage error inside a command loaded on demand is still a usage error');
    assert.match(usage.stderr, /^session-md: unknown format 'nope'[^\n]*\nRun 'session-md --help' for usage\.\n$/);
  });
});

describe('how the docs say to install the CLI', () => {
  // The package is not on the npm registry (yet): `npm install session-markdown` would fail.
  const DOCS = ['README.md', 'docs/ci/session-md.yml', 'docs/hooks/pre-commit', 'docs/confidentiality.md', 'docs/trainers.md'];

  it('never from the registry by name, but from the git repository or a packed tarball', () => {
    for (const doc of DOCS) assert.doesNotMatch(readFileSync(join(ROOT, doc), 'utf8'), /npm (?:install|i|add)(?: --save-dev| -D)? session-markdown\b/, doc);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /npm install --save-dev git\+https:\/\/\S+\/session-markdown\.git/);
    assert.match(readme, /npm pack[\s\S]*npm install --save-dev \S+\/session-markdown-[\d.]+\.tgz/);
    const workflow = readFileSync(join(ROOT, 'docs', 'ci', 'session-md.yml'), 'utf8');
    assert.match(workflow, /git\+https:\/\/\S+\/session-markdown\.git/);
    assert.match(workflow, /session-markdown-[\d.]+\.tgz/);
  });
});

describe('the VS Code extension package (npm run package)', function () {
  this.timeout(0); // a build and vsce, offline; the spawned run has its own kill timeout
  it('builds a .vsix with the extension and its grammar, codebooks and pictures, and not the CLI or the tests', () => {
    const ws = makeWorkspace({});
    try {
      const out = ws.path('extension.vsix');
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-vsix.mjs'), '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: HANG_MS,
      });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
      // The entry names are stored as they are in a zip; the central directory lists each once more.
      const entries = [
        ...new Set(
          readFileSync(out)
            .toString('latin1')
            .match(/extension\/[\w./-]+/g),
        ),
      ].sort();
      for (const needed of [
        'extension/package.json',
        'extension/dist/extension.js',
        'extension/syntaxes/session-markdown.tmLanguage.json',
        'extension/codebooks/core.codebook.yaml',
        'extension/docs/images/editor.png',
      ])
        assert.ok(entries.includes(needed), `${needed} missing from ${entries.join(', ')}`);
      assert.deepEqual(
        entries.filter((e) => /^extension\/(?:test|src|bench|examples|node_modules)\/|\.map$|dist\/cli\.js$/.test(e)),
        [],
      );
    } finally {
      ws.dispose();
    }
  });
});
