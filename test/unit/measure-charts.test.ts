import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStats } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { courseMeasures, measuresChart, wrapName } from '../../src/core/research/measureCharts';
import { ROLE_KEYS } from '../../src/core/research/stats';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { chartTexts, overlaps } from '../support/svgText';

// Issue 15, acceptance 3: the statistics view draws each measure across the course's sessions,
// in session order, over shaded bands named after the cut-offs its codebook declares.

const CORE = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;
const DECLARED = CORE.measures!;

type Scores = Pick<SessionStats, 'file' | 'session' | 'measures'>;
const at = (file: string, session: number | null, measures?: Record<string, number>): Scores => ({ file, session, ...(measures ? { measures } : {}) });

// The sample course, given out of order as a folder listing may give it.
const COURSE: Scores[] = [
  at('C-017/08-termination.session.md', 8, { 'PHQ-9': 6, ISI: 6 }),
  at('C-017/01-intake.session.md', 1, { ISI: 18, 'PHQ-9': 14 }),
  at('C-017/04-sleep-window.session.md', 4, { 'PHQ-9': 11 }),
];

function statsOf(file: string, measures: Record<string, number>): SessionStats {
  const roles = Object.fromEntries(ROLE_KEYS.map((r) => [r, { turns: 0, words: 0, turnShare: 0, wordShare: 0 }])) as SessionStats['roles'];
  return {
    file,
    group: 'C-017',
    client: 'C-017',
    course: null,
    session: 4,
    date: null,
    codebook: CORE.name,
    ratings: {},
    measures,
    turns: 0,
    words: 0,
    durationSeconds: null,
    speakers: [],
    roles,
    codes: [],
    goals: [],
    scoreCounts: {},
    summaryScores: [],
    phases: [],
  };
}

describe('measures chart', () => {
  it('puts the sessions in session order and each measure in the order its codebook declares, with the band of each score', () => {
    const course = courseMeasures(COURSE, 'C-017/04-sleep-window.session.md', DECLARED);
    assert.deepEqual(
      course.sessions.map((s) => [s.session, s.current]),
      [
        [1, false],
        [4, true],
        [8, false],
      ],
    );
    assert.deepEqual(
      course.series.map((s) => [s.id, s.min, s.max, s.bands.map((b) => b.name), s.points.map((p) => [p.at, p.value, p.band])]),
      [
        [
          'PHQ-9',
          0,
          27,
          ['minimal', 'mild', 'moderate', 'moderately severe', 'severe'],
          [
            [0, 14, 'moderate'],
            [1, 11, 'moderate'],
            [2, 6, 'mild'],
          ],
        ],
        [
          'ISI',
          0,
          28,
          ['no clinically significant insomnia', 'subthreshold', 'moderate', 'severe'],
          [
            [0, 18, 'moderate'],
            [2, 6, 'no clinically significant insomnia'],
          ],
        ],
      ],
    );
  });

  it('shades each band across the plot, names it, and marks the scores of the course with the current session in bold', () => {
    const html = measuresChart(courseMeasures(COURSE, 'C-017/04-sleep-window.session.md', DECLARED));
    const phq = html.slice(0, html.indexOf('<div class="measure">', 1));
    // Five bands, shaded in the key and in the plot; each named in the key.
    assert.equal((phq.match(/<rect /g) ?? []).length, 10);
    // A name too long for the key is wrapped onto the lines its band has room for.
    const names = [...phq.matchAll(/class="muted-text"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(names, ['minimal', 'mild', 'moderate', 'moderately', 'severe', 'severe']);
    assert.match(phq, /<title>moderately severe: 15 to below 20<\/title>/);
    assert.match(phq, /<title>Session 4: PHQ-9 11 \(moderate\)<\/title>/);
    assert.match(phq, /font-weight="bold">S4<\/text>/);
    assert.match(phq, />14 → 11 → 6</);
    // Higher scores are drawn higher: 14 above 11 above 6.
    const ys = [...phq.matchAll(/<circle cx="[^"]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok(ys[0]! < ys[1]! && ys[1]! < ys[2]!, String(ys));
  });

  it('wraps a band name at spaces onto the lines there is room for, shortening the last', () => {
    assert.deepEqual(wrapName('no clinically significant insomnia', 120, 3), ['no clinically', 'significant', 'insomnia']);
    assert.deepEqual(wrapName('no clinically significant insomnia', 120, 2), ['no clinically', 'significant i…']);
    assert.deepEqual(wrapName('no clinically significant insomnia', 120, 0), []);
    assert.deepEqual(wrapName('mild', 120, 2), ['mild']);
  });

  it('draws a measure no codebook declares without bands, says so, and escapes its name', () => {
    const html = measuresChart(courseMeasures([at('a.session.md', 1, { '<b>X</b>': 12 })], 'a.session.md', DECLARED));
    assert.ok(!html.includes('<b>'));
    assert.match(html, /&lt;b&gt;X&lt;\/b&gt;: not declared by the codebook or config/);
    assert.ok(!html.includes('<rect '));
  });

  it('adds the chart to the statistics page only when the course records measures, under the page’s strict policy', () => {
    const withMeasures = renderStatisticsHtml({
      title: 'C-017 · Session 4',
      stats: statsOf('C-017/04-sleep-window.session.md', { 'PHQ-9': 11 }),
      codeTurns: [],
      course: courseMeasures(COURSE, 'C-017/04-sleep-window.session.md', DECLARED),
    });
    assert.match(withMeasures, /<h2>Measures over the course<\/h2>/);
    assert.ok(!/<script|https?:\/\//.test(withMeasures.replace(/http:\/\/www\.w3\.org[^"]*/g, '')));
    const without = renderStatisticsHtml({
      title: 'x',
      stats: statsOf('x.session.md', {}),
      codeTurns: [],
      course: courseMeasures([at('x.session.md', 1)], 'x.session.md', DECLARED),
    });
    assert.ok(!without.includes('Measures over the course'));
  });

  for (const column of [300, 480, 720]) {
    it(`keeps the scores, session names and band names apart in a ${column} px view`, () => {
      const html = measuresChart(courseMeasures(COURSE, 'C-017/01-intake.session.md', DECLARED));
      const chart = column - 42; // the page's padding and a scroll bar
      for (const row of html.split('<div class="measure-row">').slice(1)) {
        // The key is as wide as its attribute says; the plot takes the rest of the row.
        const keyWidth = Number(/class="measure-key"[^>]*width="(\d+)"/.exec(row)![1]);
        const [key, plot] = chartTexts(row, chart);
        const plotTexts = chartTexts(row.slice(row.indexOf('class="measure-plot"') - 5), chart - keyWidth)[0]!;
        for (const boxes of [key!, plotTexts]) {
          assert.deepEqual(overlaps(boxes.texts), [], `${boxes.label} at ${column} px`);
          for (const text of boxes.texts) assert.ok(text.left >= 0 && text.right <= boxes.widthPx + 1, `${text.text} outside ${boxes.label || 'the key'}`);
        }
        assert.ok(plot && keyWidth < chart / 2);
      }
    });
  }
});
