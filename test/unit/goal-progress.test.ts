import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSession } from '../../src/core/parse/session';
import { goalProgress, sessionColumnLabel, type CourseTranscript } from '../../src/core/research/goalProgress';
import { ROOT } from '../support/paths';

function transcript(file: string, frontMatter: string[], body: string[], folder?: string): CourseTranscript {
  const text = ['---', ...frontMatter, '---', '', '## Beginning', '', ...body, ''].join('\n');
  return { file, session: parseSession(text), ...(folder !== undefined ? { folder } : {}) };
}

const goals = (...entries: [string, string][]): string[] => [
  'goals:',
  ...entries.flatMap(([id, status]) => [`  - id: ${id}`, `    text: ${id} text`, `    status: ${status}`]),
];

describe('goal progress over a course', () => {
  it('keeps a goal in one row across the sessions of a client, with its status and turns per session, in session order', () => {
    const courses = goalProgress([
      // Given out of order: the table orders the columns by session number.
      transcript(
        'c/08.session.md',
        ['session: 8', 'client: C-1', 'date: 2026-03-10', ...goals(['sleep', 'achieved'], ['walk', 'open'])],
        ['T: And sleep? {#sleep}'],
      ),
      transcript(
        'c/01.session.md',
        ['session: 1', 'client: C-1', 'date: 2026-01-13', ...goals(['sleep', 'open'], ['mood', 'open'])],
        ['T: Tell me about sleep. {#sleep}', 'C: Bad. {#sleep} {#mood} {#sleep}', 'T: And mood? {#mood}'],
      ),
      transcript('c/04.session.md', ['session: 4', 'client: C-1', 'date: 2026-02-03', ...goals(['sleep', 'in-progress'])], ['T: Hello.']),
    ]);
    assert.equal(courses.length, 1);
    const [course] = courses;
    assert.equal(course!.course, 'C-1');
    assert.deepEqual(
      course!.sessions.map((s) => [s.file, s.number, s.date]),
      [
        ['c/01.session.md', 1, '2026-01-13'],
        ['c/04.session.md', 4, '2026-02-03'],
        ['c/08.session.md', 8, '2026-03-10'],
      ],
    );
    // Rows in the order the course first declares them: mood (session 1) before walk (session 8).
    assert.deepEqual(
      course!.goals.map((g) => [g.id, g.cells.map((c) => `${c.status ?? '–'} ${c.turns}/${c.references}`)]),
      [
        ['sleep', ['open 2/3', 'in-progress 0/0', 'achieved 1/1']],
        ['mood', ['open 2/2', '– 0/0', '– 0/0']],
        ['walk', ['– 0/0', '– 0/0', 'open 0/0']],
      ],
    );
  });

  it('points each cell at the first reference in that session, and at the declaration', () => {
    const [course] = goalProgress([
      transcript(
        'a.session.md',
        ['session: 1', 'client: C-1', ...goals(['sleep', 'open'])],
        ['T: Hello.', 'C: I sleep badly. {#sleep}', 'T: Since when? {#sleep}'],
      ),
    ]);
    const cell = course!.goals[0]!.cells[0]!;
    // The front matter takes 8 lines, then a blank line, the heading and a blank line: the second turn is line 13.
    assert.deepEqual([cell.firstReference?.start.line, cell.firstReference?.start.column], [13, 19]);
    assert.equal(cell.declaration?.start.line, 5);
  });

  it('adds goals that are only referenced, after the declared ones, with no status', () => {
    const [course] = goalProgress([transcript('a.session.md', ['client: C-1', ...goals(['sleep', 'open'])], ['T: And work? {#work}'])]);
    assert.deepEqual(
      course!.goals.map((g) => [g.id, g.cells[0]!.status, g.cells[0]!.turns]),
      [
        ['sleep', 'open', 0],
        ['work', undefined, 1],
      ],
    );
  });

  it('forms one course per client (or course), and per folder, as All Sessions groups them', () => {
    const courses = goalProgress([
      transcript('x/1.session.md', ['client: C-2'], []),
      transcript('x/2.session.md', ['course: group-A'], []),
      transcript('x/3.session.md', [], []),
      transcript('a/1.session.md', ['client: C-1'], [], 'coder-a'),
      transcript('b/1.session.md', ['client: C-1'], [], 'coder-b'),
    ]);
    assert.deepEqual(
      courses.map((c) => c.course),
      ['C-1 (coder-a)', 'C-1 (coder-b)', 'C-2', 'group-A', '(no client)'],
    );
  });

  it('reads the stage of a session when its front matter names one, and labels the columns', () => {
    const [course] = goalProgress([
      transcript('a/01-intake.session.md', ['session: 1', 'date: 2026-01-13', 'stage: intake', 'client: C-1'], []),
      transcript('a/x.session.md', ['client: C-1'], []),
    ]);
    assert.deepEqual(course!.sessions.map(sessionColumnLabel), ['Session 1 · 2026-01-13 · intake', 'x.session.md']);
  });

  it('tracks the four goals of the sample course across its three sessions', () => {
    const dir = join(ROOT, 'examples', 'C-017');
    const files = ['08-termination.session.md', '01-intake.session.md', '04-sleep-window.session.md'];
    const [course, ...others] = goalProgress(files.map((f) => ({ file: f, session: parseSession(readFileSync(join(dir, f), 'utf8')) })));
    assert.equal(others.length, 0);
    assert.deepEqual(
      course!.goals.map((g) => [g.id, g.cells.map((c) => c.status ?? '–')]),
      [
        ['sleep', ['open', 'in-progress', 'achieved']],
        ['mood', ['open', 'in-progress', 'achieved']],
        ['choir', ['open', 'open', 'achieved']],
        ['running', ['open', 'open', 'dropped']],
        ['walking', ['–', '–', 'open']],
      ],
    );
    // Every reference in the transcripts is counted, in the session it is in.
    files.forEach((f) => {
      const written = (readFileSync(join(dir, f), 'utf8').match(/\{#[\w-]+\}/g) ?? []).length;
      const column = course!.sessions.findIndex((s) => s.file === f);
      assert.equal(
        course!.goals.reduce((n, g) => n + g.cells[column]!.references, 0),
        written,
        f,
      );
    });
  });
});
