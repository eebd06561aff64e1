import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionStats, type Codebook, type SessionStats } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { corpusStats } from '../../src/core/research/corpus';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// Summary scores are declared by the codebook (`summary:`), with their formulas and thresholds,
// as the manuals define them (../shared/domain/coding-standards.md):
// MITI 4.2.1: Technical = (CCT + SST) / 2, Relational = (Partnership + Empathy) / 2,
// %CR = CR / (SR + CR), R:Q = (SR + CR) / Q, MI-adherent = Seek + Affirm + Emphasize,
// MI non-adherent = Confront + Persuade; thresholds fair / good: Relational 3.5 / 4,
// Technical 3 / 4, %CR 40 % / 50 %, R:Q 1:1 / 2:1.
// MISC 2.5: R:Q, %CR, %OQ, %MI-consistent (MICO / (MICO + MIIN)), %change talk
// (C+ / (C+ + C-)), without thresholds: the MITI thresholds do not apply to MISC.

const builtin = (name: string): Codebook =>
  parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
const MITI = builtin('miti-4.2.1');
const MISC = builtin('misc-2.5');

function stats(frontMatter: string[], body: string[], codebook: Codebook): SessionStats {
  const text = ['---', 'client: C-001', 'session: 1', 'speakers: { T: therapist, C: client }', ...frontMatter, '---', '', ...body, ''].join('\n');
  return sessionStats({ file: 'a.session.md', session: parseSession(text), codebook });
}

/** Each declared score as [value, level]. */
function scores(s: Pick<SessionStats, 'summaryScores'>): Record<string, [number | null, string | null]> {
  return Object.fromEntries(s.summaryScores.map((x) => [x.id, [x.value, x.level]]));
}

function figures(s: Pick<SessionStats, 'summaryScores'>): Record<string, string> {
  return Object.fromEntries(s.summaryScores.map((x) => [x.id, x.figure]));
}

const globals = (cct: number, sst: number, partnership: number, empathy: number): string[] => [
  'ratings:',
  `  cultivating-change-talk: ${cct}`,
  `  softening-sustain-talk: ${sst}`,
  `  partnership: ${partnership}`,
  `  empathy: ${empathy}`,
];

// One code per volley (a client turn between), so that MITI's volley rules count each code once.
const MITI_BODY = [
  '## Engaging',
  '',
  'T: How are things? {question}',
  'C: Not great.',
  'T: Part of you wants to stop. {reflection.complex}',
  'C: Yes.',
  'T: You drink at weekends. {reflection.simple}',
  'C: Mostly.',
  'T: That took courage. {affirm}',
  'C: Thanks.',
  'T: What would help, do you think? {seek-collaboration}',
  'C: Not sure.',
  'T: You should stop. {persuade}',
  'C: Hm.',
  'T: Would you like some ideas? {persuade.with-permission}',
  'C: Fine.',
  'T: That is an excuse. {confront}',
  'C: No.',
];

describe('summary scores declared by the codebook', () => {
  it('MITI 4.2.1: Technical and Relational are means of the global ratings, judged against their thresholds (coding-standards.md)', () => {
    assert.deepEqual(
      MITI.summary?.map((d) => d.id),
      ['technical', 'relational', 'rq', 'percent-cr', 'mi-adherent', 'mi-non-adherent'],
    );
    const fair = stats(['codebook: miti-4.2.1', ...globals(3, 4, 4, 3)], MITI_BODY, MITI);
    assert.deepEqual(
      [scores(fair)['technical'], scores(fair)['relational']],
      [
        [3.5, 'fair'],
        [3.5, 'fair'],
      ],
      'Technical fair from 3, Relational fair from 3.5',
    );
    assert.deepEqual([figures(fair)['technical'], figures(fair)['relational']], ['3.5 (fair)', '3.5 (fair)']);
    const below = stats(['codebook: miti-4.2.1', ...globals(2, 3, 4, 2)], MITI_BODY, MITI);
    assert.deepEqual(
      [scores(below)['technical'], scores(below)['relational']],
      [
        [2.5, 'below'],
        [3, 'below'],
      ],
      'Relational 3 is below 3.5',
    );
    const good = stats(['codebook: miti-4.2.1', ...globals(4, 4, 5, 4)], MITI_BODY, MITI);
    assert.deepEqual(
      [scores(good)['technical'], scores(good)['relational']],
      [
        [4, 'good'],
        [4.5, 'good'],
      ],
    );
    assert.deepEqual(good.ratings, { 'cultivating-change-talk': 4, 'softening-sustain-talk': 4, partnership: 5, empathy: 4 });
  });

  it('MITI 4.2.1: R:Q, %CR and the MI-adherent and non-adherent totals from the counts; Persuade with Permission is in neither total', () => {
    const s = stats(['codebook: miti-4.2.1', ...globals(3, 3, 3, 3)], MITI_BODY, MITI);
    assert.deepEqual(scores(s), {
      technical: [3, 'fair'],
      relational: [3, 'below'],
      rq: [2, 'good'], // (SR 1 + CR 1) / Q 1
      'percent-cr': [50, 'good'], // CR 1 / (SR 1 + CR 1)
      'mi-adherent': [2, null], // Affirm + Seek; no Emphasize
      'mi-non-adherent': [2, null], // Confront + Persuade
    });
    assert.deepEqual(figures(s), {
      technical: '3.0 (fair)',
      relational: '3.0 (below)',
      rq: '2.0 (good)',
      'percent-cr': '50% (good)',
      'mi-adherent': '2',
      'mi-non-adherent': '2',
    });
    const rq = s.summaryScores.find((x) => x.id === 'rq')!;
    assert.deepEqual([rq.label, rq.thresholds], ['R:Q', { fair: 1, good: 2 }]);
  });

  it('gives no Technical or Relational without the ratings, nor per phase (the globals rate the whole segment)', () => {
    const unrated = stats(['codebook: miti-4.2.1', 'ratings:', '  partnership: 4', '  empathy: 9'], MITI_BODY, MITI);
    assert.deepEqual(
      [scores(unrated)['technical'], scores(unrated)['relational']],
      [
        [null, null],
        [null, null],
      ],
    );
    assert.equal(figures(unrated)['technical'], '– (not rated: cultivating-change-talk, softening-sustain-talk)');
    assert.equal(figures(unrated)['relational'], '– (not rated: empathy)', 'empathy 9 is off the 1–5 scale');
    const rated = stats(['codebook: miti-4.2.1', 'phases: mi', ...globals(4, 4, 4, 4)], MITI_BODY, MITI);
    const phase = rated.phases.find((p) => p.phase === 'Engaging')!;
    assert.deepEqual(
      [scores(phase)['technical'], scores(phase)['rq']],
      [
        [null, null],
        [2, 'good'],
      ],
    );
    assert.equal(figures(phase)['technical'], '– (rated per session)');
  });

  it('MISC 2.5: R:Q, %CR, %OQ, %MI-consistent and %change talk as computed by hand, without thresholds', () => {
    assert.deepEqual(
      MISC.summary?.map((d) => d.id),
      ['rq', 'percent-cr', 'percent-oq', 'percent-mic', 'percent-ct'],
    );
    const s = stats(
      ['codebook: misc-2.5'],
      [
        '## Beginning',
        '',
        'T: What brings you? {oq}',
        'C: My drinking. {client.change | R}',
        'T: What else? {oq}',
        'C: I want to stop. {client.change | D}',
        'T: And how? {oq}',
        'C: I like it though. {client.sustain | D}',
        'T: Daily? {cq}',
        'C: I can cut down. {client.change | A}',
        'T: You drink daily. {sr}',
        'C: Yes. {client.follow-neutral}',
        'T: Every evening. {sr}',
        'C: Right.',
        'T: Part of you is tired of it. {cr}',
        'C: Yes.',
        'T: That took courage. {af}',
        'C: Thanks.',
        'T: That will not work. {co}',
        'C: Hm.',
        'T: Units are on the label. {gi}',
        'C: Okay.',
      ],
      MISC,
    );
    // Hand count: SR 2, CR 1, OQ 3, CQ 1; MICO = AF 1 + OQ 3 + SR 2 + CR 1 = 7, MIIN = CO 1; C+ 3, C- 1.
    const expected = { rq: 3 / 4, 'percent-cr': (100 * 1) / 3, 'percent-oq': 75, 'percent-mic': (100 * 7) / 8, 'percent-ct': 75 };
    for (const [id, value] of Object.entries(expected)) {
      const score = s.summaryScores.find((x) => x.id === id)!;
      assert.ok(Math.abs(score.value! - value) < 1e-9, `${id}: ${score.value} ≠ ${value}`);
      assert.deepEqual([score.level, score.thresholds], [null, null], `${id} has no thresholds in MISC`);
    }
    assert.deepEqual(figures(s), { rq: '0.8', 'percent-cr': '33%', 'percent-oq': '75%', 'percent-mic': '88%', 'percent-ct': '75%' });
  });

  it('core and annomi make no MITI judgement: their scores have no thresholds', () => {
    for (const name of ['core', 'annomi']) {
      const codebook = builtin(name);
      assert.ok(
        codebook.summary?.some((d) => d.id === 'rq'),
        `${name} still gives R:Q`,
      );
      assert.ok(
        codebook.summary?.every((d) => d.thresholds === undefined),
        `${name} declares no thresholds`,
      );
    }
    const core = builtin('core');
    const s = stats(
      [],
      [
        '## Beginning',
        '',
        'T: How was it? {open-question}',
        'C: Bad. {sustain-talk}',
        'T: You are tired. {reflection.simple}',
        'C: Yes. {change-talk}',
        'T: Again? {closed-question}',
        'C: No.',
      ],
      core,
    );
    assert.deepEqual(scores(s)['rq'], [0.5, null], 'R:Q 0.5 is not called "below" for a CBT session');
    assert.equal(figures(s)['rq'], '0.5');
    assert.deepEqual(scores(s)['percent-oq'], [50, null]);
  });

  it('pools the counts of a group, and averages the ratings of its sessions for Technical and Relational', () => {
    const input = (file: string, ratings: string[], body: string[]) => ({
      file,
      session: parseSession(['---', 'client: B', 'codebook: miti-4.2.1', ...ratings, '---', '', ...body, ''].join('\n')),
      codebook: MITI,
    });
    const report = corpusStats([
      input('a.session.md', globals(3, 3, 4, 4), ['T: So? {question}', 'C: Yes.', 'T: Yes? {question}']),
      input('b.session.md', globals(4, 4, 3, 3), ['T: You are tired. {reflection.simple}', 'C: Yes.', 'T: So? {question}']),
    ]);
    const group = report.groups[0]!;
    assert.deepEqual(group.ratings, { 'cultivating-change-talk': 3.5, 'softening-sustain-talk': 3.5, partnership: 3.5, empathy: 3.5 });
    assert.deepEqual(
      [scores(group)['technical'], scores(group)['relational'], scores(group)['rq']],
      [
        [3.5, 'fair'],
        [3.5, 'fair'],
        [1 / 3, 'below'],
      ],
    );
  });

  it('has no group scores when the sessions of a group declare different ones', () => {
    const core = builtin('core');
    const input = (file: string, codebook: Codebook) => ({
      file,
      session: parseSession(['---', 'client: B', '---', '', 'T: So? {question}', ''].join('\n')),
      codebook,
    });
    const report = corpusStats([input('a.session.md', MITI), input('b.session.md', core)]);
    assert.deepEqual(report.groups[0]!.summaryScores, []);
    assert.equal(report.sessions.find((s) => s.file === 'a.session.md')!.summaryScores.length, 6);
  });

  it('judges the thresholds exactly: 1:1 and 40 % are fair, 6 of 15 reflections complex is 40 %', () => {
    const volleys = (codes: string[]) => codes.flatMap((code) => [`T: Something. {${code}}`, 'C: Yes.']);
    const at = (codes: string[]) => scores(stats(['codebook: miti-4.2.1'], volleys(codes), MITI));
    const times = (n: number, code: string) => Array<string>(n).fill(code);
    assert.deepEqual(at([...times(9, 'reflection.simple'), ...times(6, 'reflection.complex'), ...times(15, 'question')])['percent-cr'], [40, 'fair']);
    assert.deepEqual(at([...times(9, 'reflection.simple'), ...times(6, 'reflection.complex'), ...times(15, 'question')])['rq'], [1, 'fair']);
    assert.deepEqual(at([...times(10, 'reflection.simple'), ...times(6, 'reflection.complex'), ...times(8, 'question')])['rq'], [2, 'good']);
    assert.deepEqual(at([...times(16, 'reflection.simple'), ...times(9, 'reflection.complex'), ...times(1, 'question')])['percent-cr'], [36, 'below']);
    assert.deepEqual(at(['question'])['percent-cr'], [null, null]);
    assert.equal(figures(stats(['codebook: miti-4.2.1'], volleys(['reflection.simple']), MITI))['rq'], '– (no questions)');
  });
});
