import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSession } from '../../src/core/parse/session';
import { codeTurns, type ChartedSession } from '../../src/core/research/charts';
import { codeCooccurrence } from '../../src/core/research/cooccurrence';
import { MAX_HEATMAP_COLUMNS, MAX_HEATMAP_ROWS } from '../../src/core/research/sequenceCharts';
import { tableStatistics, transitionTable, type TransitionTable } from '../../src/core/research/sequences';
import { sessionStats } from '../../src/core/research/stats';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { ROOT } from '../support/paths';
import { chartTexts, overlaps } from '../support/svgText';

// Issue 17, items 4 and 5 in the statistics view: the co-occurrence chart and the sequence
// heat-map of the open session, their labels escaped, a table of the same figures as their text
// alternative, and a layout that fits a 300 px column as the other charts do.

const FILE = 'C-017/04-sleep-window.session.md';
const session = parseSession(readFileSync(join(ROOT, 'examples', FILE), 'utf8'));

function charted(transitions: TransitionTable = transitionTable([session], { from: 'therapist', to: 'client', lag: 1 })): ChartedSession {
  const stats = sessionStats({ file: FILE, session });
  return { title: 'C-017 · Session 4', stats, codeTurns: codeTurns(session), cooccurrence: codeCooccurrence([session]), transitions };
}

/** A transition table of made-up codes: `rows` × `columns` codes, every cell counted. */
function madeUp(rows: string[], columns: string[]): TransitionTable {
  const counts = new Map(rows.map((a, i) => [a, new Map(columns.map((b, j) => [b, 1 + ((i * 7 + j * 3) % 11)]))]));
  return { from: 'therapist', to: 'client', lag: 1, sessions: 1, transitions: 99, ...tableStatistics(counts) };
}

describe('the co-occurrence chart and sequence heat-map of the statistics view (issue 17)', () => {
  const html = renderStatisticsHtml(charted());

  it('follows the summary scores with the co-occurrence chart and the therapist → client heat-map', () => {
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(headings.slice(3), ['Summary scores', 'Code co-occurrence', 'Sequences: therapist → client']);
    const section = html.split('<h2>Code co-occurrence</h2>')[1]!.split('<h2>')[0]!;
    // Turn "Mixed but better…" carries reflection.simple and open-question; no other turn of the session carries both.
    // The first code and its figure on one line, the second code on the next.
    assert.match(
      section,
      /<text x="0" y="(\d+)">open-question<\/text><text x="100%" y="\1" text-anchor="end">1 turn<\/text><text x="0" y="\d+">\+ reflection\.simple<\/text>/,
    );
    assert.equal((section.match(/ turn<\/text>/g) ?? []).length, 7, 'seven pairs, each in one turn');
  });

  it('colours a cell by its adjusted residual and gives its figures in its tooltip', () => {
    const table = transitionTable([session], { from: 'therapist', to: 'client', lag: 1 });
    const cell = table.cells.find((c) => c.count > 0 && c.adjustedResidual !== null)!;
    const title = `${cell.from} → ${cell.to}: ${cell.count} (P = ${cell.probability.toFixed(2)}), expected ${cell.expected.toFixed(2)}, z = ${cell.adjustedResidual!.toFixed(2)}`;
    assert.ok(html.includes(`<title>${title}`), title);
    const strong = madeUp(['a', 'b'], ['x', 'y']);
    strong.cells = strong.cells.map((c) => ({ ...c, adjustedResidual: c.from === c.to ? 0 : c.from === 'a' ? 5 : -1, p: 0.01 }));
    const map = renderStatisticsHtml(charted(strong));
    assert.match(map, /fill="var\(--vscode-charts-blue\)" fill-opacity="0\.90"\/><text[^>]*>\d+\*<\/text>/, 'z = 5: full blue, marked p < .05');
    assert.match(map, /fill="var\(--vscode-charts-red\)" fill-opacity="0\.32"\//, 'z = −1: pale red');
  });

  it('gives every cell and every pair again as a table: the text alternative of the pictures', () => {
    const table = transitionTable([session], { from: 'therapist', to: 'client', lag: 1 });
    const rows =
      html
        .split('<summary>Every cell as a table</summary>')[1]!
        .split('</table>')[0]!
        .match(/<tr><td>/g) ?? [];
    assert.equal(rows.length, table.cells.length);
    assert.match(html, /<summary>The pairs as a table<\/summary><table><thead><tr><th>code<\/th><th>with code<\/th><th>turns<\/th>/);
    assert.match(html, /<svg role="img" aria-label="therapist to client transitions at lag 1: \d+ transitions, \d+ tallies; the table below gives every cell"/);
  });

  it('names the columns whole above the map when a column head is shortened', () => {
    assert.match(html, /<p class="muted">Columns, the client's codes: change-talk · neutral · sustain-talk<\/p><svg/);
    assert.match(html, /<g><title>change-talk<\/title><text [^>]*>change-t[^<]*…<\/text><\/g>/);
    const short = renderStatisticsHtml(charted(madeUp(['a'], ['x', 'y'])));
    assert.doesNotMatch(short, /Columns, the/);
  });

  it('escapes code names that look like markup, in labels, tooltips and tables', () => {
    const map = renderStatisticsHtml(charted(madeUp(['<img src=x onerror=alert(1)>'], ['"quoted"&', 'b'])));
    assert.doesNotMatch(map, /<img/);
    assert.match(map, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(map, /&quot;quoted&quot;&amp;/);
  });

  it(`draws at most ${MAX_HEATMAP_ROWS} rows and ${MAX_HEATMAP_COLUMNS} columns, the most frequent codes, and says the table has them all`, () => {
    const rows = Array.from({ length: 20 }, (_, i) => `code-${String(i).padStart(2, '0')}`);
    const columns = Array.from({ length: 9 }, (_, i) => `talk-${i}`);
    const map = renderStatisticsHtml(charted(madeUp(rows, columns)));
    const svg = map.split('<h2>Sequences: therapist → client</h2>')[1]!.split('</svg>')[0]!;
    assert.equal((svg.match(/<rect /g) ?? []).length, MAX_HEATMAP_ROWS * MAX_HEATMAP_COLUMNS);
    assert.match(map, /The least frequent codes are left out of the map; the table has them all\./);
  });

  it('keeps every label inside its chart and apart from the others, from a 300 px view up, with long names', () => {
    const long = madeUp(
      ['reflection.complex.with.a.very.long.name', 'MWMWMWMWMWMWMWMWMWMW', 'open-question'],
      ['change-talk-about-sleep', 'neutral', 'sustain-talk', 'MWMWMWMW', 'x', 'y'],
    );
    for (const data of [charted(), charted(long)]) {
      const page = renderStatisticsHtml(data);
      for (const column of [256, 300, 468, 768, 1200]) {
        const charts = chartTexts(page, column).filter((c) => /Pairs of codes|transitions at lag/.test(c.label));
        assert.equal(charts.length, 2);
        for (const chart of charts) {
          for (const t of chart.texts)
            assert.ok(t.left >= 0 && t.right <= chart.widthPx, `${chart.label.slice(0, 40)} at ${column} px: "${t.text}" spans ${t.left}–${t.right}`);
          assert.deepEqual(overlaps(chart.texts), [], `${chart.label.slice(0, 40)} at ${column} px`);
        }
      }
    }
  });
});
