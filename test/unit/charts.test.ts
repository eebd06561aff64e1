import { strict as assert } from 'node:assert';
import type { ChartedSession, SessionStats } from '../../src/core';
import { NARROWEST_CHART_PX } from '../../src/core/research/chartLayout';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCodebook } from '../../src/core/codebook/codebook';
import type { ScoreCounts } from '../../src/core/research/scores';
import { summaryScores } from '../../src/core/research/summaryScores';
import { ROLE_KEYS, type PhaseStats, type Tallies } from '../../src/core/research/stats';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { chartTexts, overlaps } from '../support/svgText';

const builtin = (name: string) => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
const MITI = builtin('miti-4.2.1');
// MITI 4.2.1's four globals: Technical (3 + 4) / 2 = 3.5 (fair), Relational (4 + 5) / 2 = 4.5 (good).
const GLOBALS = new Map([
  ['cultivating-change-talk', 3],
  ['softening-sustain-talk', 4],
  ['partnership', 4],
  ['empathy', 5],
]);

/** Counts with nothing in them, for the parts a chart does not draw. */
function tallies(parts: Partial<Tallies>): Tallies {
  const roles = Object.fromEntries(ROLE_KEYS.map((r) => [r, { turns: 0, words: 0, turnShare: 0, wordShare: 0 }])) as Tallies['roles'];
  return { turns: 0, words: 0, durationSeconds: null, speakers: [], roles, codes: [], goals: [], scoreCounts: {}, summaryScores: [], ...parts };
}

/** The counts of a session as the charts read them: phases `[name, status, turns, seconds]`, speakers `[label, role, turn share, word share]`, codes `[id, count]`. */
function charted(
  title: string,
  file: string,
  counts: {
    turns: number;
    phases: [string, PhaseStats['status'], number, number | null][];
    speakers: [string, 'therapist' | 'client', number, number][];
    codes: [string, number][];
    scores: ScoreCounts;
  },
  codeTurns: ChartedSession['codeTurns'],
  codebook = MITI,
): ChartedSession {
  const stats: SessionStats = {
    file,
    group: 'C-017',
    client: 'C-017',
    course: null,
    session: 4,
    date: null,
    codebook: codebook.name,
    ratings: Object.fromEntries(GLOBALS),
    ...tallies({
      turns: counts.turns,
      speakers: counts.speakers.map(([label, role, turnShare, wordShare]) => ({ label, role, turns: 0, words: 0, turnShare, wordShare })),
      codes: counts.codes.map(([id, count]) => ({ id, count })),
      scoreCounts: counts.scores,
      summaryScores: summaryScores(codebook, counts.scores, GLOBALS),
    }),
    phases: counts.phases.map(([phase, status, turns, durationSeconds]) => ({ phase, status, ...tallies({ turns, durationSeconds }) })),
  };
  return { title, stats, codeTurns };
}

const DATA = charted(
  'C-017 · Session 4',
  'C-017/04-sleep-window.session.md',
  {
    turns: 50,
    phases: [
      ['Beginning', 'present', 10, 300],
      ['Middle', 'present', 40, 1800],
      ['Termination', 'missing', 0, null],
    ],
    speakers: [
      ['T', 'therapist', 0.5, 0.62],
      ['C', 'client', 0.5, 0.38],
    ],
    codes: [
      ['open-question', 1],
      ['reflection.complex', 1],
    ],
    // R:Q 30 / 20 = 1.5 (fair), %CR 11 / 20 = 55% (good).
    scores: { reflections: 30, questions: 20, simpleReflections: 9, complexReflections: 11, miAdherent: 7, miNonAdherent: 1 },
  },
  [
    { turn: 1, code: 'open-question' },
    { turn: 50, code: 'reflection.complex' },
  ],
);

describe('statistics charts', () => {
  const html = renderStatisticsHtml(DATA);

  it('draws the four charts a person reads instead of a table', () => {
    for (const title of ['Time per phase', 'Speaker share', 'Codes over the session', 'Summary scores']) assert.match(html, new RegExp(`<h2>${title}</h2>`));
    assert.equal((html.match(/<svg /g) ?? []).length, 4);
  });

  it('labels time per phase in minutes, and marks a missing phase', () => {
    assert.match(html, />5 min 00 s</);
    assert.match(html, />30 min 00 s</);
    assert.match(html, />Termination \(missing\)</);
  });

  it('shows each speaker’s share of turns and of words', () => {
    assert.match(html, />T · words<\/text>.*?>62%</);
    assert.match(html, />C · turns<\/text>.*?>50%</);
  });

  it('places codes along the session and shows the scores the codebook declares against their thresholds', () => {
    assert.match(html, /<title>turn 50: reflection\.complex<\/title>/);
    assert.match(html, />Technical<\/text><text[^>]*>3\.5 \(fair\)</);
    assert.match(html, />Relational<\/text><text[^>]*>4\.5 \(good\)</);
    assert.match(html, />R:Q<\/text><text[^>]*>1\.5 \(fair\)</);
    assert.match(html, />%CR<\/text><text[^>]*>55% \(good\)</);
    assert.match(html, /MI-adherent: <strong>7<\/strong> · MI non-adherent: <strong>1<\/strong>/);
  });

  it('judges nothing for a codebook without thresholds (core): no fair or good marks', () => {
    const core = charted(
      'C-017 · Session 4',
      'a.session.md',
      {
        turns: 2,
        phases: [],
        speakers: [],
        codes: [],
        scores: {
          reflections: 1,
          questions: 2,
          simpleReflections: 1,
          complexReflections: 0,
          openQuestions: 1,
          closedQuestions: 1,
          changeTalk: 0,
          sustainTalk: 0,
        },
      },
      [],
      builtin('core'),
    );
    const page = renderStatisticsHtml(core);
    assert.match(page, /R:Q: <strong>0\.5<\/strong>/, 'a ratio without thresholds has no scale to draw');
    assert.doesNotMatch(page, /\((fair|good|below)\)|>fair<|>good<|MITI/);
    assert.match(page, /No thresholds: the codebook judges none of these scores/);
    assert.match(page, /%CT – \(no change talk or sustain talk\)/);
  });

  it('runs no script and loads nothing from the network', () => {
    assert.doesNotMatch(html, /<script|https?:\/\//);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes names that look like markup', () => {
    const page = renderStatisticsHtml({ ...DATA, title: '<b>x</b>', stats: { ...DATA.stats, summaryScores: [] } });
    assert.match(page, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(page, /The codebook declares no summary scores/);
  });

  it('names the file it shows', () => {
    assert.match(html, /C-017\/04-sleep-window\.session\.md/);
  });
});

// Names as long as people write them, a long session, and scores off the scale.
const LONG = charted(
  'Dr Montgomery-Wolfensberger · Supervision group Wednesday · Session 12 · 2026-02-03',
  'supervision/2026/wednesday-group/very-long-folder-name/12-termination-and-relapse-prevention.session.md',
  {
    turns: 500,
    phases: [
      ['Motivational interviewing: evoking change talk', 'out-of-order', 120, 3725],
      ['Termination', 'missing', 0, null],
      ['(no phase)', 'out-of-order', 3, null],
    ],
    speakers: [
      ['Dr Montgomery-Wolfensberger', 'therapist', 0.999, 1],
      ['Client', 'client', 0.001, 0],
    ],
    codes: [
      ['persuade.with-permission', 1],
      ['a.very.long.code.identifier.that.goes.on.and.on', 1],
      ['MWMWMWMWMWMWMWMWMWMWMWMWMWMWMW', 1],
    ],
    // R:Q 37 / 10 = 3.7 (good), %CR 5 / 5 = 100% (good).
    scores: { reflections: 37, questions: 10, simpleReflections: 0, complexReflections: 5, miAdherent: 1234, miNonAdherent: 0 },
  },
  [
    { turn: 1, code: 'persuade.with-permission' },
    { turn: 500, code: 'a.very.long.code.identifier.that.goes.on.and.on' },
    { turn: 250, code: 'MWMWMWMWMWMWMWMWMWMWMWMWMWMWMW' },
  ],
);

describe('statistics charts in a narrow column', () => {
  const COLUMNS = [NARROWEST_CHART_PX, 300, 468, 768, 1200];

  for (const [name, data] of [
    ['an example session', DATA],
    ['long names and scores off the scale', LONG],
  ] as const) {
    it(`keep every label inside its chart and apart from the others, from a 300 px view up (${name})`, () => {
      const html = renderStatisticsHtml(data);
      for (const column of COLUMNS) {
        const charts = chartTexts(html, column);
        assert.equal(charts.length, 4);
        for (const chart of charts) {
          assert.ok(chart.widthPx <= column, `${chart.label} is ${chart.widthPx} px wide in a ${column} px column`);
          for (const t of chart.texts)
            assert.ok(
              t.left >= 0 && t.right <= chart.widthPx,
              `${chart.label} at ${column} px: "${t.text}" spans ${t.left.toFixed(0)}–${t.right.toFixed(0)} of ${chart.widthPx}`,
            );
          assert.deepEqual(overlaps(chart.texts), [], `${chart.label} at ${column} px`);
        }
      }
    });
  }

  it('keeps the fair and good threshold labels apart at any width', () => {
    for (const data of [DATA, LONG]) {
      const html = renderStatisticsHtml(data);
      for (let column = 120; column <= 2400; column += 3) {
        const scores = chartTexts(html, column).find((c) => /Summary scores/.test(c.label))!;
        const thresholds = scores.texts.filter((t) => t.text === 'fair' || t.text === 'good');
        assert.equal(thresholds.length, 8, 'fair and good on the four judged scales');
        assert.deepEqual(overlaps(thresholds), [], `at ${column} px`);
      }
    }
  });

  it('shortens a name that does not fit with an ellipsis, and keeps the whole name as its tooltip', () => {
    const html = renderStatisticsHtml(LONG);
    assert.match(html, /<title>a\.very\.long\.code\.identifier\.that\.goes\.on\.and\.on<\/title><text[^>]*>a\.very\.long[^<]*…<\/text>/);
    assert.match(html, /<title>Motivational interviewing: evoking change talk \(out-of-order\)<\/title>/);
    assert.match(html, /<title>turn 500: a\.very\.long\.code\.identifier\.that\.goes\.on\.and\.on<\/title>/);
  });

  it('wraps the title and the file name instead of scrolling sideways', () => {
    const html = renderStatisticsHtml(LONG);
    assert.match(html, /body\{[^}]*overflow-wrap:anywhere/);
    assert.doesNotMatch(html, /<svg[^>]* width="[\d.]+"/, 'no chart has a fixed width');
  });
});

describe('a click on a chart dot', () => {
  const COMMAND = 'sessionMarkdown.revealStatisticsTurn';

  it('links each dot to its turn through the one reveal command, with only the turn number', () => {
    const html = renderStatisticsHtml(DATA, "'none'", { revealTurnCommand: COMMAND });
    const links = [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)];
    assert.equal(links.length, DATA.codeTurns.length);
    const turns = links.map(([, href, body]) => {
      const [, command, args] = /^command:([\w.]+)\?(.*)$/.exec(href!) ?? [];
      assert.equal(command, COMMAND);
      const turn = JSON.parse(decodeURIComponent(args!)) as unknown;
      assert.match(body!, new RegExp(`<title>turn ${(turn as number[])[0]}: `));
      return turn;
    });
    assert.deepEqual(turns, [[1], [50]]);
  });

  it('is no link when the page has no command to reveal turns (outside VS Code)', () => {
    assert.doesNotMatch(renderStatisticsHtml(DATA), /<a /);
  });
});
