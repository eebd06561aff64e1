import { bandOf, measureBands, type MeasureBand, type MeasureDefinition } from '../codebook/measures';
import { escapeXml as escape, fitText, labelLine, NARROWEST_CHART_PX, textWidthBound } from './chartLayout';
import type { SessionStats } from './stats';

// The measures chart of the statistics view: each measure's scores across the sessions of a
// course (stats.ts gives the scores `session-md stats` prints), over shaded bands for the
// cut-offs its codebook or config declares. Self-contained SVG like the other charts (charts.ts):
// no script, no network, every text from a file escaped.

/** A session of the course as the chart places it. */
export interface MeasureColumn {
  file: string;
  session: number | null;
  /** Whether it is the session the view shows. */
  current: boolean;
}

/** One score of a measure in one session of the course. */
export interface MeasurePoint {
  /** Index into `CourseMeasures.sessions`. */
  at: number;
  value: number;
  /** The band of the score, when the measure declares cut-offs. */
  band?: string;
}

/** A measure across the course: its declared range and bands (or the range of its scores when undeclared), and its scores in session order. */
export interface MeasureSeries {
  id: string;
  label: string;
  min: number;
  max: number;
  bands: MeasureBand[];
  declared: boolean;
  points: MeasurePoint[];
}

/** What the measures chart draws: the course's sessions in order, and a series per measure any of them records. */
export interface CourseMeasures {
  sessions: MeasureColumn[];
  series: MeasureSeries[];
}

/**
 * The measures of a course: `course` are the counts of its sessions (the same client, or course,
 * in the same folder), put in session order (by number, then file); `current` is the file the view
 * shows; `declared` the measures in force, whose order the series follow, undeclared ones after.
 */
export function courseMeasures(
  course: readonly Pick<SessionStats, 'file' | 'session' | 'measures'>[],
  current: string,
  declared: readonly MeasureDefinition[],
): CourseMeasures {
  const ordered = [...course].sort((a, b) => (a.session ?? Infinity) - (b.session ?? Infinity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const sessions = ordered.map((s) => ({ file: s.file, session: s.session, current: s.file === current }));
  const recorded = [...new Set(ordered.flatMap((s) => Object.keys(s.measures ?? {})))];
  const rank = (id: string): number => {
    const i = declared.findIndex((m) => m.id === id);
    return i < 0 ? declared.length : i;
  };
  recorded.sort((a, b) => rank(a) - rank(b));
  const series = recorded.map((id) => {
    const measure = declared.find((m) => m.id === id);
    const points = ordered.flatMap((s, at) => {
      const value = s.measures?.[id];
      if (value === undefined) return [];
      const band = measure && measure.cutoffs.length > 0 ? bandOf(measure, value)?.name : undefined;
      return [band === undefined ? { at, value } : { at, value, band }];
    });
    if (measure)
      return {
        id,
        label: measure.label,
        min: measure.min,
        max: measure.max,
        bands: measure.cutoffs.length > 0 ? measureBands(measure) : [],
        declared: true,
        points,
      };
    // An undeclared measure is drawn from 0 (or its lowest score) to a little above its highest.
    const values = points.map((p) => p.value);
    const min = Math.min(0, ...values);
    const max = Math.max(min + 1, ...values.map((v) => v + Math.max(1, Math.abs(v) * 0.1)));
    return { id, label: id, min, max, bands: [], declared: false, points };
  });
  return { sessions, series };
}

const PLOT_TOP = 12; // room for the score above a dot at the top of the range
const PLOT_HEIGHT = 200; // PHQ-9's narrowest band (5 of 27 points) holds two lines of its name
const AXIS_GAP = 16;
const KEY_LINE_PX = 15; // a band name's lines, a band thinner than one keeps its name in a tooltip only
const KEY_MAX_PX = 0.5 * NARROWEST_CHART_PX; // the plot keeps half of the narrowest view
// Shaded from light to dark as the scores get worse, the usual direction of clinical measures.
const BAND_FILL = 'var(--vscode-charts-red)';

/** The measures chart as HTML: one SVG per measure, or a note when the course records none. */
export function measuresChart(course: CourseMeasures): string {
  if (course.series.length === 0) return '<p class="muted">No session of this course records measures.</p>';
  const charts = course.series.map((series) => seriesChart(series, course.sessions));
  const undeclared = course.series.filter((s) => !s.declared).map((s) => s.id);
  const note =
    undeclared.length === 0
      ? ''
      : `<p class="muted">${escape(undeclared.join(', '))}: not declared by the codebook or config, so drawn without range or cut-offs.</p>`;
  return charts.join('') + note;
}

// A measure is a heading line, then a row of two SVGs of one height: a key as wide as its longest
// band name, and the plot, which takes the rest of the width. The names never meet the dots.
function seriesChart(series: MeasureSeries, sessions: readonly MeasureColumn[]): string {
  const y = (value: number): number => PLOT_TOP + (PLOT_HEIGHT * (series.max - value)) / (series.max - series.min);
  const height = PLOT_TOP + PLOT_HEIGHT + AXIS_GAP + 6;
  const last = series.points.at(-1);
  const figure = series.points.length === 0 ? '–' : series.points.map((p) => String(p.value)).join(' → ');
  const head = `<svg class="measure-head" role="img" aria-label="${escape(`${series.id}: ${series.label}`)}" width="100%" height="18">${labelLine(13, `${series.id} · ${series.label}`, fitText(figure, NARROWEST_CHART_PX / 2))}</svg>`;
  const shading = series.bands.map((band, k) => bandRect(band, k, series.bands.length, y)).join('');
  const key = series.bands.length > 0 ? bandKey(series, y, height, shading) : rangeKey(series, y, height);
  const label = `${series.id} across the course${last ? `, latest ${last.value}${last.band === undefined ? '' : ` (${last.band})`}` : ''}`;
  const plot = `<svg class="measure-plot" role="img" aria-label="${escape(label)}" width="100%" height="${height}">${shading}${plotBody(series, sessions, y)}</svg>`;
  return `<div class="measure">${head}<div class="measure-row">${key}${plot}</div></div>`;
}

function plotBody(series: MeasureSeries, sessions: readonly MeasureColumn[], y: (value: number) => number): string {
  const x = xPositions(sessions);
  const lines = series.points.slice(1).map((p, i) => {
    const from = series.points[i]!;
    return `<line x1="${x(from.at)}" y1="${y(from.value).toFixed(1)}" x2="${x(p.at)}" y2="${y(p.value).toFixed(1)}" stroke="var(--vscode-charts-blue)" stroke-width="2"/>`;
  });
  const dots = series.points.map((p) => {
    const session = sessions[p.at]!;
    const about = `${sessionName(session)}: ${series.id} ${p.value}${p.band === undefined ? '' : ` (${p.band})`}`;
    const ring = session.current ? ' stroke="var(--vscode-focusBorder, currentColor)" stroke-width="2"' : '';
    const cy = y(p.value);
    // The score sits above its dot, or below it at the top of the range.
    const labelY = cy - 8 < PLOT_TOP ? cy + 17 : cy - 8;
    return `<g><title>${escape(about)}</title><circle cx="${x(p.at)}" cy="${cy.toFixed(1)}" r="${session.current ? 5.5 : 4}" fill="var(--vscode-charts-blue)"${ring}/><text x="${x(p.at)}" y="${labelY.toFixed(1)}" text-anchor="middle">${formatNumber(p.value)}</text></g>`;
  });
  const axisY = PLOT_TOP + PLOT_HEIGHT + AXIS_GAP;
  const ticks = sessions.map(
    (s, i) => `<text x="${x(i)}" y="${axisY}" text-anchor="middle"${s.current ? ' font-weight="bold"' : ''}>${escape(tickName(s, i))}</text>`,
  );
  return lines.join('') + dots.join('') + ticks.join('');
}

// The band names, each in its band on as many lines as it has room for (else in the band's tooltip),
// in a key as wide as the longest line (measured at the charts' font size, above the key's smaller
// one, so that it is never too narrow).
function bandKey(series: MeasureSeries, y: (value: number) => number, height: number, shading: string): string {
  const placed = series.bands.map((band) => {
    const top = y(band.to);
    return { top, lines: wrapName(band.name, KEY_MAX_PX - 8, Math.floor((y(band.from) - top) / KEY_LINE_PX)) };
  });
  const width = Math.ceil(Math.max(0, ...placed.flatMap((p) => p.lines.map((line) => textWidthBound(line))))) + 8;
  const texts = placed.flatMap(({ top, lines }) =>
    lines.map((line, i) => `<text class="muted-text" x="2" y="${(top + 12 + i * KEY_LINE_PX).toFixed(1)}">${escape(line)}</text>`),
  );
  return `<svg class="measure-key" aria-hidden="true" width="${width}" height="${height}">${shading}${texts.join('')}</svg>`;
}

/** `name` broken at spaces into at most `maxLines` lines of at most `maxPx`, the last shortened with an ellipsis when the rest does not fit. */
export function wrapName(name: string, maxPx: number, maxLines: number): string[] {
  const lines: string[] = [];
  let words = name.split(/\s+/).filter(Boolean);
  while (words.length > 0 && lines.length < maxLines) {
    if (lines.length === maxLines - 1) {
      lines.push(fitText(words.join(' '), maxPx));
      break;
    }
    let take = 1;
    while (take < words.length && textWidthBound(words.slice(0, take + 1).join(' ')) <= maxPx) take++;
    lines.push(fitText(words.slice(0, take).join(' '), maxPx));
    words = words.slice(take);
  }
  return lines;
}

// An undeclared measure has no bands: the key marks its range's ends instead.
function rangeKey(series: MeasureSeries, y: (value: number) => number, height: number): string {
  const ends = [series.min, series.max].map((v) => formatNumber(v));
  const width = Math.ceil(Math.max(...ends.map((n) => textWidthBound(n)))) + 8;
  const texts = [series.min, series.max].map((v, i) => `<text class="muted-text" x="2" y="${(y(v) + (i === 0 ? -3 : 11)).toFixed(1)}">${ends[i]}</text>`);
  return `<svg class="measure-key" aria-hidden="true" width="${width}" height="${height}">${texts.join('')}</svg>`;
}

// Sessions spread by their numbers when every session has a distinct one (1, 4, 8 leave gaps that
// show time), else evenly; 8 % margins keep the first and last dot and its score whole.
function xPositions(sessions: readonly MeasureColumn[]): (at: number) => string {
  const numbers = sessions.map((s) => s.session);
  const numbered = numbers.every((n): n is number => n !== null) && new Set(numbers).size === numbers.length && numbers.length > 1;
  const first = numbered ? (numbers[0] as number) : 0;
  const span = numbered ? (numbers.at(-1) as number) - first : sessions.length - 1;
  return (at) => {
    const position = numbered ? (numbers[at] as number) - first : at;
    const fraction = span === 0 ? 0.5 : position / span;
    return `${(8 + 84 * fraction).toFixed(2)}%`;
  };
}

function bandRect(band: MeasureBand, k: number, count: number, y: (value: number) => number): string {
  const top = y(band.to);
  const height = y(band.from) - top;
  const opacity = (0.06 + (0.3 * k) / Math.max(1, count - 1)).toFixed(2);
  const title = `<title>${escape(`${band.name}: ${band.from} to ${k === count - 1 ? band.to : `below ${band.to}`}`)}</title>`;
  return `<rect x="0" y="${top.toFixed(1)}" width="100%" height="${height.toFixed(1)}" fill="${BAND_FILL}" fill-opacity="${opacity}">${title}</rect>`;
}

function sessionName(session: MeasureColumn): string {
  return session.session === null ? session.file : `Session ${session.session}`;
}

// `S4` under each dot; a session without a number shows its place in the course.
function tickName(session: MeasureColumn, index: number): string {
  return session.session === null ? `#${index + 1}` : `S${session.session}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
