import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { courseKey, formatDuration, formatShare, groupByCourse, turnPreview } from '../../src/core/language/summary';
import { buildCurrentNodes, type CurrentNode } from '../../src/core/language/currentSessionNodes';
import { parseCodebook, type Codebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import type { Session } from '../../src/core/model';
import { countWords, phaseCompleteness, sessionStats } from '../../src/core/research/stats';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const CORE = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;

const SLEEP_WINDOW = `---
session: 4
date: 2026-02-03
client: C-017
speakers:
  T: therapist
  C: client
phases: default
codebook: core
goals:
  - id: sleep
    text: Sleep through the night at least four nights a week
    status: in-progress
  - id: choir
    text: Go back to the Thursday choir
    status: open
  - id: running
    text: Run three times a week again
    status: dropped
---

# Session 4

## Beginning

[00:03] T: Good to see you. How has the week been? {open-question}
[00:08] C: Better than I expected, actually. (laughs) {change-talk}
[00:15] T: Mixed but better. {reflection.simple} {#sleep}

## Middle — sleep window

[02:10] C: I keep lying awake until two. (pause) [inaudible]
Then I give up and sit in the kitchen. {#sleep}
[02:30] T: So the nights are still long. {reflection.simple}
[02:41] P: She does get up, I hear her. {#sleep}
[03:05] C: Maybe I could ask about the choir again. {change-talk} {#choir}

## Termination

[44:50] T: Let's look back at sleep and the choir. {summary} {#sleep} {#choir}
`;

const SHUFFLED = `---
session: 2
course: CBT-I group A
phases: default
---

Client: Sorry I'm late, the bus never came.

## Middle

T: What did the diary show this week? {open-question}
C: Mostly five hours a night. {sustain-talk}

## Beginning — late check-in

T: Shall we set an agenda first? {closed-question}
`;

/** The counts of a session, as the trees, `session-md stats` and the charts get them. */
const countsOf = (session: Session, codebook?: Codebook) => sessionStats({ file: 'x.session.md', session, ...(codebook ? { codebook } : {}) });

/** The Current Session tree's nodes of one group: 0 goals, 1 phases. */
const treeGroup = (session: Session, group: number, codebook?: Codebook): CurrentNode[] =>
  buildCurrentNodes(countsOf(session, codebook), session)[group]!.children;

describe('the counts of a session', () => {
  const session = parseSession(SLEEP_WINDOW);
  const summary = countsOf(session, CORE);

  it('counts turns and words without transcription marks', () => {
    assert.equal(summary.turns, 8);
    assert.equal(countWords('Better than I expected, actually. (laughs)'), 5);
    assert.equal(countWords('I keep lying awake. (pause) [inaudible] — (long pause) [redacted]'), 4);
    assert.equal(countWords(''), 0);
    assert.equal(
      summary.words,
      session.turns.reduce((n, t) => n + countWords(t.text), 0),
    );
  });

  it('lists the phases in model order with turn counts, and the tree their shares and headings', () => {
    assert.deepEqual(
      treeGroup(session, 1, CORE).map((n) => n.kind === 'phase' && [n.phase.phase, n.phase.status, n.phase.turns, n.share, n.heading?.start.line]),
      [
        ['Beginning', 'present', 3, 3 / 8, 24],
        ['Middle', 'present', 4, 4 / 8, 30],
        ['Termination', 'present', 1, 1 / 8, 38],
      ],
    );
    assert.deepEqual(phaseCompleteness(summary), { present: 3, total: 3 });
  });

  it('marks missing and out-of-order phases, and leaves turns before any heading out of every phase', () => {
    const shuffledSession = parseSession(SHUFFLED);
    const shuffled = countsOf(shuffledSession);
    assert.deepEqual(
      shuffled.phases.map((p) => [p.phase, p.status, p.turns]),
      [
        ['Beginning', 'out-of-order', 1],
        ['Middle', 'present', 2],
        ['Termination', 'missing', 0],
        ['(no phase)', 'outside', 1],
      ],
    );
    const phases = treeGroup(shuffledSession, 1);
    assert.deepEqual(
      phases.map((n) => n.kind === 'phase' && [n.phase.phase, n.heading?.start.line, n.share]),
      [
        ['Beginning', 14, 1 / 4],
        ['Middle', 9, 2 / 4],
        ['Termination', undefined, 0],
      ],
      'the tree lists the phases of the model',
    );
    assert.deepEqual(phaseCompleteness(shuffled), { present: 2, total: 3 });
  });

  it('counts declared speakers first, then undeclared labels, with turn and word shares', () => {
    assert.deepEqual(
      summary.speakers.map((s) => [s.label, s.role, s.turns, s.turnShare]),
      [
        ['T', 'therapist', 4, 4 / 8],
        ['C', 'client', 3, 3 / 8],
        ['P', null, 1, 1 / 8],
      ],
    );
    const c = summary.speakers[1]!;
    assert.equal(c.words, 5 + 15 + 8);
    assert.equal(c.wordShare, c.words / summary.words);
    assert.ok(Math.abs(summary.speakers.reduce((n, s) => n + s.wordShare, 0) - 1) < 1e-9);
  });

  it('lists only the default speakers that speak when the front matter declares none', () => {
    const shuffled = countsOf(parseSession(SHUFFLED));
    assert.deepEqual(
      shuffled.speakers.map((s) => [s.label, s.turns]),
      [
        ['Client', 1],
        ['T', 2],
        ['C', 1],
      ],
    );
  });

  it('counts codes, most used first then by id, with codebook labels', () => {
    assert.deepEqual(summary.codes, [
      { id: 'change-talk', label: 'Change talk', count: 2 },
      { id: 'reflection.simple', label: 'Simple reflection', count: 2 },
      { id: 'open-question', label: 'Open question', count: 1 },
      { id: 'summary', label: 'Summary', count: 1 },
    ]);
    assert.deepEqual(countsOf(session).codes[0], { id: 'change-talk', count: 2 }, 'no labels without a codebook');
  });

  it('links each declared goal to the turns that reference it, in the tree', () => {
    const goals = treeGroup(session, 0, CORE);
    assert.deepEqual(
      goals.map((g) => g.kind === 'goal' && [g.goal.id, g.goal.status, g.children.map((r) => r.kind === 'reference' && r.turn.index)]),
      [
        ['sleep', 'in-progress', [3, 4, 6, 8]],
        ['choir', 'open', [7, 8]],
        ['running', 'dropped', []],
      ],
    );
    const ref = goals[0]!.children[1]!;
    assert.ok(ref.kind === 'reference');
    assert.equal(session.text.slice(ref.range.start.offset, ref.range.end.offset), '{#sleep}');
    assert.equal(ref.range.start.line, 33, 'the reference on the continuation line');
    assert.deepEqual(
      summary.goals,
      [
        { id: 'sleep', references: 4 },
        { id: 'choir', references: 2 },
      ],
      'the counts have the references',
    );
  });

  it('measures the duration from the first to the last valid timestamp', () => {
    assert.equal(summary.durationSeconds, 44 * 60 + 50 - 3);
    assert.equal(countsOf(parseSession(SHUFFLED)).durationSeconds, null);
    assert.equal(formatDuration(summary.durationSeconds!), '44:47');
    assert.equal(formatDuration(3723), '1:02:03');
  });

  it('handles a file with no turns', () => {
    const emptySession = parseSession('# Notes\n\nNothing transcribed yet.\n');
    const empty = countsOf(emptySession);
    assert.deepEqual([empty.turns, empty.words, empty.speakers, empty.codes, empty.goals], [0, 0, [], [], []]);
    assert.deepEqual(
      empty.phases.map((p) => p.status),
      ['missing', 'missing', 'missing'],
    );
    assert.deepEqual(
      treeGroup(emptySession, 1).map((n) => n.kind === 'phase' && n.share),
      [0, 0, 0],
    );
  });
});

describe('courseKey and groupByCourse', () => {
  it('groups by client, else course, else "(no client)", with the session number', () => {
    assert.deepEqual(courseKey(parseSession(SLEEP_WINDOW)), { group: 'C-017', number: 4 });
    assert.deepEqual(courseKey(parseSession(SHUFFLED)), { group: 'CBT-I group A', number: 2 });
    assert.deepEqual(courseKey(parseSession('T: Hello.\n')), { group: '(no client)' });
  });

  it('orders groups by name with "(no client)" last, and sessions by number then name', () => {
    const items = [
      { group: 'C-017', number: 8, name: '08-termination' },
      { group: '(no client)', name: 'notes' },
      { group: 'C-017', number: 1, name: '01-intake' },
      { group: 'A-group', number: 2, name: 'b' },
      { group: 'C-017', name: 'draft' },
      { group: 'C-017', number: 4, name: '04-sleep-window' },
    ];
    const grouped = groupByCourse(items, (item) => item);
    assert.deepEqual(
      grouped.map((g) => [g.group, g.items.map((i) => i.name)]),
      [
        ['A-group', ['b']],
        ['C-017', ['01-intake', '04-sleep-window', '08-termination', 'draft']],
        ['(no client)', ['notes']],
      ],
    );
  });
});

describe('summary text', () => {
  const session = parseSession(SLEEP_WINDOW);

  it('previews a turn on one line', () => {
    assert.equal(turnPreview(session.turns[3]!), '4 · C: I keep lying awake until two. (pause) [i…');
    assert.equal(turnPreview(session.turns[2]!), '3 · T: Mixed but better.');
    assert.equal(formatShare(0.2349), '23%');
  });
});
