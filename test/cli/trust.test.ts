import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeTurns, sessionStats } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { ROOT } from '../support/paths';
import { makeWorkspace, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

// Transcripts are confidential: the bundles import no networking module and evaluate no code, and
// every CLI command, run with every way to open a connection wrapped (test/support/no-network.cjs),
// tries none. The extension's own run in a real VS Code is watched the same way
// (test/integration: "opens no network connection").

const BUNDLES = ['dist/cli.bundle.js', 'dist/commands.bundle.js', 'dist/lintWorker.bundle.js', 'dist/musicMetadata.js', 'dist/extension.js'];
// The stubs a user runs (the package's bin and the worker script), each loading one bundle with its code cache.
const STUBS: Record<string, string> = {
  'dist/cli.js': 'cli.bundle.js',
  'dist/commands.js': 'commands.bundle.js',
  'dist/lintWorker.js': 'lintWorker.bundle.js',
};
const HOOK = join(ROOT, 'test', 'support', 'no-network.cjs');
const CLI = join(ROOT, 'dist', 'cli.js');

// Node modules a bundle may load: files, paths, threads and hashing; `vscode` for the extension
// (fdir's optional `require('picomatch')` is left out by the build); `tty`, with which the
// `debug` logger of music-metadata (which reads a recording's header) asks whether stderr is a terminal;
// and the CLI's own bundles, which it loads from beside itself: dist/commands.js (the commands other
// than lint) and dist/musicMetadata.js.
const ALLOWED_MODULES = new Set([
  './commands.js',
  './musicMetadata.js',
  'path',
  'fs',
  'fs/promises',
  'process',
  'url',
  'worker_threads',
  'util',
  'os',
  'crypto',
  'module',
  'buffer',
  'tty',
  'vscode',
]);
const NETWORK_WORDS = /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(|\bnew\s+(?:WebSocket|XMLHttpRequest|EventSource)\b/;
// re2js (the regular expressions of `query`) has a Prefilter method eval(input, pos) that tests a
// prefilter against the text searched: a method of that name, not the global eval, so it is let through.
const CODE_FROM_TEXT =
  /\beval\s*\((?!input,\s*pos\))|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|(?:\b|_)vm\.(?:runIn|Script|compileFunction)|\bnew\s+Script\s*\(/;

function modulesOf(bundle: string): string[] {
  return [...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!.replace(/^node:/, ''));
}

describe('what Session Markdown never does', function () {
  describe('the bundles', () => {
    for (const file of BUNDLES) {
      it(`${file} loads no networking module and evaluates no text as code`, () => {
        const path = join(ROOT, file);
        assert.ok(existsSync(path), `${file} is missing: run \`npm run build\` first`);
        const bundle = readFileSync(path, 'utf8');
        const modules = modulesOf(bundle);
        assert.ok(modules.length > 0, 'the module scan found nothing: has the bundle format changed?');
        assert.deepEqual(
          modules.filter((m) => !ALLOWED_MODULES.has(m)),
          [],
          `${file} loads modules outside the allowed list`,
        );
        assert.equal(NETWORK_WORDS.exec(bundle)?.[0], undefined, `${file} mentions a network API`);
        assert.equal(CODE_FROM_TEXT.exec(bundle)?.[0], undefined, `${file} evaluates text as code`);
      });
    }

    // dist/loadBundle.js is the one file that compiles code: the CLI's own bundles, by the fixed names
    // in the stubs, with their V8 code cache (src/cli/bin/loadBundle.ts).
    it('dist/loadBundle.js compiles only the bundle each stub names beside it, and loads nothing else', () => {
      const loader = readFileSync(join(ROOT, 'dist', 'loadBundle.js'), 'utf8');
      assert.deepEqual([...new Set(modulesOf(loader))].sort(), ['crypto', 'fs', 'module', 'path', 'vm']);
      assert.equal(NETWORK_WORDS.exec(loader)?.[0], undefined);
      assert.match(loader, /_vm\.Script\(/, 'the scan below would miss the loader: has the bundle format changed?');
      for (const [stub, bundle] of Object.entries(STUBS)) {
        const text = readFileSync(join(ROOT, stub), 'utf8');
        assert.deepEqual(modulesOf(text), ['./loadBundle.js', 'path'], stub);
        assert.ok(text.includes(`join(__dirname, '${bundle}')`), `${stub} loads ${bundle} from beside itself`);
      }
    });

    it('the scan would notice a networking module or eval', () => {
      assert.deepEqual(modulesOf('require("node:https"); require("net")'), ['https', 'net']);
      assert.ok(NETWORK_WORDS.test('await fetch(url)'));
      assert.ok(CODE_FROM_TEXT.test('new Function("return 1")'));
      assert.ok(CODE_FROM_TEXT.test('eval (x)'));
      assert.ok(CODE_FROM_TEXT.test('new import_node_vm.Script(text)'));
    });
  });

  describe('the CLI, with every way to open a connection wrapped', () => {
    let ws: ReturnType<typeof makeWorkspace>;
    const log = (): string => join(ws.dir, 'network.log');

    // With `workers`, lint runs on two worker threads whatever the input's size.
    function cli(args: string[], workers = false): { code: number | null; stderr: string } {
      const result = spawnSync(process.execPath, ['--require', HOOK, CLI, ...args], {
        cwd: ws.dir,
        encoding: 'utf8',
        env: { ...process.env, SESSIONMD_NETWORK_LOG: log(), SESSION_MD_THREADS: workers ? '2' : '' },
        timeout: HANG_MS,
      });
      return { code: result.status, stderr: result.stderr };
    }

    function attempts(): string[] {
      return existsSync(log()) ? readFileSync(log(), 'utf8').split('\n').filter(Boolean) : [];
    }

    before(() => {
      const files: Record<string, string> = {};
      for (let i = 1; i <= 9; i++) files[`sessions/s${i}.session.md`] = transcript();
      files['coder-b/s1.session.md'] = transcript();
      files['vtt/interview.vtt'] = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Therapist>How are you?\n\n00:00:04.000 --> 00:00:06.000\n<v Client>Tired.\n';
      ws = makeWorkspace(files);
    });
    after(() => ws.dispose());
    afterEach(() => rmSync(log(), { force: true }));

    it('refuses and records a connection when something tries one (the test can fail)', () => {
      const script = "try { require('node:net').connect(9, '127.0.0.1') } catch {} fetch('http://127.0.0.1:9').catch(() => {})";
      const result = spawnSync(process.execPath, ['--require', HOOK, '-e', script], {
        env: { ...process.env, SESSIONMD_NETWORK_LOG: log() },
        encoding: 'utf8',
        timeout: HANG_MS,
      });
      assert.equal(result.status, 1, 'the refused fetch throws');
      assert.deepEqual(
        attempts().map((line) => JSON.parse(line).api),
        ['net.connect', 'fetch'],
      );
    });

    const COMMANDS: Array<[string, string[], number]> = [
      ['lint on worker threads', ['lint', 'sessions'], 0],
      ['lint --fix --cache in SARIF', ['lint', 'sessions', '--fix', '--cache', '-f', 'sarif'], 0],
      ['codebook check', ['codebook', 'check'], 0],
      ['codebook list', ['codebook', 'list', '--codebook', 'miti-4.2.1'], 0],
      ['snippets', ['snippets', 'core', '--out', 'core.code-snippets'], 0],
      ['stats', ['stats', 'sessions', '--format', 'json'], 0],
      ['export', ['export', 'sessions', '--format', 'jsonl', '--out', 'turns.jsonl'], 0],
      ['import', ['import', 'vtt/interview.vtt', '--from', 'vtt', '--out', 'imported.session.md'], 0],
      ['agree', ['agree', 'sessions/s1.session.md', 'coder-b/s1.session.md'], 0],
      ['query', ['query', 'sessions', '-q', 'role:therapist or has:memo', '--context', '1', '--out', 'segments.csv', '-f', 'csv'], 0],
      ['memos', ['memos', 'sessions', '--group-by', 'code'], 0],
    ];
    for (const [what, args, expected] of COMMANDS) {
      it(`${what} tries no connection`, () => {
        const { code, stderr } = cli(args, what.includes('worker'));
        assert.equal(code, expected, `session-md ${args.join(' ')}: ${stderr}`);
        assert.deepEqual(attempts(), []);
        const loaded = readFileSync(`${log()}.loaded`, 'utf8');
        assert.ok(loaded.length > 0, 'the hook was not loaded');
        if (what.includes('worker')) assert.match(loaded, /"threadId":[1-9]/, 'the hook was not loaded in the worker threads');
        rmSync(`${log()}.loaded`);
      });
    }
  });

  it('the statistics view loads nothing from outside: no scripts, nothing remote, a strict CSP, links only to its one command', () => {
    // A client name that tries to add a link and a script of its own.
    const session = parseSession(
      transcript({ frontMatter: 'client: \'<a href="https://127.0.0.1/x" onclick="go()">C</a><script>go()</script>\'\nsession: 1' }),
    );
    const html = renderStatisticsHtml(
      { title: session.frontMatter!.client!, stats: sessionStats({ file: 's.session.md', session }), codeTurns: codeTurns(session) },
      'vscode-webview://test',
      { revealTurnCommand: 'sessionMarkdown.revealStatisticsTurn' },
    );
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' vscode-webview:\/\/test; img-src data:;">/);
    assert.doesNotMatch(html, /<script|<iframe|<link|<foreignObject|@import/i);
    // Text is escaped, so every `<` starts a tag of the page's own.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    assert.deepEqual(
      tags.filter((t) => /\s(?:on\w+|src)\s*=/i.test(t)),
      [],
      'no event handler, nothing loaded',
    );
    const hrefs = tags.flatMap((t) => [...t.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]));
    assert.ok(hrefs.length > 0, 'the chart dots link to their turns');
    // The panel allows this one command (suite/statistics.test.ts), and it takes only a turn number.
    for (const href of hrefs) assert.match(href!, /^command:sessionMarkdown\.revealStatisticsTurn\?%5B\d+%5D$/);
  });
});
