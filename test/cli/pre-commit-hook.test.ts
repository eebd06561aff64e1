import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ROOT } from '../support/paths';
import { transcript } from '../support/workspace';
import { HANG_MS } from '../support/limits';

// The shipped docs/hooks/pre-commit, installed in a real git repository: a commit whose staged
// transcripts hold an e-mail address is refused, whatever the working tree says; a clean one goes through.
const HOOK = join(ROOT, 'docs', 'hooks', 'pre-commit');
const CLI = join(ROOT, 'dist', 'cli.js');
const LEAKY = transcript({ middle: ['[00:06:00] C: Write to jane.doe@example.org, please.'] });
const CLEAN = transcript({ middle: ['[00:06:00] C: Write to me at the usual address, please.'] });

describe('the pre-commit hook in docs/hooks/pre-commit', function () {
  let dir: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;

  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env, encoding: 'utf8', timeout: HANG_MS });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const write = (name: string, text: string): void => {
    mkdirSync(join(repo, name, '..'), { recursive: true });
    writeFileSync(join(repo, name), text);
  };
  const commits = (): number => Number(git('rev-list', '--count', '--all').output.trim() || 0);

  before(function () {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-md-hook-'));
    repo = join(dir, 'transcripts');
    const bin = join(dir, 'bin');
    mkdirSync(repo);
    mkdirSync(bin);
    // A `session-md` on PATH that runs this build, as an installed one would.
    writeFileSync(join(bin, 'session-md'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'session-md'), 0o755);
    env = {
      PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'T-02',
      GIT_AUTHOR_EMAIL: 't02@example.invalid',
      GIT_COMMITTER_NAME: 'T-02',
      GIT_COMMITTER_EMAIL: 't02@example.invalid',
    };
    assert.equal(git('init', '-q').code, 0);
    copyFileSync(HOOK, join(repo, '.git', 'hooks', 'pre-commit'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is an executable POSIX sh script', () => {
    assert.ok(statSync(HOOK).mode & 0o111, 'docs/hooks/pre-commit is not executable');
    assert.match(spawnSync('sh', ['-n', HOOK], { encoding: 'utf8' }).stderr, /^$/);
  });

  it('blocks a commit whose staged transcript holds an e-mail address, and lets a clean one through', () => {
    write('C-017/01 intake.session.md', LEAKY);
    git('add', '.');
    const blocked = git('commit', '-m', 'intake');
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.output, /C-017\/01 intake\.session\.md:21:24 +error +E-mail address in turn 4; .*pii-email/);
    assert.match(blocked.output, /commit blocked/);
    assert.doesNotMatch(blocked.output, /jane\.doe/, 'the finding does not repeat the address');
    assert.equal(commits(), 0);

    write('C-017/01 intake.session.md', CLEAN);
    git('add', '.');
    const passed = git('commit', '-m', 'intake');
    assert.equal(passed.code, 0, passed.output);
    assert.equal(commits(), 1);
  });

  it('checks what is staged, not the working tree, and leaves no copy behind', () => {
    const name = 'a [draft].session.md';
    write(name, LEAKY);
    git('add', name);
    write(name, CLEAN); // fixed on disk, but not staged
    const staged = git('commit', '-m', 'a');
    assert.notEqual(staged.code, 0);
    assert.match(staged.output, /a \[draft\]\.session\.md has unstaged changes; checking its staged version/);
    assert.match(staged.output, /pii-email/);
    assert.deepEqual(readdirSync(repo).sort(), ['.git', name]);

    write(name, CLEAN);
    git('add', name);
    write(name, LEAKY); // not staged, so not committed
    const clean = git('commit', '-m', 'a');
    assert.equal(clean.code, 0, clean.output);
    assert.equal(commits(), 1);
    assert.deepEqual(readdirSync(repo).sort(), ['.git', name]);
  });

  it('ignores commits without transcripts', () => {
    write('notes.md', 'Call jane.doe@example.org\n');
    git('add', '.');
    assert.equal(git('commit', '-m', 'notes').code, 0);
  });
});
