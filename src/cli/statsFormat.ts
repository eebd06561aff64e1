import { stringify } from 'csv-stringify/sync';
import {
  formatDuration,
  formatShare,
  ROLE_KEYS,
  SCORE_KEYS,
  type CorpusTotals,
  type PhaseStats,
  type SessionStats,
  type StatsReport,
  type SummaryScore,
  type Tallies,
} from '../core';
import { printable } from './terminal';

// `session-md stats` as a human-readable table and as CSV; docs/research.md documents the columns.

/** The report as text: one block per session (with its phases when `phases`), then the totals per client or course, or per value of the `--by` field. */
export function statsTable(report: StatsReport, phases: boolean): string {
  if (report.sessions.length === 0) return 'No transcripts found.\n';
  const field = report.groupedBy?.field;
  const blocks = report.sessions.map((s) => sessionBlock(s, phases, field));
  const parts = [...report.groups.map((g) => ({ name: g.group, totals: g as CorpusTotals })), { name: 'All sessions', totals: report.corpus }];
  const scores = declaredScores(parts.map((p) => p.totals));
  const head = ['group', 'sessions', 'turns', 'words', 'therapist words', 'client words', 'duration', ...scores.map((s) => s.label)];
  const rows = parts.map((p) => totalsRow(p.name, p.totals, scores));
  const totals = [
    field === undefined ? 'Totals by client or course' : `Totals by ${field}`,
    '',
    ...grid(head, rows, [false, ...head.slice(1).map(() => true)]),
  ];
  return [...blocks, totals.join('\n')].join('\n\n') + '\n';
}

function sessionBlock(s: SessionStats, phases: boolean, field: string | undefined): string {
  const groups = field === undefined ? [s.group] : [s.client ?? s.course ?? undefined, `${field}: ${s.group}`];
  const about = [...groups, s.session === null ? undefined : `session ${s.session}`, s.date ?? undefined, `codebook: ${s.codebook ?? 'none'}`].filter(
    (x) => x !== undefined,
  );
  const lines = [
    s.file,
    `  ${about.join(' · ')}`,
    `  ${count(s.turns, 'turn')} · ${count(s.words, 'word')} · duration ${duration(s.durationSeconds)}${mediaPart(s)}`,
    `  Roles: ${roleLine(s)}`,
    `  Codes: ${s.codes.map((c) => `${c.id} ${c.count}`).join(' · ') || 'none'}`,
    `  Goals addressed: ${s.goals.map((g) => `${g.id} (${g.references})`).join(' · ') || 'none'}`,
    ...ratingLines(s),
    ...measureLines(s),
    `  ${scoreLine(s)}`,
    '',
    ...indent(
      grid(
        ['speaker', 'role', 'turns', 'turn %', 'words', 'word %'],
        s.speakers.map((p) => [p.label, p.role ?? 'undeclared', String(p.turns), formatShare(p.turnShare), String(p.words), formatShare(p.wordShare)]),
        [false, false, true, true, true, true],
      ),
    ),
  ];
  if (phases) lines.push('', ...indent(phaseGrid(s.phases)));
  return lines.join('\n');
}

function phaseGrid(phases: PhaseStats[]): string[] {
  const head = ['phase', 'status', 'turns', 'words', 'therapist words', 'client words', 'duration', 'scores', 'codes'];
  const rows = phases.map((p) => [
    p.phase,
    p.status,
    String(p.turns),
    String(p.words),
    formatShare(p.roles.therapist.wordShare),
    formatShare(p.roles.client.wordShare),
    duration(p.durationSeconds),
    phaseScores(p),
    p.codes.map((c) => `${c.id} ${c.count}`).join(', '),
  ]);
  return grid(head, rows, [false, false, true, true, true, true, true, false, false]);
}

function roleLine(t: Tallies): string {
  const used = ROLE_KEYS.filter((r) => t.roles[r].turns > 0);
  return (
    used
      .map(
        (r) =>
          `${r} ${count(t.roles[r].turns, 'turn')} (${formatShare(t.roles[r].turnShare)}), ${count(t.roles[r].words, 'word')} (${formatShare(t.roles[r].wordShare)})`,
      )
      .join(' · ') || 'none'
  );
}

// A phase shows the scores its turns give; those of the ratings are the session's (`rated per session`).
function phaseScores(p: PhaseStats): string {
  if (p.turns === 0) return '–';
  return (
    p.summaryScores
      .filter((s) => s.value !== null)
      .map((s) => `${s.label} ${s.figure}`)
      .join(', ') || '–'
  );
}

// ` · recording 00:40:00, 95% covered`, only for a session whose `media:` header gave a length, so other reports stay as they were.
function mediaPart(s: SessionStats): string {
  if (s.mediaSeconds === undefined) return '';
  const covered = s.mediaCoverage == null ? 'coverage unknown (fewer than two timestamps)' : `${formatShare(s.mediaCoverage)} covered`;
  return ` · recording ${formatDuration(s.mediaSeconds)}, ${covered}`;
}

function ratingLines(s: SessionStats): string[] {
  const given = Object.entries(s.ratings);
  return given.length === 0 ? [] : [`  Ratings: ${given.map(([id, value]) => `${id} ${value}`).join(' · ')}`];
}

// `Measures: PHQ-9 14 (moderate) · ISI 18 (moderate)`, only for a session that records any, so other reports stay as they were.
function measureLines(s: SessionStats): string[] {
  const given = Object.entries(s.measures ?? {});
  const band = (id: string): string => (s.measureBands?.[id] === undefined ? '' : ` (${s.measureBands[id]})`);
  return given.length === 0 ? [] : [`  Measures: ${given.map(([id, value]) => `${id} ${value}${band(id)}`).join(' · ')}`];
}

/** `Scores: Technical 3.5 (fair) · R:Q 1.8 (fair) · %CR 52% (good) · MI-adherent 12`: the codebook's summary scores, judged only where it declares thresholds. */
function scoreLine(t: Tallies): string {
  if (t.summaryScores.length === 0) return 'Scores: none (the codebook declares no summary scores)';
  return `Scores: ${t.summaryScores.map((s) => `${s.label} ${s.figure}`).join(' · ')}`;
}

// The scores of the totals, one column each, by id in the order they are first declared.
function declaredScores(parts: readonly Tallies[]): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const part of parts) for (const s of part.summaryScores) if (!seen.has(s.id)) seen.set(s.id, s.label);
  return [...seen].map(([id, label]) => ({ id, label }));
}

function totalsRow(name: string, t: CorpusTotals, scores: readonly { id: string }[]): string[] {
  const figure = (id: string): string => {
    const score = t.summaryScores.find((s) => s.id === id);
    return score?.value == null ? '–' : score.figure;
  };
  return [
    name,
    String(t.sessions),
    String(t.turns),
    String(t.words),
    formatShare(t.roles.therapist.wordShare),
    formatShare(t.roles.client.wordShare),
    duration(t.durationSeconds),
    ...scores.map((s) => figure(s.id)),
  ];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function duration(seconds: number | null): string {
  return seconds === null ? '–' : formatDuration(seconds);
}

// Cells are made printable before they are measured, so a label with control characters keeps the columns aligned.
/** Rows of cells as aligned text columns, `right` marking the columns aligned right (numbers). */
export function grid(head: string[], cells: string[][], right: boolean[]): string[] {
  const rows = cells.map((row) => row.map(printable));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

function indent(lines: string[]): string[] {
  return lines.map((l) => `  ${l}`);
}

/**
 * The fixed CSV columns, before one `rating:<id>` column per rating, `score:<id>` and
 * `level:<id>` per summary score, `code:<id>` per code and four `speaker:<label>:…` per speaker label.
 */
export const CSV_COLUMNS = [
  'level',
  'file',
  'group',
  'client',
  'course',
  'session',
  'date',
  'codebook',
  'phase',
  'status',
  'sessions',
  'turns',
  'words',
  'durationSeconds',
  ...ROLE_KEYS.flatMap((r) => [`${r}Turns`, `${r}Words`, `${r}TurnShare`, `${r}WordShare`]),
  ...SCORE_KEYS,
  'goals',
] as const;

type Cell = string | number | null;
type Row = { level: string } & Tallies &
  Partial<
    Pick<SessionStats, 'file' | 'group' | 'client' | 'course' | 'session' | 'date' | 'codebook' | 'ratings' | 'measures' | 'mediaSeconds' | 'mediaCoverage'>
  > & {
    phase?: string;
    status?: string;
    sessions?: number;
  };

/** The report as CSV: one row per session (each followed by its phases when `phases`), per group and for the corpus. */
export function statsCsv(report: StatsReport, phases: boolean): string {
  const rows: Row[] = [
    ...report.sessions.flatMap((s) => [
      { ...s, level: 'session', sessions: 1 },
      ...(phases ? s.phases.map((p) => ({ ...s, ...p, ratings: {}, measures: {}, mediaSeconds: undefined, mediaCoverage: undefined, level: 'phase' })) : []),
    ]),
    ...report.groups.map((g) => ({ ...g, level: 'group' })),
    { ...report.corpus, level: 'corpus' },
  ];
  const columns: Columns = {
    ratings: [...new Set(rows.flatMap((r) => Object.keys(r.ratings ?? {})))],
    measures: [...new Set(rows.flatMap((r) => Object.keys(r.measures ?? {})))],
    scores: declaredScores(rows).map((s) => s.id),
    codes: [...new Set(rows.flatMap((r) => r.codes.map((c) => c.id)))].sort(),
    speakers: [...new Set(rows.flatMap((r) => r.speakers.map((s) => s.label)))],
    media: rows.some((r) => r.mediaSeconds !== undefined),
  };
  const header = [
    ...CSV_COLUMNS,
    ...columns.ratings.map((id) => `rating:${id}`),
    ...columns.measures.map((id) => `measure:${id}`),
    ...columns.scores.flatMap((id) => [`score:${id}`, `level:${id}`]),
    ...columns.codes.map((id) => `code:${id}`),
    ...columns.speakers.flatMap((l) => ['turns', 'words', 'turnShare', 'wordShare'].map((k) => `speaker:${l}:${k}`)),
    ...(columns.media ? ['mediaSeconds', 'mediaCoverage'] : []),
  ];
  return stringify([header, ...rows.map((r) => csvRow(r, columns))]);
}

/** The columns that depend on the data: the ratings, measures, scores, codes and speaker labels that occur. */
interface Columns {
  ratings: string[];
  measures: string[];
  scores: string[];
  codes: string[];
  speakers: string[];
  /** Whether a session names a recording whose length is known: then the mediaSeconds and mediaCoverage columns follow. */
  media: boolean;
}

function csvRow(r: Row, { ratings, measures, scores, codes, speakers, media }: Columns): Cell[] {
  const fixed: Cell[] = [
    r.level,
    r.file ?? null,
    r.group ?? null,
    r.client ?? null,
    r.course ?? null,
    r.session ?? null,
    r.date ?? null,
    r.codebook ?? null,
    r.phase ?? null,
    r.status ?? null,
    r.sessions ?? null,
    r.turns,
    r.words,
    r.durationSeconds,
    ...ROLE_KEYS.flatMap((k) => [r.roles[k].turns, r.roles[k].words, r.roles[k].turnShare, r.roles[k].wordShare]),
    ...SCORE_KEYS.map((k) => r.scoreCounts[k] ?? null),
    r.goals.map((g) => g.id).join(';'),
  ];
  const ratingCells = ratings.map((id) => r.ratings?.[id] ?? null);
  const measureCells = measures.map((id) => r.measures?.[id] ?? null);
  const scoreCells = scores.flatMap((id) => {
    const score: SummaryScore | undefined = r.summaryScores.find((s) => s.id === id);
    return [score?.value ?? null, score?.level ?? null];
  });
  const codeCells = codes.map((id) => r.codes.find((c) => c.id === id)?.count ?? 0);
  const speakerCells = speakers.flatMap((label) => {
    const own = r.speakers.filter((s) => s.label === label);
    const sum = (k: 'turns' | 'words' | 'turnShare' | 'wordShare'): number => own.reduce((n, s) => n + s[k], 0);
    return [sum('turns'), sum('words'), sum('turnShare'), sum('wordShare')];
  });
  const mediaCells = media ? [r.mediaSeconds ?? null, r.mediaCoverage ?? null] : [];
  return [...fixed, ...ratingCells, ...measureCells, ...scoreCells, ...codeCells, ...speakerCells, ...mediaCells];
}
