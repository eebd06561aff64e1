import { strict as assert } from 'node:assert';
import { type ChartData } from '../../src/core';
import { NARROWEST_CHART_PX } from '../../src/core/research/chartLayout';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { chartTexts, overlaps } from '../support/svgText';

const DATA: ChartData = {
  title: 'C-017 · Session 4',
  file: 'C-017/04-sleep-window.session.md',
  phases: [
    { name: 'Beginning', seconds: 300, turns: 10, status: 'present' },
    { name: 'Middle', seconds: 1800, turns: 40, status: 'present' },
    { name: 'Termination', turns: 0, status: 'missing' },
  ],
  speakers: [
    { label: 'T', role: 'therapist', turnShare: 0.5, wordShare: 0.62 },
    { label: 'C', role: 'client', turnShare: 0.5, wordShare: 0.38 },
  ],
  timeline: { totalTurns: 50, codes: ['open-question', 'reflection.complex'], points: [{ turn: 1, code: 'open-question' }, { turn: 50, code: 'reflection.complex' }] },
  miti: { rq: 1.5, rqText: '1.5 (fair)', percentCR: 55, percentCRText: '55% (good)', mia: 7, mina: 1 },
};

describe('statistics charts', () => {
  const html = renderStatisticsHtml(DATA);

  it('draws the four charts a person reads instead of a table', () => {
    for (const title of ['Time per phase', 'Speaker share', 'Codes over the session', 'MITI summary scores']) assert.match(html, new RegExp(`<h2>${title}</h2>`));
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

  it('places codes along the session and shows MITI scores against their thresholds', () => {
    assert.match(html, /<title>turn 50: reflection\.complex<\/title>/);
    assert.match(html, />1\.5 \(fair\)</);
    assert.match(html, />55% \(good\)</);
    assert.match(html, /MI-adherent \(MIA\): <strong>7<\/strong>/);
  });

  it('runs no script and loads nothing from the network', () => {
    assert.doesNotMatch(html, /<script|https?:\/\//);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes names that look like markup', () => {
    const page = renderStatisticsHtml({ ...DATA, title: '<b>x</b>', miti: undefined });
    assert.match(page, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(page, /no MITI-style scores/);
  });

  it('names the file it shows', () => {
    assert.match(html, /C-017\/04-sleep-window\.session\.md/);
  });
});

// Names as long as people write them, a long session, and scores off the scale.
const LONG: ChartData = {
  title: 'Dr Montgomery-Wolfensberger · Supervision group Wednesday · Session 12 · 2026-02-03',
  file: 'supervision/2026/wednesday-group/very-long-folder-name/12-termination-and-relapse-prevention.session.md',
  phases: [
    { name: 'Motivational interviewing: evoking change talk', seconds: 3725, turns: 120, status: 'out-of-order' },
    { name: 'Termination', turns: 0, status: 'missing' },
    { name: '(no phase)', turns: 3, status: 'out-of-order' },
  ],
  speakers: [
    { label: 'Dr Montgomery-Wolfensberger', role: 'therapist', turnShare: 0.999, wordShare: 1 },
    { label: 'Client', role: 'client', turnShare: 0.001, wordShare: 0 },
  ],
  timeline: {
    totalTurns: 500,
    codes: ['persuade.with-permission', 'a.very.long.code.identifier.that.goes.on.and.on', 'MWMWMWMWMWMWMWMWMWMWMWMWMWMWMW'],
    points: [{ turn: 1, code: 'persuade.with-permission' }, { turn: 500, code: 'a.very.long.code.identifier.that.goes.on.and.on' }, { turn: 250, code: 'MWMWMWMWMWMWMWMWMWMWMWMWMWMWMW' }],
  },
  miti: { rq: 3.7, rqText: '3.7 (good)', percentCR: 100, percentCRText: '100% (good)', mia: 1234, mina: 0 },
};

describe('statistics charts in a narrow column', () => {
  const COLUMNS = [NARROWEST_CHART_PX, 300, 468, 768, 1200];

  for (const [name, data] of [['an example session', DATA], ['long names and scores off the scale', LONG]] as const) {
    it(`keep every label inside its chart and apart from the others, from a 300 px view up (${name})`, () => {
      const html = renderStatisticsHtml(data);
      for (const column of COLUMNS) {
        const charts = chartTexts(html, column);
        assert.equal(charts.length, 4);
        for (const chart of charts) {
          assert.ok(chart.widthPx <= column, `${chart.label} is ${chart.widthPx} px wide in a ${column} px column`);
          for (const t of chart.texts) assert.ok(t.left >= 0 && t.right <= chart.widthPx, `${chart.label} at ${column} px: "${t.text}" spans ${t.left.toFixed(0)}–${t.right.toFixed(0)} of ${chart.widthPx}`);
          assert.deepEqual(overlaps(chart.texts), [], `${chart.label} at ${column} px`);
        }
      }
    });
  }

  it('keeps the fair and good threshold labels apart at any width', () => {
    for (const data of [DATA, LONG]) {
      const html = renderStatisticsHtml(data);
      for (let column = 120; column <= 2400; column += 3) {
        const miti = chartTexts(html, column).find((c) => /MITI/.test(c.label))!;
        const thresholds = miti.texts.filter((t) => t.text === 'fair' || t.text === 'good');
        assert.equal(thresholds.length, 4, 'fair and good on both scales');
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
    assert.equal(links.length, DATA.timeline.points.length);
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
