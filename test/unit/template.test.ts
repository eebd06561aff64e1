import { strict as assert } from 'node:assert';
import { continueCourse, sessionFileName, sessionTemplate, validateSessionName, type FrontMatter } from '../../src/core';
import { lintSession } from '../../src/core/lint/engine';
import { parseSession } from '../../src/core/parse/session';
import { parseCodebook } from '../../src/core/codebook/codebook';
import type { ResolvedConfig } from '../../src/core/config/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const CONFIG: ResolvedConfig = { rules: {}, requiredFields: [], libraries: [], files: [] };
const CORE = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'core').codebook!;

describe('New Session', () => {
  it('writes a template that lints clean, with or without a client from a sibling session', () => {
    for (const options of [
      { session: 5, date: '2026-11-26', client: 'C-017', therapist: 'T-02' },
      { session: 1, date: '2026-11-26' },
    ]) {
      const text = sessionTemplate(options);
      const session = parseSession(text);
      assert.deepEqual(lintSession(session, { config: CONFIG, codebook: CORE }), [], JSON.stringify(options));
      assert.equal(session.frontMatter!.session, options.session);
      assert.deepEqual(
        session.sections.map((s) => s.phase?.name),
        ['Beginning', 'Middle', 'Termination'],
      );
      assert.equal(session.frontMatter!.client, options.client);
    }
  });

  it("carries over the open goals of the client's latest session: ids, texts and statuses, no placeholder, lint-clean", () => {
    const goals = [
      { id: 'walking', text: 'Walk for 30 minutes on four days a week', status: 'open' as const },
      { id: 'mood.2', text: 'Feel less low: PHQ-9 below 10 # on most days', status: 'in-progress' as const },
      { id: 'quotes', text: '"Sleep" better, yes', status: 'open' as const },
      { id: 'number', text: '2026', status: 'open' as const },
    ];
    const text = sessionTemplate({ session: 9, date: '2026-03-17', client: 'C-017', therapist: 'T-02', goals });
    const session = parseSession(text);
    assert.deepEqual(
      session.frontMatter!.goals.map(({ id, text, status }) => ({ id, text, status })),
      goals,
    );
    assert.doesNotMatch(text, /goal-1|Describe the goal/, 'no placeholder goal beside carried-over ones');
    assert.deepEqual(lintSession(session, { config: CONFIG, codebook: CORE }), [], text);
  });

  it('writes the course when the sessions are grouped by course, not client', () => {
    const session = parseSession(sessionTemplate({ session: 3, date: '2026-03-17', course: 'CBT-I group A' }));
    assert.equal(session.frontMatter!.course, 'CBT-I group A');
    assert.equal(session.frontMatter!.client, undefined);
  });

  it("takes the goals from the client's highest session number in the workspace, without achieved or dropped ones", () => {
    const front = (text: string): FrontMatter => parseSession(`---\n${text}\n---\n`).frontMatter!;
    const goals = (list: [string, string][]) =>
      ['goals:', ...list.flatMap(([id, status]) => [`  - id: ${id}`, `    text: Goal ${id}`, `    status: ${status}`])].join('\n');
    const folder = [
      front(`session: 1\nclient: C-5\ntherapist: T-1\n${goals([['old', 'open']])}`),
      front(`session: 2\nclient: C-5\ntherapist: T-1\n${goals([['sleep', 'in-progress']])}`),
    ];
    const workspace = [
      ...folder,
      front(
        `session: 6\nclient: C-5\ntherapist: T-3\n${goals([
          ['sleep', 'achieved'],
          ['mood', 'in-progress'],
          ['running', 'dropped'],
          ['walking', 'open'],
        ])}`,
      ),
      front(`session: 9\nclient: C-6\n${goals([['other', 'open']])}`),
      front(`session: 12\ncourse: C-5\n${goals([['course-goal', 'open']])}`),
    ];
    const next = continueCourse(folder, workspace);
    assert.deepEqual(next, {
      session: 7,
      client: 'C-5',
      therapist: 'T-3',
      goals: [
        { id: 'mood', text: 'Goal mood', status: 'in-progress' },
        { id: 'walking', text: 'Goal walking', status: 'open' },
      ],
    });
    // A latest session with only closed goals carries none: the template then shows the placeholder.
    const closed = continueCourse(folder, [...workspace, front(`session: 8\nclient: C-5\n${goals([['sleep', 'achieved']])}`)]);
    assert.equal(closed.goals, undefined);
    assert.equal(closed.session, 9);
    assert.match(sessionTemplate({ ...closed, date: '2026-03-17' }), /- id: goal-1/);
    // A folder of course sessions continues the course; an empty folder starts at 1.
    assert.deepEqual(continueCourse([workspace[4]!], workspace), {
      session: 13,
      course: 'C-5',
      goals: [{ id: 'course-goal', text: 'Goal course-goal', status: 'open' }],
    });
    assert.deepEqual(continueCourse([], workspace), { session: 1 });
  });

  it('accepts a plain name and refuses folders, hidden files and empty names', () => {
    assert.equal(validateSessionName('05-relapse-plan'), undefined);
    assert.equal(sessionFileName(' 05-relapse-plan.session.md '), '05-relapse-plan.session.md');
    assert.equal(sessionFileName('intake.md'), 'intake.session.md');
    assert.match(validateSessionName('   ')!, /Enter a file name/);
    assert.match(validateSessionName('../escape')!, /without a folder/);
    assert.match(validateSessionName('.hidden')!, /without a folder/);
    assert.match(validateSessionName('x'.repeat(121))!, /at most 120/);
  });
});
