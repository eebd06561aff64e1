import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildAllSessionsNodes,
  buildCurrentNodes,
  currentNodeView,
  groupDescription,
  groupOutOfOrder,
  groupTooltip,
  problemCount,
  sessionDescription,
  sessionLabel,
  sessionStats,
  sessionTooltip,
  type Codebook,
  type CurrentNode,
  type Finding,
  type Session,
} from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { phaseDescription } from '../../src/core/language/currentSessionNodes';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// What the two trees of the Sessions sidebar show, computed without VS Code: the extension only
// adds icons and turns these views into TreeItems (test/integration/suite/trees.test.ts checks that).

const CORE = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;

const SESSION = `---
session: 3
date: 2026-03-01
client: C-1 *star*
speakers: { T: therapist, C: client }
goals:
  - id: sleep
    text: Sleep <b>better</b>
    status: in-progress
  - id: choir
    text: Join the choir
---

## Beginning

[00:10] T: How was the week? {open-question}
[00:30] C: I slept a little more. {#sleep}
[01:00] P: She did. {open-question}

## Termination

[50:40] T: See you next week. {summary} {#sleep}
`;

/** The counts of a session, as the extension computes them once per analysis for both trees. */
const countsOf = (session: Session, codebook?: Codebook) => sessionStats({ file: 'x.session.md', session, ...(codebook ? { codebook } : {}) });

const session = parseSession(SESSION);
const summary = countsOf(session, CORE);
const roots = buildCurrentNodes(summary, session);
const find = (id: string): CurrentNode => {
  const walk = (nodes: CurrentNode[]): CurrentNode | undefined => nodes.map((n) => (n.id === id ? n : walk(n.children))).find(Boolean);
  return walk(roots) ?? assert.fail(`no node ${id}`);
};
const lineOf = (node: CurrentNode) => currentNodeView(node).reveal?.start.line;

describe('Current Session tree nodes', () => {
  it('has four groups with their counts, expanded when they have children', () => {
    assert.deepEqual(
      roots.map((n) => [currentNodeView(n).label, currentNodeView(n).description, currentNodeView(n).fold]),
      [
        ['Goals', '2', 'expanded'],
        ['Phases', '2/3', 'expanded'],
        ['Speakers', '4 turns', 'expanded'],
        ['Codes', '3', 'expanded'],
      ],
    );
    const empty = buildCurrentNodes(countsOf(parseSession('T: Hello.\n')), parseSession('T: Hello.\n'));
    assert.deepEqual(
      empty.map((n) => [n.id, currentNodeView(n).fold]),
      [
        ['Goals', 'none'],
        ['Phases', 'expanded'],
        ['Speakers', 'expanded'],
        ['Codes', 'none'],
      ],
    );
  });

  it('lists each goal with its text, and under it the turns that reference it, each revealing its place', () => {
    const [sleep, choir] = roots[0]!.children;
    assert.deepEqual(
      [currentNodeView(sleep!), currentNodeView(choir!)].map((v) => [v.label, v.description, v.fold]),
      [
        ['sleep', 'Sleep <b>better</b>', 'collapsed'],
        ['choir', 'Join the choir', 'none'],
      ],
    );
    assert.equal(lineOf(sleep!), SESSION.split('\n').indexOf('  - id: sleep') + 1, 'a goal reveals its id in the front matter');
    assert.deepEqual(
      sleep!.children.map((r) => currentNodeView(r).label),
      ['2 · C: I slept a little more.', '4 · T: See you next week.'],
    );
    assert.deepEqual(
      sleep!.children.map((r) => currentNodeView(r).tooltip),
      ['Turn 2 (C): I slept a little more.', 'Turn 4 (T): See you next week.'],
    );
    assert.deepEqual(sleep!.children.map(lineOf), [17, 22]);
    assert.ok(sleep!.children.every((r) => r.parent === sleep) && sleep!.parent === roots[0]);
  });

  it('escapes goal text in the goal tooltip', () => {
    const tooltip = currentNodeView(find('goal:0:sleep')).tooltip;
    assert.ok(tooltip && typeof tooltip !== 'string');
    assert.equal(tooltip.value, '**`sleep`** (in\\-progress)\n\nSleep \\<b\\>better\\<\\/b\\>\n\nReferenced by 2 turns.');
    assert.match((currentNodeView(find('goal:1:choir')).tooltip as { value: string }).value, /Referenced by 0 turns\.$/);
  });

  it('shows the phases of the model with their turns and shares, a missing one without a place to reveal', () => {
    assert.deepEqual(
      roots[1]!.children.map((n) => [currentNodeView(n).label, currentNodeView(n).description, lineOf(n)]),
      [
        ['Beginning', '3 turns · 75%', 14],
        ['Middle', 'missing', undefined],
        ['Termination', '1 turn · 25%', 20],
      ],
    );
  });

  it('describes a phase out of order', () => {
    assert.equal(phaseDescription({ status: 'out-of-order', turns: 3 }, 0.05), 'out of order · 3 turns · 5%');
    assert.equal(phaseDescription({ status: 'present', turns: 1 }, 1 / 3), '1 turn · 33%');
  });

  it('shows each speaker with shares of turns and words and its role, revealing its first turn', () => {
    assert.deepEqual(
      roots[2]!.children.map((n) => [currentNodeView(n).label, currentNodeView(n).description, currentNodeView(n).tooltip, lineOf(n)]),
      [
        ['T — 50% of turns, 53% of words', 'therapist', 'T: 2 turns, 8 words', 16],
        ['C — 25% of turns, 33% of words', 'client', 'C: 1 turns, 5 words', 17],
        ['P — 25% of turns, 13% of words', 'undeclared', 'P: 1 turns, 2 words', 18],
      ],
    );
  });

  it('counts each code with its label from the codebook, revealing its first use', () => {
    assert.deepEqual(
      roots[3]!.children.map((n) => [currentNodeView(n).label, currentNodeView(n).description, lineOf(n)]),
      [
        ['open-question × 2', 'Open question', 16],
        ['summary × 1', 'Summary', 22],
      ],
    );
    const bare = buildCurrentNodes(countsOf(session), session)[3]!.children[0]!;
    assert.equal(currentNodeView(bare).description, '', 'no codebook, no label');
  });

  it('expands a code to the turns of this session that carry it, each with its phase, revealing the turn', () => {
    const [openQuestion] = roots[3]!.children;
    assert.equal(currentNodeView(openQuestion!).fold, 'collapsed');
    assert.deepEqual(
      openQuestion!.children.map((n) => [currentNodeView(n).label, currentNodeView(n).description, lineOf(n)]),
      [
        ['T: How was the week?', 'Beginning · turn 1', 16],
        ['P: She did.', 'Beginning · turn 3', 18],
      ],
    );
    assert.ok(openQuestion!.children.every((n) => n.parent === openQuestion));
  });

  it('shows a page of a code’s turns in a long session, and a row for the rest', () => {
    const long = parseSession(['## Middle', '', ...Array.from({ length: 400 }, (_, i) => `T: Why ${i}? {open-question}`)].join('\n'));
    const [code] = buildCurrentNodes(countsOf(long, CORE), long, CORE)[3]!.children;
    assert.equal(code!.children.length, 51);
    const more = code!.children.at(-1)!;
    assert.deepEqual([currentNodeView(more).label, lineOf(more)], ['350 more…', 53]);
  });
});

/** An analysis as the extension keeps it: a name for the test, the session if parsed, findings. */
interface Analysis {
  file: string;
  linted?: { session: Session };
  findings: Finding[];
  skipped?: string;
}

const finding = (severity: Finding['severity']): Finding => ({
  ruleId: 'x',
  severity,
  message: 'm',
  range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
});
const analysed = (file: string, text: string, findings: Finding[] = []): Analysis => ({ file, linted: { session: parseSession(text) }, findings });
const front = (fields: string) => `---\n${fields}\n---\n\n## Beginning\n\nT: Hello.\n`;

describe('All Sessions tree nodes', () => {
  const entries = [
    analysed('b/08-end.session.md', front('session: 8\ndate: 2026-03-10\nclient: C-017')),
    analysed('a/01-intake.session.md', front('session: 1\nclient: C-017'), [finding('error'), finding('info')]),
    analysed('loose.session.md', 'T: Hello.\n'),
    analysed('g/02.session.md', front('session: 2\ncourse: CBT-I group A'), [finding('warning'), finding('warning')]),
    { file: 'huge.session.md', findings: [], skipped: '6000 KB is above sessionMarkdown.maxFileSize' },
    analysed('a/04-sleep.session.md', front('session: 4\ndate: 2026-02-03\nclient: C-017')),
  ];
  const groups = buildAllSessionsNodes(entries.map((analysis) => ({ analysis, name: analysis.file.split('/').pop()! })));

  it('groups sessions by client or course, "(no client)" last, each ordered by session number', () => {
    assert.deepEqual(
      groups.map((g) => [
        g.kind === 'group' && g.group,
        g.kind === 'group' && groupDescription(g),
        g.kind === 'group' && g.children.map((s) => s.kind === 'session' && s.analysis.file),
      ]),
      [
        ['C-017', '3 sessions · 2 gaps', ['a/01-intake.session.md', 'a/04-sleep.session.md', 'b/08-end.session.md']],
        ['CBT-I group A', '1 session', ['g/02.session.md']],
        ['(no client)', '2 sessions', ['huge.session.md', 'loose.session.md']],
      ],
    );
    for (const group of groups) if (group.kind === 'group') for (const child of group.children) assert.equal(child.kind === 'session' && child.parent, group);
  });

  const sessions = groups.flatMap((g) => (g.kind === 'group' ? g.children : [])).flatMap((s) => (s.kind === 'session' ? [s] : []));
  const byFile = (file: string) => sessions.find((s) => s.analysis.file === file) ?? assert.fail(file);
  const summaryOf = (a: Analysis) => a.linted && countsOf(a.linted.session);

  it('labels a session by number and date, else by file name', () => {
    assert.deepEqual(
      sessions.map((s) => sessionLabel(s)),
      ['Session 1', 'Session 4 · 2026-02-03', 'Session 8 · 2026-03-10', 'Session 2', 'huge', 'loose'],
    );
  });

  it('describes a session by its phases and problems (errors and warnings), or says why it was not analysed', () => {
    assert.deepEqual(
      sessions.map((s) => sessionDescription(s.analysis, summaryOf(s.analysis))),
      [
        '1/3 phases · 1 problem',
        '1/3 phases · 0 problems',
        '1/3 phases · 0 problems',
        '1/3 phases · 2 problems',
        'not analysed (too large)',
        '0/3 phases · 0 problems',
      ],
    );
    assert.equal(sessionDescription({ findings: [finding('error')] }, undefined), 'not analysed · 1 problem');
    assert.deepEqual(entries.map(problemCount), [0, 1, 0, 2, 0, 0]);
  });

  it('tooltips the path, the front matter and counts, escaping file text', () => {
    const node = byFile('a/04-sleep.session.md');
    const text = `---\nsession: 4\nclient: C-1 *star*\ntherapist: Dr <i>Who</i>\n---\n\n## Beginning\n\n[00:10] T: Hello. {#sleep}\n[02:15] C: Hi.\n`;
    const withPeople = { ...node, analysis: analysed('a/04.session.md', text, [finding('warning')]) };
    assert.equal(
      sessionTooltip(withPeople, 'a/04_[x].session.md', summaryOf(withPeople.analysis)).value,
      [
        '**a\\/04\\_\\[x\\]\\.session\\.md**',
        '',
        '- Client: C\\-1 \\*star\\*',
        '- Therapist: Dr \\<i\\>Who\\<\\/i\\>',
        '- Turns: 2',
        '- Duration: 2\\:05',
        // The node is C-017's session 4, after session 1 in the tree.
        '- Gap: session 2–3 missing before this one',
        '- Phases: Beginning \\(present\\)\\, Middle \\(missing\\)\\, Termination \\(missing\\)',
        '- Problems: 1',
      ].join('\n'),
    );
    const skipped = byFile('huge.session.md');
    assert.equal(
      sessionTooltip(skipped, 'huge.session.md', undefined).value,
      '**huge\\.session\\.md**\n\n- Live analysis off: 6000 KB is above sessionMarkdown\\.maxFileSize\n- Problems: 0',
    );
  });
});

describe('All Sessions tree: a course as stages', () => {
  const course = [
    analysed('c/01.session.md', front('session: 1\ndate: 2026-01-05\nclient: C-5\nstage: intake')),
    analysed('c/02.session.md', front('session: 2\ndate: 2026-01-12\nclient: C-5\nstage: working')),
    analysed('c/05.session.md', front('session: 5\ndate: 2026-02-02\nclient: C-5\nstage: termination')),
    analysed('c/06.session.md', front('session: 6\ndate: 2026-01-30\nclient: C-5\nstage: working')),
    analysed('c/07.session.md', front('session: 7\ndate: 2026-03-30\nclient: C-5\nstage: follow-up')),
  ];
  const [group] = buildAllSessionsNodes(course.map((analysis) => ({ analysis, name: analysis.file.split('/').pop()! })));
  const sessions = group!.kind === 'group' ? group!.children.flatMap((s) => (s.kind === 'session' ? [s] : [])) : [];

  it('labels each session with its stage, in session order, and marks the gaps and the sessions out of order', () => {
    assert.deepEqual(
      sessions.map((s) => sessionLabel(s)),
      [
        'Session 1 · intake · 2026-01-05',
        'Session 2 · working · 2026-01-12',
        'Session 5 · termination · 2026-02-02',
        'Session 6 · working · 2026-01-30',
        'Session 7 · follow-up · 2026-03-30',
      ],
    );
    assert.deepEqual(
      sessions.map((s) => sessionDescription(s.analysis, undefined, s.course)),
      [
        'not analysed · 0 problems',
        'not analysed · 0 problems',
        'gap: 3–4 · not analysed · 0 problems',
        'out of order · not analysed · 0 problems',
        'not analysed · 0 problems',
      ],
    );
    assert.deepEqual(sessions[3]!.course.outOfOrder, ['dated 2026-01-30, before session 5 (2026-02-02)', 'stage working comes after termination (session 5)']);
    assert.equal(group!.kind === 'group' && groupDescription(group!), '5 sessions · 1 gap · 1 out of order');
    assert.equal(group!.kind === 'group' && groupOutOfOrder(group!), true);
  });

  it('tooltips the course as stages in session order, the missing numbers and why a session is out of order', () => {
    assert.equal(
      group!.kind === 'group' && groupTooltip(group!).value,
      [
        '**C\\-5**',
        '',
        '- Stages: 1 intake → 2 working → 5 termination → 6 working → 7 follow\\-up',
        '- Missing: session 3–4',
        '- Out of order: Session 6 · working · 2026\\-01\\-30, dated 2026\\-01\\-30\\, before session 5 \\(2026\\-02\\-02\\)',
        '- Out of order: Session 6 · working · 2026\\-01\\-30, stage working comes after termination \\(session 5\\)',
      ].join('\n'),
    );
    assert.match(sessionTooltip(sessions[2]!, 'c/05.session.md', undefined).value, /\n- Stage: termination\n- Gap: session 3–4 missing before this one\n/);
  });

  it('reads the stage order from the config in force, and marks nothing in a course in order or without stages', () => {
    const own = (file: string, fields: string) => ({
      ...analysed(file, front(fields)),
      linted: { session: parseSession(front(fields)), config: { stages: ['assessment', 'treatment'] } },
    });
    const [ordered] = buildAllSessionsNodes(
      [own('d/1.session.md', 'session: 1\nclient: C-6\nstage: assessment'), own('d/2.session.md', 'session: 2\nclient: C-6\nstage: treatment')].map(
        (analysis) => ({
          analysis,
          name: analysis.file,
        }),
      ),
    );
    assert.equal(ordered!.kind === 'group' && groupDescription(ordered!), '2 sessions');
    const [reversed] = buildAllSessionsNodes(
      [own('d/1.session.md', 'session: 1\nclient: C-6\nstage: treatment'), own('d/2.session.md', 'session: 2\nclient: C-6\nstage: assessment')].map(
        (analysis) => ({
          analysis,
          name: analysis.file,
        }),
      ),
    );
    assert.equal(reversed!.kind === 'group' && groupDescription(reversed!), '2 sessions · 1 out of order');
  });
});
