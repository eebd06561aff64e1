import { strict as assert } from 'node:assert';
import { renderStatisticsHtml, type ChartData } from '../../src/core/research/charts';

const DATA: ChartData = {
  title: 'C-017 · Session 4',
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
  miti: { rq: 1.5, rqRating: 'fair', percentCR: 55, percentCRRating: 'good', mia: 7, mina: 1 },
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
    assert.match(html, />1\.50:1 \(fair\)</);
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
});
