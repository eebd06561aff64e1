import type { Session } from '../model';
import { escapeXml as escape, labelLine, percentOfWidth } from './chartLayout';
import type { CooccurrenceTable } from './cooccurrence';
import { measuresChart, type CourseMeasures } from './measureCharts';
import { cooccurrenceChart, sequenceHeatmap } from './sequenceCharts';
import type { TransitionTable } from './sequences';
import type { SessionStats } from './stats';
import type { SummaryScore } from './summaryScores';

// Charts for the statistics view as self-contained SVG: no script, no network, readable in
// light and dark themes because colours come from the editor's CSS variables, and as wide as
// the view, down to a narrow side column (see chartLayout.ts). They draw the session's counts
// (stats.ts), so they show what `session-md stats` prints. The webview page that holds them is
// the extension's (src/extension/statisticsPage.ts).

/** A code annotation's place on the code timeline: the number of its turn. */
export interface CodeTurn {
  turn: number;
  code: string;
}

/** What the statistics view draws for one session: its counts (as `session-md stats` prints them), where its codes are, and the page's title. */
export interface ChartedSession {
  title: string;
  stats: SessionStats;
  codeTurns: CodeTurn[];
  /** The measures of the session's course (courseMeasures); the chart of them follows when any session records one. */
  course?: CourseMeasures;
  /** The co-occurrence of the session's codes per turn (cooccurrence.ts); its chart follows the summary scores when given. */
  cooccurrence?: CooccurrenceTable;
  /** The session's transition table (sequences.ts); its heat-map follows when given. */
  transitions?: TransitionTable;
}

/** How the page lets a reader act on it. */
export interface ChartLinks {
  /** A command that reveals a turn given its number; each dot of the code timeline links to it. */
  revealTurnCommand?: string;
}

const ROW = 36; // a label line, then a bar
const LABEL_Y = 12;
const BAR_Y = 17;
const BAR_HEIGHT = 10;
const ROLE_COLOUR: Record<string, string> = {
  therapist: 'var(--vscode-charts-blue)',
  client: 'var(--vscode-charts-orange)',
  other: 'var(--vscode-charts-purple)',
};
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c) => `var(--vscode-charts-${c})`);

/** One chart of the statistics view: its heading, and its body as HTML (self-contained SVG and notes). */
export interface ChartSection {
  title: string;
  html: string;
}

/** The four charts of the statistics view, in order, then co-occurrence and sequences when given, then the measures over the course when it records any; the page around them is the editor's. */
export function statisticsCharts(charted: ChartedSession, links: ChartLinks = {}): ChartSection[] {
  const { stats, course } = charted;
  const measures = course && course.series.length > 0 ? [{ title: 'Measures over the course', html: measuresChart(course) }] : [];
  return [
    { title: 'Time per phase', html: phaseChart(stats) },
    { title: 'Speaker share', html: speakerChart(stats) },
    { title: 'Codes over the session', html: timelineChart(stats, charted.codeTurns, links) },
    {
      title: 'Summary scores',
      html: stats.summaryScores.length > 0 ? scoresChart(stats.summaryScores) : '<p class="muted">The codebook declares no summary scores.</p>',
    },
    ...sequenceSections(charted),
    ...measures,
  ];
}

// The co-occurrence chart and the sequence heat-map (sequenceCharts.ts), when the page asks for them.
function sequenceSections({ cooccurrence, transitions }: ChartedSession): ChartSection[] {
  const sections: ChartSection[] = [];
  if (cooccurrence) sections.push({ title: 'Code co-occurrence', html: cooccurrenceChart(cooccurrence) });
  if (transitions) sections.push({ title: `Sequences: ${transitions.from} → ${transitions.to}`, html: sequenceHeatmap(transitions) });
  return sections;
}

/** The turn of each code annotation of a session, in session order: the dots of the code timeline. */
export function codeTurns(session: Session): CodeTurn[] {
  return session.turns.flatMap((turn) => turn.codes.map((c) => ({ turn: turn.index, code: c.id })));
}

function phaseChart(stats: SessionStats): string {
  const { phases } = stats;
  const timed = phases.some((p) => p.durationSeconds !== null);
  const value = (p: SessionStats['phases'][number]): number => (timed ? (p.durationSeconds ?? 0) : p.turns);
  const max = Math.max(1, ...phases.map(value));
  const rows = phases.map((p, i) => {
    // A phase whose timestamps do not tell its time shows `–`, as `session-md stats` does.
    const text = !timed ? `${p.turns} turns` : p.durationSeconds === null ? '–' : formatMinutes(p.durationSeconds);
    return barRow(i * ROW, p.phase, text, value(p) / max, PALETTE[i % PALETTE.length]!, 1, p.status === 'present' ? '' : ` (${p.status})`);
  });
  const note = timed ? '' : '<p class="muted">No timestamps: bars show turns.</p>';
  return svg('Time per phase', rows.join(''), phases.length * ROW) + note;
}

function speakerChart(stats: SessionStats): string {
  const rows = stats.speakers.flatMap((s, i) => {
    const colour = ROLE_COLOUR[s.role ?? 'other'] ?? PALETTE[i % PALETTE.length]!;
    return [
      barRow(2 * i * ROW, s.label, percent(s.turnShare), s.turnShare, colour, 1, ' · turns'),
      barRow((2 * i + 1) * ROW, s.label, percent(s.wordShare), s.wordShare, colour, 0.6, ' · words'),
    ];
  });
  return svg('Share of turns and words by speaker', rows.join(''), stats.speakers.length * 2 * ROW);
}

function timelineChart(stats: SessionStats, points: readonly CodeTurn[], links: ChartLinks): string {
  const { codes, turns: totalTurns } = stats;
  if (codes.length === 0) return '<p class="muted">No codes in this session.</p>';
  const rowOf = new Map(codes.map((c, i) => [c.id, i]));
  // 1 % to 99 %, so that the first and last dots stay whole at the edges.
  const x = (turn: number): string => `${(1 + (98 * (turn - 1)) / Math.max(1, totalTurns - 1)).toFixed(2)}%`;
  const rows = codes.map(
    ({ id, count }, i) =>
      `${labelLine(i * ROW + LABEL_Y, id, `× ${count}`)}<line class="grid" x1="0" x2="100%" y1="${i * ROW + BAR_Y + BAR_HEIGHT / 2}" y2="${i * ROW + BAR_Y + BAR_HEIGHT / 2}"/>`,
  );
  const dots = points.flatMap((p) => {
    const row = rowOf.get(p.code);
    if (row === undefined) return [];
    const title = `<title>turn ${p.turn}: ${escape(p.code)}</title>`;
    // The transparent stroke widens what a click hits without hiding the dots next to it.
    const dot = `<circle cx="${x(p.turn)}" cy="${row * ROW + BAR_Y + BAR_HEIGHT / 2}" r="3.5" fill="${PALETTE[row % PALETTE.length]}" stroke="transparent" stroke-width="6"/>`;
    if (!links.revealTurnCommand) return `<g>${title}${dot}</g>`;
    const href = `command:${links.revealTurnCommand}?${encodeURIComponent(JSON.stringify([p.turn]))}`;
    return `<a href="${escape(href)}" aria-label="Go to turn ${p.turn} (${escape(p.code)})">${title}${dot}</a>`;
  });
  const axisY = codes.length * ROW + LABEL_Y;
  const axis = `<text x="0" y="${axisY}">turn 1</text><text x="100%" y="${axisY}" text-anchor="end">turn ${totalTurns}</text>`;
  const hint = links.revealTurnCommand ? '<p class="muted">Click a dot to go to its turn.</p>' : '';
  return svg('Codes over the session', rows.join('') + dots.join('') + axis, axisY + 4) + hint;
}

const JUDGED_ROW = 68; // a label line, the bar, and a line for each threshold's label

// Each score with a scale (a percentage, ratings, or thresholds to reach) is a bar, with the
// fair and good thresholds marked where the codebook declares them: only there is a score
// judged. The two threshold labels sit on lines of their own, each right of its mark, so they
// never meet. Totals without a scale are listed as figures.
function scoresChart(scores: readonly SummaryScore[]): string {
  const drawn = scores.filter((s) => s.thresholds !== null || s.max !== null);
  let y = 0;
  const rows = drawn.map((s, i) => {
    const top = y;
    y += s.thresholds ? JUDGED_ROW : ROW;
    const max = s.max ?? Math.max(1.5 * s.thresholds!.good, s.value ?? 0);
    const at = (v: number): string => percentOfWidth(v / max);
    const bar = s.value === null ? '' : `<rect x="0" y="${top + BAR_Y}" width="${at(s.value)}" height="${BAR_HEIGHT}" fill="${PALETTE[i % PALETTE.length]}"/>`;
    const mark = (label: string, v: number, labelY: number): string =>
      `<line x1="${at(v)}" x2="${at(v)}" y1="${top + BAR_Y - 3}" y2="${labelY + 1}" stroke="var(--vscode-charts-red)" stroke-dasharray="3 2"/><text x="${at(v)}" dx="3" y="${labelY}">${label}</text>`;
    const marks = s.thresholds ? mark('good', s.thresholds.good, top + 40) + mark('fair', s.thresholds.fair, top + 55) : '';
    // A score that cannot be computed shows `–`; why is too long for the line and follows the chart.
    return `${labelLine(top + LABEL_Y, s.label, s.value === null ? '–' : s.figure)}<rect class="track" x="0" y="${top + BAR_Y}" width="100%" height="${BAR_HEIGHT}"/>${bar}${marks}`;
  });
  const chart = drawn.length === 0 ? '' : svg('Summary scores', rows.join(''), y - 8);
  const missing = drawn.filter((s) => s.value === null).map((s) => `${s.label} ${s.figure}`);
  const why = missing.length === 0 ? '' : `<p class="muted">${escape(missing.join(' · '))}</p>`;
  const totals = scores.filter((s) => !drawn.includes(s)).map((s) => `${escape(s.label)}: <strong>${escape(s.figure)}</strong>`);
  const judged = scores.some((s) => s.thresholds !== null) ? '' : '<p class="muted">No thresholds: the codebook judges none of these scores.</p>';
  return `${chart}${why}${totals.length > 0 ? `<p>${totals.join(' · ')}</p>` : ''}${judged}`;
}

/** A labelled bar: the label and its figure on one line, the bar (a share of the width) below. */
function barRow(y: number, label: string, figure: string, fraction: number, colour: string, opacity: number, suffix: string): string {
  const bar = `<rect class="track" x="0" y="${y + BAR_Y}" width="100%" height="${BAR_HEIGHT}"/><rect x="0" y="${y + BAR_Y}" width="${percentOfWidth(fraction)}" height="${BAR_HEIGHT}" fill="${colour}" fill-opacity="${opacity}"/>`;
  return labelLine(y + LABEL_Y, label, figure, suffix) + bar;
}

function svg(label: string, body: string, height: number): string {
  return `<svg role="img" aria-label="${escape(label)}" width="100%" height="${height}">${body}</svg>`;
}

// Whole seconds, cut as `session-md stats` cuts them (formatDuration): 117.7 s is 1 min 57 s.
function formatMinutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
