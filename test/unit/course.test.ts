import { strict as assert } from 'node:assert';
import { FolderCourses, Linter, type CourseReader } from '../../src/core';
import { COURSE_FIRST_BYTES, COURSE_HEAD_BYTES, courseSessionFromHead, MAX_COURSE_FOLDER } from '../../src/core/course/folderCourses';
import { memoryHost } from '../support/memoryHost';

// The course a session is checked against (docs/format.md#courses): the sessions of the same client
// in its folder, read from the head of each file, each folder once, and none in an oversized folder.

const session = (n: number, client: string, status = 'open') =>
  `---\nsession: ${n}\nclient: ${client}\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: ${status}\n---\n\n## Beginning\n\nC: About my sleep. {#sleep}\n`;

/** A reader over files in memory that counts what it reads. */
function reader(files: Record<string, string>) {
  const reads = { lists: 0, heads: [] as number[] };
  const bytes = (path: string) => new TextEncoder().encode(files[path] ?? '');
  const courseReader: CourseReader = {
    transcriptsIn: async (dir) => {
      reads.lists++;
      return Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/') && p.endsWith('.session.md'))
        .sort();
    },
    readHead: async (path, limit) => {
      reads.heads.push(limit);
      return bytes(path).subarray(0, limit);
    },
  };
  return { courseReader, reads };
}

describe('courses', () => {
  it('orders the sessions of one client in one folder by number, reading each folder once and only the head of each file', async () => {
    const files = {
      '/w/a/3.session.md': session(3, 'C-1'),
      '/w/a/1.session.md': session(1, 'C-1'),
      '/w/a/other.session.md': session(2, 'C-2'),
      '/w/a/sub/2.session.md': session(2, 'C-1'),
      '/w/b/2.session.md': session(2, 'C-1'),
    };
    const { courseReader, reads } = reader(files);
    const courses = new FolderCourses(courseReader);
    const own = courseSessionFromHead('/w/a/3.session.md', new TextEncoder().encode(files['/w/a/3.session.md']), false);
    const course = (await courses.courseOf(own))!;
    assert.deepEqual(
      course.sessions.map((s) => s.path),
      ['/w/a/1.session.md', '/w/a/3.session.md'],
    );
    assert.equal(course.index, 1);
    const first = (await courses.courseOf({ ...own, path: '/w/a/1.session.md', number: 1 }))!;
    assert.deepEqual(
      first.sessions.map((s) => s.path),
      ['/w/a/1.session.md'],
      'a session is checked against the sessions up to it',
    );
    assert.equal(reads.lists, 1, 'the folder is listed once');
    assert.deepEqual(reads.heads, [COURSE_FIRST_BYTES, COURSE_FIRST_BYTES, COURSE_FIRST_BYTES], 'only the first 4 KB of each, where its front matter ends');
    const long = { ...files, '/w/a/2.session.md': session(2, 'C-1').replace('goals:', `notes: "${'x'.repeat(COURSE_FIRST_BYTES)}"\ngoals:`) };
    const longReads = reader(long);
    const withLong = (await new FolderCourses(longReads.courseReader).courseOf(own))!;
    assert.deepEqual(
      withLong.sessions.map((s) => s.path),
      ['/w/a/1.session.md', '/w/a/2.session.md', '/w/a/3.session.md'],
      'front matter longer than 4 KB is read up to 64 KB',
    );
    assert.deepEqual(longReads.reads.heads, [COURSE_FIRST_BYTES, COURSE_FIRST_BYTES, COURSE_HEAD_BYTES, COURSE_FIRST_BYTES, COURSE_FIRST_BYTES]);
    assert.equal(await courses.courseOf({ path: '/w/a/x.session.md', goals: [], readable: true }), undefined, 'no client, no course');
  });

  it("reads a file's own record from its bytes as from its head, once for the same bytes (lint --cache)", async () => {
    const long = session(2, 'C-1').replace('goals:', `notes: "${'x'.repeat(COURSE_FIRST_BYTES)}"\ngoals:`);
    const files = { '/w/a/1.session.md': session(1, 'C-1'), '/w/a/2.session.md': long, '/w/a/3.session.md': session(3, 'C-1') + 'x'.repeat(COURSE_HEAD_BYTES) };
    const courses = new FolderCourses(reader(files).courseReader);
    const siblings = (await courses.sessionsIn('/w/a'))!;
    for (const [path, text] of Object.entries(files)) {
      const bytes = new TextEncoder().encode(text);
      const own = courses.sessionFromBytes(path, bytes);
      // What the cache compared before: the record of the first 64 KB.
      assert.deepEqual(own, courseSessionFromHead(path, bytes.subarray(0, COURSE_HEAD_BYTES), bytes.length > COURSE_HEAD_BYTES), path);
      assert.equal(
        own,
        siblings.find((s) => s.path === path),
        `${path}: the record read for the folder, not read again`,
      );
    }
    const edited = new TextEncoder().encode(session(1, 'C-1', 'achieved'));
    const fresh = courses.sessionFromBytes('/w/a/1.session.md', edited);
    assert.deepEqual(fresh.goals, [{ id: 'sleep', status: 'achieved' }], 'other bytes give a record of their own');
    assert.notEqual(fresh, siblings[0]);
  });

  it('counts a session whose front matter does not end within the head as no member, and gives no course in a folder of too many transcripts', async () => {
    const long = session(1, 'C-1').replace('goals:', `notes: "${'x'.repeat(COURSE_HEAD_BYTES)}"\ngoals:`);
    const cut = courseSessionFromHead('/w/a/1.session.md', new TextEncoder().encode(long).subarray(0, COURSE_HEAD_BYTES), true);
    assert.equal(cut.key, undefined);
    for (const eol of ['\n', '\r\n', '\r']) {
      // A head cut inside its last line: `---` there is the start of `----`, so the front matter has not ended.
      const text = session(1, 'C-1').replace(/\n/g, eol);
      const closing = text.indexOf(`${eol}---${eol}`, 3) + eol.length;
      const head = new TextEncoder().encode(`${text.slice(0, closing)}----${eol}`).subarray(0, closing + 3);
      assert.equal(courseSessionFromHead('/w/a/1.session.md', head, true).key, undefined, JSON.stringify(eol));
      assert.equal(courseSessionFromHead('/w/a/1.session.md', head, false).key, 'C-1', JSON.stringify(eol));
    }
    const whole = courseSessionFromHead('/w/a/2.session.md', new TextEncoder().encode(session(2, 'C-1', 'achieved')), false);
    assert.deepEqual([whole.key, whole.number, whole.goals], ['C-1', 2, [{ id: 'sleep', status: 'achieved' }]]);
    const many: Record<string, string> = {};
    for (let i = 1; i <= MAX_COURSE_FOLDER + 1; i++) many[`/w/big/${String(i).padStart(4, '0')}.session.md`] = session(i, 'C-1');
    const { courseReader, reads } = reader(many);
    assert.equal(await new FolderCourses(courseReader).courseOf(whole.key ? { ...whole, path: '/w/big/0002.session.md' } : whole), undefined);
    assert.equal(reads.heads.length, 0, 'no file of an oversized folder is read');
  });

  it('finds nothing with the course rules for text linted without a course source (stdin, an untitled editor)', async () => {
    const host = memoryHost({ '/w/a/1.session.md': session(1, 'C-1', 'achieved') });
    const text = session(2, 'C-1', 'open');
    const alone = await new Linter(host).lintText('/w/a/2.session.md', text);
    assert.equal(alone.course, undefined);
    assert.deepEqual(
      alone.findings.filter((f) => f.ruleId === 'goal-regressed'),
      [],
    );
    const { courseReader } = reader({ '/w/a/1.session.md': session(1, 'C-1', 'achieved'), '/w/a/2.session.md': text });
    const withCourse = await new Linter(host, { courses: new FolderCourses(courseReader) }).lintText('/w/a/2.session.md', text);
    assert.deepEqual(
      withCourse.findings.filter((f) => f.ruleId === 'goal-regressed').map((f) => f.range.start.line),
      [5],
    );
  });
});

describe('courses are read only for the course rules', () => {
  const files = { '/w/a/1.session.md': session(1, 'C-1', 'achieved'), '/w/a/2.session.md': session(2, 'C-1', 'open') };

  async function lintSecond(options: { onlyRules?: string[]; config?: string }) {
    const host = memoryHost(options.config ? { ...files, '/w/.sessionmdrc.yaml': options.config } : files);
    const { courseReader, reads } = reader(files);
    const linted = await new Linter(host, { courses: new FolderCourses(courseReader), ...options }).lintText('/w/a/2.session.md', files['/w/a/2.session.md']);
    return { linted, reads };
  }

  it('reads the sessions beside a transcript when a course rule runs, and not for `--rules pii` or with every course rule off', async () => {
    const all = await lintSecond({});
    assert.deepEqual([all.reads.lists, all.reads.heads.length], [1, 2]);
    assert.ok(all.linted.findings.some((f) => f.ruleId === 'goal-regressed'));
    const pii = await lintSecond({ onlyRules: ['pii-email', 'pii-phone'] });
    assert.deepEqual([pii.reads.lists, pii.reads.heads.length, pii.linted.course], [0, 0, undefined], 'lint --rules pii (the pre-commit hook)');
    const off = await lintSecond({
      config: 'rules:\n  goal-regressed: off\n  goal-disappeared: off\n  termination-goal-unreviewed: off\n  follow-up-without-termination: off\n',
    });
    assert.deepEqual([off.reads.lists, off.reads.heads.length], [0, 0], 'every course rule off in the config');
    const one = await lintSecond({ config: 'rules:\n  goal-regressed: off\n  goal-disappeared: off\n  termination-goal-unreviewed: off\n' });
    assert.deepEqual([one.reads.lists, one.reads.heads.length], [1, 2], 'one course rule still on');
  });
});
