import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ParseCounter } from '../../src/core';
import { mixedWorkspaceFiles, runWith } from '../support/lintRun';
import { makeWorkspace, transcript } from '../support/workspace';

// `session-md lint --cache`: a warm run reports what a cold one does, parses only what changed,
// and any change to a config, codebook or library invalidates the files it applies to.
const FORMATS = ['stylish', 'json', 'sarif', 'github'];

/** Runs lint and says how many transcripts it parsed. */
async function lint(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string; parsed: number }> {
  const parseCounter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
  const result = await runWith(['lint', ...args], dir, { parseCounter });
  return { ...result, parsed: parseCounter.sessions };
}

describe('session-md lint --cache', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('reports on a warm run exactly what a cold run reports, in every format, parsing nothing', async () => {
    ws = makeWorkspace(mixedWorkspaceFiles(transcript));
    for (const format of FORMATS) {
      const plain = await lint(ws.dir, ['-f', format]);
      const cold = await lint(ws.dir, ['-f', format, '--cache']);
      const warm = await lint(ws.dir, ['-f', format, '--cache']);
      assert.ok(existsSync(ws.path('.sessionmd-cache')));
      assert.deepEqual({ ...cold, parsed: 0 }, { ...plain, parsed: 0 }, format);
      assert.deepEqual({ ...warm, parsed: 0 }, { ...plain, parsed: 0 }, format);
      // The files under the broken config are never stored, so they are linted (and reported) every time.
      assert.equal(warm.parsed, 0, `${format}: the warm run parsed ${warm.parsed} files`);
      assert.match(warm.stderr, /invalid config: Unknown key 'goal-unsued'/);
    }
  });

  it('re-lints an edited file and only that file', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript(), 'b.session.md': transcript(), 'c.session.md': transcript() });
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 3);
    appendFileSync(ws.path('b.session.md'), 'Theraist: Anything else?\n');
    const warm = await lint(ws.dir, ['--cache']);
    assert.equal(warm.parsed, 1);
    assert.match(warm.stdout, /^b\.session\.md:\d+:1 +error +Unknown speaker 'T\*\*\*\*\*\*\*'/m);
    assert.equal(warm.code, 1);
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 0);
    assert.equal((await lint(ws.dir, ['--cache'])).stdout, warm.stdout);
  });

  it('re-lints a session when an earlier session of its course (same client, same folder) changes what its front matter says', async () => {
    const session = (n: number, status: string, client = 'C-001'): string =>
      transcript({ frontMatter: `session: ${n}\nclient: ${client}\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: ${status}` });
    ws = makeWorkspace({ 'one.session.md': session(1, 'achieved'), 'two.session.md': session(2, 'achieved'), 'other.session.md': session(1, 'open', 'C-002') });
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 3);
    appendFileSync(ws.path('one.session.md'), '[00:41:00] C: Thank you.\n');
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 1, "a change below one's front matter leaves two's course as it was");
    writeFileSync(ws.path('two.session.md'), session(2, 'open'));
    const edited = await lint(ws.dir, ['--cache']);
    assert.equal(edited.parsed, 1);
    assert.match(edited.stdout, /^two\.session\.md:\d+:\d+ +warning +Goal 's\*\*\*\*' went back from achieved to open .* goal-regressed$/m);
    // Now one's status changes: two's finding goes, though two's own bytes are unchanged.
    writeFileSync(ws.path('one.session.md'), session(1, 'open'));
    const sibling = await lint(ws.dir, ['--cache']);
    assert.equal(sibling.parsed, 2, 'one changed, and two, which comes after it, is linted again for it; the other client is not');
    assert.doesNotMatch(sibling.stdout, /goal-regressed/);
    assert.equal(sibling.stdout, (await lint(ws.dir)).stdout);
    // A session that joins the course, or leaves it, changes it too.
    writeFileSync(ws.path('a.session.md'), session(1, 'open'));
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 3, 'a new session 1 (a comes before one by name) and the two after it');
    rmSync(ws.path('a.session.md'));
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 2, 'one and two, whose course lost a session');
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 0);
  });

  it('re-lints the files a changed, added or removed config applies to, and no others', async () => {
    ws = makeWorkspace({ 'a/x.session.md': transcript(), 'a/y.session.md': transcript(), 'b/z.session.md': transcript() });
    await lint(ws.dir, ['--cache']);
    writeFileSync(ws.path('a/.sessionmdrc.yaml'), 'rules:\n  goal-unreviewed: error\n');
    const added = await lint(ws.dir, ['--cache']);
    assert.equal(added.parsed, 2, 'a new config in a/ applies to a/x and a/y');
    writeFileSync(ws.path('a/.sessionmdrc.yaml'), 'rules:\n  goal-unreviewed: off\n');
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 2, 'an edited config');
    writeFileSync(ws.path('.sessionmdrc.yaml'), 'requiredFields: [session, date, client, therapist]\n');
    const root = await lint(ws.dir, ['--cache']);
    assert.equal(root.parsed, 3, 'a config above every file');
    assert.match(root.stdout, /b\/z\.session\.md:.*therapist/);
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 0);
    assert.deepEqual((await lint(ws.dir, ['--cache'])).stdout, (await lint(ws.dir)).stdout);
    rmSync(ws.path('a/.sessionmdrc.yaml'));
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 2, 'a removed config');
  });

  it('re-lints the files that use a changed codebook or library, and no others', async () => {
    const library = (label: string) => `name: Shared\ncodes:\n  - id: socratic-question\n    label: ${label}\n    role: therapist\n`;
    const frontMatter = (codebook: string) => `session: 1\ndate: 2026-03-14\nclient: C-001\ncodebook: ${codebook}`;
    ws = makeWorkspace({
      'schemes/own.yaml': 'name: Own\ncodes:\n  - id: open-question\n    label: Open question\n    role: therapist\n',
      'a/own.session.md': transcript({ frontMatter: frontMatter('../schemes/own.yaml') }),
      'a/core.session.md': transcript({ middle: ['[00:06:00] T: What tells you so? {socratic-question}'] }),
      'a/unusable.session.md': transcript({ frontMatter: frontMatter('../schemes/missing.yaml') }),
      'libs/shared.codebook.yaml': library('Socratic question'),
    });
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 3);
    writeFileSync(ws.path('schemes/own.yaml'), readFileSync(ws.path('schemes/own.yaml'), 'utf8').replace('open-question', 'closed-question'));
    const codebook = await lint(ws.dir, ['--cache']);
    assert.equal(codebook.parsed, 1, 'only the session whose codebook changed');
    assert.match(codebook.stdout, /Unknown code 'o\*\*\*-q\*\*\*\*\*\*\*'/);
    writeFileSync(ws.path('libs/shared.codebook.yaml'), library('Socratic questioning'));
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 2, 'the sessions whose codebook merges the library, not the one whose codebook cannot be read');
    writeFileSync(ws.path('schemes/missing.yaml'), 'name: Found\ncodes:\n  - id: open-question\n    label: Open question\n    role: therapist\n');
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 1, 'a codebook that appears where one was missing');
    writeFileSync(ws.path('libs/more.codebook.yaml'), library('Socratic question'));
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 3, 'a new library in the workspace');
    assert.equal((await lint(ws.dir, ['--cache'])).parsed, 0);
    assert.equal((await lint(ws.dir, ['--cache', '--codebook', 'miti-4.2.1'])).parsed, 3, '--codebook changes every result');
    assert.equal((await lint(ws.dir, ['--cache'])).stdout, (await lint(ws.dir)).stdout);
  });

  it('ignores a corrupt cache with a note and rewrites it; leaves a foreign file alone', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript(), 'b.session.md': transcript({ middle: ['Theraist: Hi.'] }) });
    const expected = await lint(ws.dir);
    await lint(ws.dir, ['--cache']);
    const cache = ws.path('.sessionmd-cache');
    writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 60));
    const corrupt = await lint(ws.dir, ['--cache']);
    assert.match(corrupt.stderr, /ignoring the cache .*\.sessionmd-cache: it is corrupt; it will be rewritten/);
    assert.deepEqual([corrupt.code, corrupt.stdout, corrupt.parsed], [expected.code, expected.stdout, 2]);
    const healed = await lint(ws.dir, ['--cache']);
    assert.deepEqual([healed.stderr, healed.stdout, healed.parsed], ['', expected.stdout, 0]);
    writeFileSync(ws.path('notes.txt'), 'my own notes\n');
    const foreign = await lint(ws.dir, ['--cache', '--cache-location', 'notes.txt']);
    assert.match(foreign.stderr, /ignoring .*notes\.txt: it is not a session-md cache, so it is left as it is/);
    assert.equal(foreign.stdout, expected.stdout);
    assert.equal(readFileSync(ws.path('notes.txt'), 'utf8'), 'my own notes\n');
    // An entry of the wrong shape, with the right key: the cache is corrupt, not a crash.
    const data = JSON.parse(readFileSync(cache, 'utf8')) as { f: Record<string, unknown[]> };
    data.f['a.session.md']![2] = null as unknown as string;
    data.f['b.session.md']![3] = [{ ruleId: 'x' }];
    writeFileSync(cache, JSON.stringify(data));
    const damaged = await lint(ws.dir, ['--cache']);
    assert.deepEqual([damaged.stdout, damaged.parsed], [expected.stdout, 2]);
    assert.match(damaged.stderr, /it is corrupt/);
  });

  it('keeps the cache where --cache-location says, and wants --cache with it', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript() });
    const unwritable = await lint(ws.dir, ['--cache', '--cache-location', 'missing/lint-cache.json']);
    assert.equal(unwritable.code, 0, 'a cache that cannot be written is a note, not an error');
    assert.match(unwritable.stderr, /cannot write the cache .*lint-cache\.json: ENOENT/);
    await lint(ws.dir, ['--cache', '--cache-location', 'lint-cache.json']);
    assert.ok(existsSync(ws.path('lint-cache.json')));
    assert.equal((await lint(ws.dir, ['--cache', '--cache-location', 'lint-cache.json'])).parsed, 0);
    const usage = await lint(ws.dir, ['--cache-location', 'x.json']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--cache-location needs --cache/);
  });

  it('with --fix, fixes files even when their findings are cached, and stores the fixed results', async () => {
    // b is another client's session, so fixing a changes nothing in b's course.
    const other = 'session: 1\nclient: C-002\ngoals:\n  - id: sleep\n    text: Sleep better';
    ws = makeWorkspace({
      'a.session.md': transcript({ middle: ['[00:06:00] C: And my mood is low. {#mood}'] }),
      'b.session.md': transcript({ frontMatter: other }),
    });
    const before = await lint(ws.dir, ['--cache']);
    assert.match(before.stdout, /goal-undeclared/);
    const fixed = await lint(ws.dir, ['--cache', '--fix']);
    assert.ok(fixed.parsed >= 2, 'the fixable file is linted again although unchanged');
    assert.match(readFileSync(ws.path('a.session.md'), 'utf8'), /- id: mood/);
    const after = await lint(ws.dir, ['--cache']);
    assert.equal(after.parsed, 0, 'the fixed file was stored with its new content');
    assert.equal(after.stdout, (await lint(ws.dir)).stdout);
    assert.equal((await lint(ws.dir, ['--cache', '--fix'])).parsed, 0, 'nothing left to fix');
  });

  it('stores no fix: neither a pseudonym nor any other replacement text, yet --fix still re-lints a file that has one', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'pii:\n  names: private/names.txt\n  pseudonyms: private/pseudonyms.yaml\n',
      'private/names.txt': 'Jane Doe\n',
      'private/pseudonyms.yaml': 'Jane Doe: Pseudonym Quokka\n',
      'a.session.md': transcript({ middle: ['[00:06:00] C: Jane Doe came too. {#mood}'] }),
    });
    const plain = await lint(ws.dir);
    assert.match(plain.stdout, /pii-name/);
    assert.match(plain.stdout, /goal-undeclared/);
    await lint(ws.dir, ['--cache']);
    const cache = readFileSync(ws.path('.sessionmd-cache'), 'utf8');
    assert.doesNotMatch(cache, /Quokka|Replace with|TODO: describe this goal|"fixes"|newText/, 'no fix title, edit or replacement text');
    assert.equal((await lint(ws.dir, ['--cache'])).stdout, plain.stdout, 'the outputs need nothing more');
    const fixed = await lint(ws.dir, ['--cache', '--fix']);
    assert.equal(fixed.parsed > 0, true, 'the cached file has safe fixes, so --fix lints it again');
    assert.match(readFileSync(ws.path('a.session.md'), 'utf8'), /C: Pseudonym Quokka came too\./);
  });

  it('writes a .gitignore naming the cache beside it inside a git repository, and leaves an existing one alone', async function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    ws = makeWorkspace({ 'a.session.md': transcript(), 'sub/b.session.md': transcript() });
    rmSync(ws.path('.git'), { recursive: true });
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: ws.dir }).status, 0);
    const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: ws.dir }).status === 0;
    await lint(ws.dir, ['--cache']);
    assert.ok(ignored('.sessionmd-cache'), 'git ignores the cache');
    assert.match(readFileSync(ws.path('.gitignore'), 'utf8'), /^# Written by session-md: .*\n\/\.sessionmd-cache\n$/);
    await lint(ws.dir, ['--cache', '--cache-location', 'sub/lint [1].cache']);
    assert.ok(ignored('sub/lint [1].cache'), 'a name with glob characters is escaped');
    assert.ok(!ignored('sub/b.session.md'), 'and ignores nothing else');

    // A .gitignore of the user's is never changed: a note says what to add when it does not name the cache.
    writeFileSync(ws.path('sub/.gitignore'), '*.log\n');
    const note = await lint(ws.dir, ['--cache', '--cache-location', 'sub/other.cache']);
    assert.match(note.stderr, /note: .*sub[\\/]\.gitignore does not name other\.cache; add \/other\.cache to it/);
    assert.equal(readFileSync(ws.path('sub/.gitignore'), 'utf8'), '*.log\n');
    assert.equal((await lint(ws.dir, ['--cache', '--cache-location', 'sub/other.cache'])).stderr, '', 'said once, when the cache is created');

    // Outside a git repository, nothing but the cache is written.
    const plain = makeWorkspace({ 'in/a.session.md': transcript() });
    try {
      rmSync(plain.path('.git'), { recursive: true });
      writeFileSync(plain.path('in/.sessionmdrc.yaml'), 'root: true\n');
      await lint(plain.path('in'), ['--cache']);
      assert.ok(existsSync(plain.path('in/.sessionmd-cache')));
      assert.ok(!existsSync(plain.path('in/.gitignore')));
    } finally {
      plain.dispose();
    }
  });

  it('trusts a forged entry only in --cache runs, which is why --cache is no CI gate (docs/confidentiality.md)', async () => {
    ws = makeWorkspace({ 'a.session.md': transcript({ middle: ['Theraist: Anything else?'] }) });
    const plain = await lint(ws.dir);
    assert.equal(plain.code, 1);
    await lint(ws.dir, ['--cache']);
    const path = ws.path('.sessionmd-cache');
    const data = JSON.parse(readFileSync(path, 'utf8')) as { f: Record<string, unknown[]> };
    data.f['a.session.md']![3] = [];
    writeFileSync(path, JSON.stringify(data));
    const forged = await lint(ws.dir, ['--cache']);
    assert.deepEqual(
      [forged.code, forged.stdout, forged.parsed],
      [0, 'No problems found in 1 file.\n', 0],
      'the forged entry hides the finding from a --cache run',
    );
    assert.deepEqual([(await lint(ws.dir)).code, (await lint(ws.dir)).stdout], [1, plain.stdout], 'a run without --cache still reports it');
  });
});
