import { escapeXml as escape, fitText, labelLine, NARROWEST_CHART_PX, percentOfWidth } from './chartLayout';
import type { CooccurrenceTable } from './cooccurrence';
import type { TransitionCell, TransitionTable } from './sequences';

// The co-occurrence chart and the sequence heat-map of the statistics view (issue 17, items 4 and
// 5), laid out as charts.ts lays out its charts: as wide as the column, labels on lines of their
// own, nothing overlapping down to a 300 px view (chartLayout.ts). Each chart is followed by the
// same figures as a table, folded, for screen readers and for copying: the text alternative.

const PAIR_ROW = 52; // the first code's line, the second's, then a bar
const LABEL_Y = 12;
const SECOND_Y = 28;
const PAIR_BAR_Y = 33;
const BAR_HEIGHT = 10;
/** The most pairs the co-occurrence chart draws; the rest are counted in a note. */
export const MAX_CHARTED_PAIRS = 12;
/** The most codes of each side the heat-map draws, the most frequent; then its cells stay wide enough for their counts. */
export const MAX_HEATMAP_ROWS = 15;
export const MAX_HEATMAP_COLUMNS = 6;
const HEAD_HEIGHT = 20;
const CELL_ROW = 40; // a label line, then the cells
const CELL_Y = 16;
const CELL_HEIGHT = 20;
/** |z| at which a cell's colour is full. */
const FULL_Z = 4;

/** The co-occurrence chart of a session: a bar per pair of codes, the pairs carried by most turns first. */
export function cooccurrenceChart(table: CooccurrenceTable): string {
  const units = table.unit === 'turn' ? 'turns' : 'volleys';
  if (table.pairs.length === 0) return `<p class="muted">No ${table.unit} carries two codes.</p>`;
  const drawn = table.pairs.slice(0, MAX_CHARTED_PAIRS);
  const max = drawn[0]!.units;
  // The first code and the figure on one line, the second code on the next, the bar below: both names stay legible in a narrow column.
  const rows = drawn.map((p, i) => {
    const y = i * PAIR_ROW;
    const second = fitText(`+ ${p.b}`, NARROWEST_CHART_PX);
    const secondText = `<text x="0" y="${y + SECOND_Y}">${escape(second)}</text>`;
    const bar = `<rect class="track" x="0" y="${y + PAIR_BAR_Y}" width="100%" height="${BAR_HEIGHT}"/><rect x="0" y="${y + PAIR_BAR_Y}" width="${percentOfWidth(p.units / max)}" height="${BAR_HEIGHT}" fill="var(--vscode-charts-green)"/>`;
    return (
      labelLine(y + LABEL_Y, p.a, `${p.units} ${p.units === 1 ? table.unit : units}`) +
      (second === `+ ${p.b}` ? secondText : `<g><title>${escape(p.b)}</title>${secondText}</g>`) +
      bar
    );
  });
  const more = table.pairs.length - drawn.length;
  const note = more > 0 ? `<p class="muted">${more} more pair${more === 1 ? '' : 's'}: see the table, or session-md cooccur.</p>` : '';
  const label = `Pairs of codes in the same ${table.unit}: ${drawn.map((p) => `${p.a} and ${p.b}, ${p.units}`).join('; ')}`;
  return svg(label, rows.join(''), drawn.length * PAIR_ROW - 6) + note + cooccurrenceTable(table);
}

/** The sequence heat-map of a session: a row per code of the `from` turn, a cell per code of the next turn, coloured by the adjusted residual. */
export function sequenceHeatmap(table: TransitionTable): string {
  if (table.cells.length === 0)
    return `<p class="muted">No coded ${escape(table.from)} turn is followed ${table.lag === 1 ? 'by' : `${table.lag} turns later by`} a coded ${escape(table.to)} turn.</p>`;
  const rows = mostFrequent(table.fromCodes, MAX_HEATMAP_ROWS);
  const columns = mostFrequent(table.toCodes, MAX_HEATMAP_COLUMNS);
  const cellOf = new Map(table.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const width = 100 / columns.length;
  const columnRoom = NARROWEST_CHART_PX / columns.length - 4;
  const head = columns.map((id, j) => {
    const shown = fitText(id, columnRoom);
    const text = `<text x="${(width * (j + 0.5)).toFixed(2)}%" y="${LABEL_Y}" text-anchor="middle">${escape(shown)}</text>`;
    return shown === id ? text : `<g><title>${escape(id)}</title>${text}</g>`;
  });
  // The column heads are fitted to the narrowest column; when one is shortened, a line above names them whole.
  const shortened = columns.some((id) => fitText(id, columnRoom) !== id);
  const names = shortened ? `<p class="muted">Columns, the ${escape(table.to)}'s codes: ${columns.map(escape).join(' · ')}</p>` : '';
  const body = rows.map((from, i) => {
    const top = HEAD_HEIGHT + i * CELL_ROW;
    const total = table.fromCodes.find((c) => c.id === from)!.total;
    const cells = columns.map((to, j) => heatCell(cellOf.get(`${from}\u0000${to}`)!, top + CELL_Y, width * j, width));
    return labelLine(top + LABEL_Y, from, `n = ${total}`) + cells.join('');
  });
  const hidden = table.fromCodes.length - rows.length + table.toCodes.length - columns.length;
  const more = hidden > 0 ? `<p class="muted">The least frequent codes are left out of the map; the table has them all.</p>` : '';
  const legend = `<p class="muted">Each cell: how often the ${escape(table.to)}'s code follows the ${escape(table.from)}'s${table.lag === 1 ? '' : ` ${table.lag} turns later`}. Blue: more often than chance, red: less often (adjusted residual z; the stronger, the larger |z|). * p &lt; .05; expected counts below 5 make p rough.</p>`;
  const label = `${table.from} to ${table.to} transitions at lag ${table.lag}: ${table.transitions} transitions, ${table.tallies} tallies; the table below gives every cell`;
  return names + svg(label, head.join('') + body.join(''), HEAD_HEIGHT + rows.length * CELL_ROW - 2) + legend + more + transitionsTable(table);
}

function heatCell(cell: TransitionCell, y: number, x: number, width: number): string {
  const z = cell.adjustedResidual;
  const colour = z === null || z === 0 ? '' : z > 0 ? 'var(--vscode-charts-blue)' : 'var(--vscode-charts-red)';
  const strength = z === null ? 0 : 0.12 + (0.78 * Math.min(Math.abs(z), FULL_Z)) / FULL_Z;
  const fill = colour === '' ? 'class="track"' : `fill="${colour}" fill-opacity="${strength.toFixed(2)}"`;
  const marked = cell.p !== null && cell.p < 0.05 ? '*' : '';
  const title = `${cell.from} → ${cell.to}: ${cell.count} (P = ${cell.probability.toFixed(2)}), expected ${cell.expected.toFixed(2)}, z = ${z === null ? '–' : z.toFixed(2)}, p = ${pText(cell.p)}`;
  const rect = `<rect x="${(x + 0.2).toFixed(2)}%" y="${y}" width="${(width - 0.4).toFixed(2)}%" height="${CELL_HEIGHT}" ${fill}/>`;
  const text = `<text x="${(x + width / 2).toFixed(2)}%" y="${y + 14}" text-anchor="middle">${cell.count}${marked}</text>`;
  return `<g><title>${escape(title)}</title>${rect}${text}</g>`;
}

// The ids of the codes with the most tallies, in the table's (code-point) order.
function mostFrequent(codes: TransitionTable['fromCodes'], max: number): string[] {
  const kept = new Set(
    [...codes]
      .sort((a, b) => b.total - a.total)
      .slice(0, max)
      .map((c) => c.id),
  );
  return codes.filter((c) => kept.has(c.id)).map((c) => c.id);
}

function cooccurrenceTable(table: CooccurrenceTable): string {
  const rows = table.pairs.map((p) => [p.a, p.b, String(p.units)]);
  return foldedTable('The pairs as a table', ['code', 'with code', table.unit === 'turn' ? 'turns' : 'volleys'], rows);
}

function transitionsTable(table: TransitionTable): string {
  const rows = table.cells.map((c) => [
    c.from,
    c.to,
    String(c.count),
    c.probability.toFixed(3),
    c.expected.toFixed(2),
    c.adjustedResidual === null ? '–' : c.adjustedResidual.toFixed(2),
    pText(c.p),
  ]);
  return foldedTable('Every cell as a table', ['from', 'to', 'count', 'P(to | from)', 'expected', 'z', 'p'], rows);
}

function foldedTable(summary: string, head: string[], rows: string[][]): string {
  const line = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  return `<details><summary>${escape(summary)}</summary><table><thead>${line(head, 'th')}</thead><tbody>${rows.map((r) => line(r, 'td')).join('')}</tbody></table></details>`;
}

function pText(p: number | null): string {
  if (p === null) return '–';
  return p < 0.0001 ? '< .0001' : p.toFixed(4);
}

function svg(label: string, body: string, height: number): string {
  return `<svg role="img" aria-label="${escape(label)}" width="100%" height="${height}">${body}</svg>`;
}
