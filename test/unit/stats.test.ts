import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionStats, type Codebook, type SessionStats } from '../../src/core';
import { corpusStats } from '../../src/core/research/corpus';
import { countWords } from '../../src/core/research/stats';
import { mergeLibraries } from '../../src/core/codebook/library';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { annomiSession, CORE_CODE_FOR, loadAnnomi, requireAnnomi } from '../support/annomi';
import { runs } from '../support/fuzz';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const builtin = (name: string): Codebook =>
  parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
const CORE = builtin('core');
const MITI = builtin('miti-4.2.1');

function stats(text: string, codebook: Codebook | null = CORE, file = 'a.session.md'): SessionStats {
  return sessionStats({ file, session: parseSession(text), ...(codebook ? { codebook } : {}) });
}

/** A declared summary score's value, by id. */
function value(t: Pick<SessionStats, 'summaryScores'>, id: string): number | null | undefined {
  return t.summaryScores.find((x) => x.id === id)?.value;
}

function session(body: string[], frontMatter = 'client: C-001\nsession: 2\ndate: 2026-03-14\nspeakers: { T: therapist, C: client, P: other }'): string {
  return ['---', frontMatter, '---', '', ...body, ''].join('\n');
}

const SLEEP = session([
  'T: Before any heading. {other}',
  '',
  '## Beginning',
  '',
  '[00:00:10] T: What brings you here today? {open-question}',
  '[00:00:40] C: I cannot sleep at night. {#sleep}',
  '',
  '## Middle',
  '',
  '[00:02:00] T: Do you nap? {closed-question}',
  '[00:02:30] C: No. (pause) Never. {sustain-talk}',
  '[00:03:00] P: He lies awake for hours. {#sleep} {#mood}',
  '[00:05:00] T: You lie awake, and it wears you down. {reflection.complex}',
  '',
  '## Termination',
  '',
  '[00:10:00] T: Try the sleep window this week. {homework} {#sleep}',
]);

describe('session statistics', () => {
  it('counts turns, words and their shares per speaker and per role', () => {
    const s = stats(SLEEP);
    assert.equal(s.turns, 8);
    assert.equal(s.words, 3 + 5 + 5 + 3 + 2 + 5 + 8 + 6, 'marks such as (pause) are not words');
    assert.deepEqual(
      s.speakers.map((p) => [p.label, p.role, p.turns, p.words]),
      [
        ['T', 'therapist', 5, 25],
        ['C', 'client', 2, 7],
        ['P', 'other', 1, 5],
      ],
    );
    assert.equal(s.roles.therapist.turnShare, 5 / 8);
    assert.equal(s.roles.therapist.wordShare, 25 / 37);
    assert.deepEqual(s.roles.other, { turns: 1, words: 5, turnShare: 1 / 8, wordShare: 5 / 37 });
    assert.deepEqual(s.roles.undeclared, { turns: 0, words: 0, turnShare: 0, wordShare: 0 });
    assert.deepEqual([s.client, s.session, s.date, s.group, s.codebook], ['C-001', 2, '2026-03-14', 'C-001', 'Core techniques']);
  });

  it('counts codes exactly as written, and the goals addressed', () => {
    const s = stats(SLEEP);
    assert.deepEqual(Object.fromEntries(s.codes.map((c) => [c.id, c.count])), {
      other: 1,
      'open-question': 1,
      'closed-question': 1,
      'sustain-talk': 1,
      'reflection.complex': 1,
      homework: 1,
    });
    assert.equal(s.codes.find((c) => c.id === 'homework')?.label, 'Homework');
    assert.deepEqual(s.goals, [
      { id: 'sleep', references: 3 },
      { id: 'mood', references: 1 },
    ]);
  });

  it('gives each phase of the model, in order, and the turns outside every phase last', () => {
    const s = stats(SLEEP);
    assert.deepEqual(
      s.phases.map((p) => [p.phase, p.status, p.turns, p.words]),
      [
        ['Beginning', 'present', 2, 10],
        ['Middle', 'present', 4, 18],
        ['Termination', 'present', 1, 6],
        ['(no phase)', 'outside', 1, 3],
      ],
    );
    const middle = s.phases[1]!;
    assert.equal(middle.roles.client.turnShare, 1 / 4);
    assert.equal(middle.roles.therapist.wordShare, 11 / 18);
    assert.deepEqual(middle.goals, [
      { id: 'sleep', references: 1 },
      { id: 'mood', references: 1 },
    ]);
    assert.deepEqual([middle.scoreCounts.reflections, middle.scoreCounts.questions, value(middle, 'rq')], [1, 1, 1]);
  });

  it('lists a missing phase with zero counts', () => {
    const s = stats(session(['## Beginning', '', 'T: Hello. {other}', '', '## Termination', '', 'T: Bye. {other}']));
    assert.deepEqual(
      s.phases.map((p) => [p.phase, p.status, p.turns, p.durationSeconds]),
      [
        ['Beginning', 'present', 1, null],
        ['Middle', 'missing', 0, null],
        ['Termination', 'present', 1, null],
      ],
    );
  });

  it('takes durations from the timestamps: a phase lasts until the next phase starts', () => {
    const s = stats(SLEEP);
    assert.equal(s.durationSeconds, 590, 'first to last valid timestamp');
    assert.deepEqual(
      s.phases.map((p) => p.durationSeconds),
      [110, 480, null, null],
      'Beginning 0:10 → 2:00, Middle 2:00 → 10:00; one timestamp at the end and no timestamp tell nothing',
    );
  });

  it('ends the last phase at its own last timestamp and skips malformed ones', () => {
    const s = stats(
      session([
        '## Beginning',
        '',
        '[00:01:00] T: Hi. {other}',
        '',
        '## Termination',
        '',
        '[00:05:00] T: So. {summary}',
        '[00:99:00] C: Hm. {neutral}',
        '[00:07:30] T: Bye. {other}',
      ]),
    );
    assert.deepEqual(
      s.phases.map((p) => p.durationSeconds),
      [240, null, 150],
    );
    assert.equal(s.durationSeconds, 390);
  });

  it('adds up the runs of a phase that has two headings', () => {
    const s = stats(
      session([
        '## Beginning',
        '',
        '[00:00:00] T: Hi. {other}',
        '',
        '## Middle',
        '',
        '[00:01:00] T: So. {other}',
        '',
        '## Beginning',
        '',
        '[00:03:00] T: Again. {other}',
        '',
        '## Middle',
        '',
        '[00:04:00] T: On. {other}',
        '[00:06:00] T: End. {other}',
      ]),
    );
    assert.deepEqual(
      s.phases.map((p) => [p.phase, p.status, p.durationSeconds]),
      [
        ['Beginning', 'present', 60 + 60],
        ['Middle', 'present', 120 + 120],
        ['Termination', 'missing', null],
      ],
    );
  });

  it('has no duration without two timestamps', () => {
    const s = stats(session(['## Beginning', '', 'T: Hi. {other}', '[00:00:05] C: Hello. {neutral}']));
    assert.equal(s.durationSeconds, null);
    assert.equal(s.phases[0]!.durationSeconds, null);
  });

  it('computes the share of open questions where the codebook separates them', () => {
    const s = stats(
      session(['## Beginning', '', 'T: What? {open-question}', 'T: How? {open-question}', 'T: Why? {open-question}', 'T: Yes? {closed-question}']),
    );
    assert.equal(value(s, 'percent-oq'), 75);
    assert.equal(value(stats(session(['## Beginning', '', 'T: Hi. {other}'])), 'percent-oq'), null, 'no questions asked');
    assert.equal(
      stats(session(['## Beginning', '', 'T: What? {question}']), MITI).summaryScores.find((x) => x.id === 'percent-oq'),
      undefined,
      'MITI does not separate them',
    );
  });

  it('has no scores without a codebook, or with one that names none', () => {
    const bare = parseCodebook('name: Bare\ncodes:\n  - { id: other, label: Other }\n', 'bare').codebook!;
    for (const codebook of [null, bare]) {
      const s = stats(SLEEP, codebook);
      assert.deepEqual([s.summaryScores, s.scoreCounts], [[], {}]);
    }
    assert.equal(stats(SLEEP, null).codebook, null);
  });
});

describe('word counts', () => {
  // The rule as docs/research.md states it, written the plain way: countWords reads the text without cutting it up.
  const wordsByRule = (text: string): number =>
    text
      .replace(/\([a-z][a-z' -]*\)|\[[a-z][a-z' -]*\]/gi, ' ')
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  // Every kind of space JavaScript's \s knows and some it does not, letters and digits of other scripts, marks, controls and broken surrogates.
  const PIECES = [
    'a',
    'Z',
    '7',
    'é',
    'ß',
    'Ж',
    '中',
    '٣',
    '𝔸',
    '😀',
    '\uD835',
    '\uDD38',
    '-',
    '—',
    '…',
    "'",
    '.',
    '(pause)',
    '[inaudible]',
    '(',
    ')',
    '[',
    ']',
    '(laughs',
    ' ',
    '\t',
    '\n',
    '\r',
    '\v',
    '\f',
    '\u00a0',
    '\u1680',
    '\u2003',
    '\u2028',
    '\u202f',
    '\u3000',
    '\ufeff',
    '\u200b',
    '\u0085',
    '\u001c',
    '\u0010',
    '\u0019',
    '\u0000',
  ];

  it('counts runs of non-space that hold a letter or digit, leaving transcription marks out, in any script', () => {
    assert.equal(countWords('Ich   weiß\u00a0nicht — 3 Tage (pause) 😀 𝔸'), 6, 'Ich weiß nicht 3 Tage 𝔸');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => countWords(pieces.join('')) === wordsByRule(pieces.join(''))),
      runs(2000),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => countWords(text) === wordsByRule(text)),
      runs(2000),
    );
  });
});

describe('MITI summary scores', () => {
  it('counts MIA and MINA by exact id: persuade.with-permission is not persuade', () => {
    // Each code in a volley of its own (the client speaks in between), so that MITI's volley rules do not merge them.
    const volleys = [
      'T: You should stop. {persuade}',
      'T: Since you asked, you could cut down. {persuade.with-permission}',
      'T: That is an excuse. {confront}',
      'T: That took courage. {affirm}',
      'T: What would help? {seek-collaboration}',
      'T: It is up to you. {emphasize-autonomy}',
      'T: How much do you drink? {question}',
      'T: You drink most at weekends. {reflection.simple}',
      'T: Part of you wants to stop. {reflection.complex}',
      'T: You are worried. {reflection}',
    ].flatMap((turn) => [turn, 'C: I hear you.']);
    const s = stats(session(['## Engaging', '', ...volleys], 'phases: mi'), MITI);
    assert.deepEqual(s.scoreCounts, { reflections: 3, complexReflections: 1, simpleReflections: 2, questions: 1, miAdherent: 3, miNonAdherent: 2 });
    assert.deepEqual(
      Object.fromEntries(s.summaryScores.map((x) => [x.id, [x.value, x.level]])),
      {
        technical: [null, null],
        relational: [null, null],
        rq: [3, 'good'],
        'percent-cr': [100 / 3, 'below'],
        'mi-adherent': [3, null],
        'mi-non-adherent': [2, null],
      },
      'under MITI a bare reflection counts as a simple one (code SR when unsure)',
    );
  });

  it('reads MISC scores, with open questions', () => {
    const s = stats(
      session(['## Beginning', '', 'T: What? {oq}', 'T: Yes? {cq}', 'T: So you. {sr}', 'T: Part of you. {cr}', 'T: Well done. {af}', 'T: No. {co}']),
      builtin('misc-2.5'),
    );
    assert.deepEqual(
      ['rq', 'percent-cr', 'percent-oq', 'percent-mic'].map((id) => value(s, id)),
      [1, 50, 50, 80],
    );
  });
});

describe('codebook scores', () => {
  it('are read from every built-in codebook', () => {
    assert.deepEqual(MITI.scores?.miNonAdherent, ['confront', 'persuade']);
    assert.deepEqual(CORE.scores?.questions, ['open-question', 'closed-question']);
    assert.equal(CORE.scores?.miAdherent, undefined);
    assert.deepEqual(builtin('annomi').scores?.reflections, ['reflection', 'reflection.simple', 'reflection.complex']);
    assert.deepEqual(builtin('misc-2.5').scores?.openQuestions, ['oq']);
  });

  it('reports an id that the codebook does not define at its position, and accepts a parent', () => {
    const text = 'name: X\nscores:\n  reflections: [reflection, reflexion]\ncodes:\n  - { id: reflection.simple, label: SR }\n';
    const result = parseCodebook(text, 'x');
    assert.deepEqual(
      result.problems.map((p) => [p.message, p.range.start.line, p.range.start.column]),
      [["Score 'reflections' lists 'reflexion', which this codebook does not define", 3, 29]],
    );
  });

  it('rejects an unknown score key', () => {
    const result = parseCodebook('name: X\nscores:\n  reflexions: [a]\ncodes:\n  - { id: a, label: A }\n', 'x');
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!.message, /reflexions/);
  });

  it("keep the base scheme's scores when libraries merge into it", () => {
    const library = parseCodebook('name: Library\ncodes:\n  - { id: socratic-question, label: Socratic question, role: therapist }\n', 'lib').codebook!;
    const merged = mergeLibraries([
      { source: 'workspace', codebook: library },
      { source: 'builtin', codebook: MITI },
    ])!.codebook;
    assert.deepEqual(merged.scores, MITI.scores);
  });
});

describe('corpus totals', () => {
  const input = (file: string, fm: string, body: string[]) => ({ file, session: parseSession(session(body, fm)), codebook: CORE });

  it('groups by client, else course, pools the counts and recomputes shares and scores', () => {
    const report = corpusStats([
      input('b2.session.md', 'client: B\nsession: 2', ['## Beginning', '', '[00:00:00] T: What? {open-question}', '[00:01:00] C: Yes.']),
      input('none.session.md', 'session: 1', ['## Beginning', '', 'T: Hi. {other}']),
      input('b1.session.md', 'client: B\nsession: 1', [
        '## Beginning',
        '',
        '[00:00:00] T: You feel tired. {reflection.simple}',
        '[00:02:00] T: Yes? {closed-question}',
        'C: No no. {#sleep}',
      ]),
      input('g.session.md', 'course: Group A', ['## Beginning', '', 'T: Part of you. {reflection.complex}']),
    ]);
    assert.deepEqual(
      report.sessions.map((s) => s.file),
      ['b1.session.md', 'b2.session.md', 'g.session.md', 'none.session.md'],
    );
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.sessions, g.turns, g.words, g.durationSeconds]),
      [
        ['B', 2, 5, 8, 180],
        ['Group A', 1, 1, 3, null],
        ['(no client)', 1, 1, 1, null],
      ],
    );
    const b = report.groups[0]!;
    assert.deepEqual(b.roles.client, { turns: 2, words: 3, turnShare: 2 / 5, wordShare: 3 / 8 });
    assert.deepEqual(
      b.speakers.map((s) => [s.label, s.turns]),
      [
        ['T', 3],
        ['C', 2],
      ],
    );
    assert.deepEqual(b.goals, [{ id: 'sleep', references: 1 }]);
    assert.deepEqual(
      ['rq', 'percent-oq'].map((id) => b.summaryScores.find((x) => x.id === id)!).map((x) => [x.value, x.level]),
      [
        [0.5, null],
        [50, null],
      ],
      'core judges no score',
    );
    assert.deepEqual([report.corpus.sessions, report.corpus.turns, report.corpus.scoreCounts.reflections, value(report.corpus, 'percent-cr')], [4, 7, 2, 50]);
  });
});

describe('statistics of real AnnoMI transcripts', function () {
  before(function () {
    requireAnnomi(this);
  });

  it('equal the counts computed directly from the CSV, per transcript and over the corpus', function () {
    const transcripts = loadAnnomi();
    const inputs = [...transcripts].map(([id, rows]) => ({
      file: `annomi-${id}.session.md`,
      session: parseSession(annomiSession(rows, { codebook: 'core' }).text),
      codebook: CORE,
    }));
    const report = corpusStats(inputs);
    assert.equal(report.sessions.length, 133);
    const expected = { turns: { therapist: 0, client: 0 }, words: { therapist: 0, client: 0 }, codes: {} as Record<string, number> };
    for (const [id, rows] of transcripts) {
      const s = report.sessions.find((x) => x.file === `annomi-${id}.session.md`)!;
      const direct = countRows(rows);
      assert.deepEqual([s.roles.therapist.turns, s.roles.client.turns], [direct.turns.therapist, direct.turns.client], `turns of transcript ${id}`);
      assert.deepEqual([s.roles.therapist.words, s.roles.client.words], [direct.words.therapist, direct.words.client], `words of transcript ${id}`);
      assert.deepEqual(Object.fromEntries(s.codes.map((c) => [c.id, c.count])), direct.codes, `codes of transcript ${id}`);
      for (const role of ['therapist', 'client'] as const) {
        expected.turns[role] += direct.turns[role];
        expected.words[role] += direct.words[role];
      }
      for (const [code, n] of Object.entries(direct.codes)) expected.codes[code] = (expected.codes[code] ?? 0) + n;
    }
    const { corpus } = report;
    assert.equal(
      corpus.turns,
      [...transcripts.values()].reduce((n, rows) => n + rows.length, 0),
    );
    assert.deepEqual(
      [corpus.roles.therapist.turns, corpus.roles.client.turns, corpus.roles.therapist.words, corpus.roles.client.words],
      [expected.turns.therapist, expected.turns.client, expected.words.therapist, expected.words.client],
    );
    assert.deepEqual(Object.fromEntries(corpus.codes.map((c) => [c.id, c.count])), expected.codes);
    assert.equal(corpus.scoreCounts.reflections, expected.codes['reflection']);
    assert.equal(corpus.scoreCounts.questions, expected.codes['open-question'], 'annomiSession codes every question as open-question');
  });
});

/** Turns, words and core codes per role, counted straight from the CSV rows (labels mapped as annomiSession maps them). */
function countRows(rows: ReturnType<typeof loadAnnomi> extends Map<number, infer R> ? R : never) {
  const counts = { turns: { therapist: 0, client: 0 }, words: { therapist: 0, client: 0 }, codes: {} as Record<string, number> };
  for (const row of rows) {
    counts.turns[row.interlocutor]++;
    counts.words[row.interlocutor] += countWords(row.text);
    const label = row.interlocutor === 'therapist' ? row.therapistBehaviour : row.clientTalkType;
    if (label) counts.codes[CORE_CODE_FOR[label]] = (counts.codes[CORE_CODE_FOR[label]] ?? 0) + 1;
  }
  return counts;
}
