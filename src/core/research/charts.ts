import type { Session } from '../model';
import type { SessionStats } from './stats';
// Charts for the statistics view as self-contained SVG: no script, no network, readable in
// light and dark themes because colours come from the editor's CSS variables.

/** What the statistics view draws for one session. */
export interface ChartData {
  title: string;
  /** Time per phase in seconds when the transcript has timestamps; turns otherwise. */
  phases: { name: string; seconds?: number; turns: number; status: 'present' | 'missing' | 'out-of-order' }[];
  speakers: { label: string; role?: string; turnShare: number; wordShare: number }[];
  /** Which codes occur at which turn, in session order. */
  timeline: { totalTurns: number; codes: string[]; points: { turn: number; code: string }[] };
  miti?: { rq: number | null; rqRating: string; percentCR: number | null; percentCRRating: string; mia: number | null; mina: number | null };
}

const WIDTH = 560;
const BAR = 22;
const LABEL = 150;
const ROLE_COLOUR: Record<string, string> = { therapist: 'var(--vscode-charts-blue)', client: 'var(--vscode-charts-orange)', other: 'var(--vscode-charts-purple)' };
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c) => `var(--vscode-charts-${c})`);

/** The whole statistics page: four charts, each with a heading and an accessible title. */
export function renderStatisticsHtml(data: ChartData, cspSource = "'none'"): string {
  const sections = [
    section('Time per phase', phaseChart(data)),
    section('Speaker share', speakerChart(data)),
    section('Codes over the session', timelineChart(data)),
    section('MITI summary scores', data.miti ? mitiChart(data.miti) : '<p class="muted">The codebook has no MITI-style scores (reflections and questions).</p>'),
  ];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource}; img-src data:;">
<title>${escape(data.title)}</title><style>${STYLE}</style></head>
<body><h1>${escape(data.title)}</h1>${sections.join('\n')}</body></html>`;
}

const STYLE = `body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 16px 24px}
h1{font-size:1.3em}h2{font-size:1.05em;margin-top:1.6em}svg text{fill:var(--vscode-foreground);font-size:12px}
.muted{color:var(--vscode-descriptionForeground)}.grid{stroke:var(--vscode-editorWidget-border,#8884)}
.legend span{display:inline-block;margin-right:12px}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}`;

function section(title: string, body: string): string {
  return `<section aria-label="${escape(title)}"><h2>${escape(title)}</h2>${body}</section>`;
}

function phaseChart(data: ChartData): string {
  const timed = data.phases.some((p) => p.seconds !== undefined);
  const value = (p: ChartData['phases'][number]): number => (timed ? (p.seconds ?? 0) : p.turns);
  const max = Math.max(1, ...data.phases.map(value));
  const rows = data.phases.map((p, i) => {
    const width = ((WIDTH - LABEL - 80) * value(p)) / max;
    const label = p.status === 'present' ? p.name : `${p.name} (${p.status})`;
    const text = timed ? formatMinutes(value(p)) : `${p.turns} turns`;
    return bar(i, label, width, PALETTE[i % PALETTE.length]!, text);
  });
  const note = timed ? '' : '<p class="muted">No timestamps: bars show turns.</p>';
  return svg(rows.join(''), data.phases.length, 'Time per phase') + note;
}

function speakerChart(data: ChartData): string {
  const rows = data.speakers.flatMap((s, i) => {
    const colour = ROLE_COLOUR[s.role ?? 'other'] ?? PALETTE[i % PALETTE.length]!;
    const span = WIDTH - LABEL - 80;
    return [bar(2 * i, `${s.label} · turns`, span * s.turnShare, colour, percent(s.turnShare)), bar(2 * i + 1, `${s.label} · words`, span * s.wordShare, colour, percent(s.wordShare), 0.6)];
  });
  return svg(rows.join(''), data.speakers.length * 2, 'Share of turns and words by speaker');
}

function timelineChart(data: ChartData): string {
  const { codes, points, totalTurns } = data.timeline;
  if (codes.length === 0) return '<p class="muted">No codes in this session.</p>';
  const span = WIDTH - LABEL - 20;
  const x = (turn: number): number => LABEL + (span * (turn - 1)) / Math.max(1, totalTurns - 1);
  const labels = codes.map((code, i) => `<text x="${LABEL - 8}" y="${i * BAR + 15}" text-anchor="end">${escape(code)}</text><line class="grid" x1="${LABEL}" x2="${WIDTH - 20}" y1="${i * BAR + 11}" y2="${i * BAR + 11}"/>`);
  const dots = points.map((p) => {
    const row = codes.indexOf(p.code);
    return `<circle cx="${x(p.turn).toFixed(1)}" cy="${row * BAR + 11}" r="3" fill="${PALETTE[row % PALETTE.length]}"><title>turn ${p.turn}: ${escape(p.code)}</title></circle>`;
  });
  const axis = `<text x="${LABEL}" y="${codes.length * BAR + 14}">turn 1</text><text x="${WIDTH - 20}" y="${codes.length * BAR + 14}" text-anchor="end">turn ${totalTurns}</text>`;
  return `<svg role="img" aria-label="Codes over the session" width="${WIDTH}" height="${codes.length * BAR + 22}">${labels.join('')}${dots.join('')}${axis}</svg>`;
}

function mitiChart(miti: NonNullable<ChartData['miti']>): string {
  // Each score on its own scale, with the manual's fair and good thresholds marked.
  const scales = [
    { name: 'R:Q', value: miti.rq, rating: miti.rqRating, fair: 1, good: 2, max: 3, text: miti.rq === null ? 'no questions' : `${miti.rq.toFixed(2)}:1` },
    { name: '%CR', value: miti.percentCR, rating: miti.percentCRRating, fair: 40, good: 50, max: 100, text: miti.percentCR === null ? 'no reflections' : `${miti.percentCR.toFixed(0)}%` },
  ];
  const span = WIDTH - LABEL - 120;
  const rows = scales.map((s, i) => {
    const pos = (v: number): number => LABEL + (span * Math.min(v, s.max)) / s.max;
    const y = i * (BAR + 14);
    const value = s.value === null ? '' : `<rect x="${LABEL}" y="${y}" width="${(pos(s.value) - LABEL).toFixed(1)}" height="${BAR - 6}" fill="${PALETTE[i]}"/>`;
    const marks = [['fair', s.fair], ['good', s.good]].map(([label, v]) => `<line x1="${pos(v as number)}" x2="${pos(v as number)}" y1="${y - 3}" y2="${y + BAR - 3}" stroke="var(--vscode-charts-red)" stroke-dasharray="3 2"/><text x="${pos(v as number)}" y="${y + BAR + 8}" text-anchor="middle">${label}</text>`);
    return `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end">${s.name}</text>${value}${marks.join('')}<text x="${pos(s.max) + 8}" y="${y + 13}">${escape(s.text)} (${escape(s.rating)})</text>`;
  });
  const svgBlock = `<svg role="img" aria-label="MITI scores against their thresholds" width="${WIDTH}" height="${scales.length * (BAR + 14) + 6}">${rows.join('')}</svg>`;
  const total = (n: number | null): string => (n === null ? '— (not in this codebook)' : String(n));
  return `${svgBlock}<p>MI-adherent (MIA): <strong>${total(miti.mia)}</strong> · MI-non-adherent (MINA): <strong>${total(miti.mina)}</strong></p>`;
}

function bar(row: number, label: string, width: number, colour: string, text: string, opacity = 1): string {
  const y = row * BAR;
  return `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${escape(label)}</text><rect x="${LABEL}" y="${y + 3}" width="${Math.max(0, width).toFixed(1)}" height="${BAR - 6}" fill="${colour}" fill-opacity="${opacity}"/><text x="${(LABEL + Math.max(0, width) + 6).toFixed(1)}" y="${y + 15}">${escape(text)}</text>`;
}

function svg(body: string, rows: number, label: string): string {
  return `<svg role="img" aria-label="${escape(label)}" width="${WIDTH}" height="${rows * BAR + 4}">${body}</svg>`;
}

function formatMinutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The chart data of a session from its statistics and its turns (for the code timeline). */
export function chartData(stats: SessionStats, session: Session, title: string): ChartData {
  const points = session.turns.flatMap((turn) => turn.codes.map((c) => ({ turn: turn.index, code: c.id })));
  const codes = stats.codes.map((c) => c.id);
  const data: ChartData = {
    title,
    phases: stats.phases
      .filter((p) => p.status !== 'outside' || p.turns > 0)
      .map((p) => ({ name: p.phase, turns: p.turns, status: p.status === 'outside' ? 'out-of-order' : p.status, ...(p.durationSeconds === null ? {} : { seconds: p.durationSeconds }) })),
    speakers: stats.speakers.map((s) => ({ label: s.label, turnShare: s.turnShare, wordShare: s.wordShare, ...(s.role ? { role: s.role } : {}) })),
    timeline: { totalTurns: stats.turns, codes, points },
  };
  const miti = stats.miti;
  if (miti) {
    data.miti = { rq: miti.rq, rqRating: miti.rqRating ?? 'no rating', percentCR: miti.percentCR, percentCRRating: miti.percentCRRating ?? 'no rating', mia: miti.mia, mina: miti.mina };
  }
  return data;
}
