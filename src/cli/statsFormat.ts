import { stringify } from 'csv-stringify/sync';
import { formatDuration, formatShare, mitiScoreFigure, ROLE_KEYS, SCORE_KEYS, type CorpusTotals, type MitiScores, type PhaseStats, type SessionStats, type StatsReport, type Tallies } from '../core';
import { printable } from './terminal';

// `session-md stats` as a human-readable table and as CSV; docs/research.md documents the columns.

/** The report as text: one block per session (with its phases when `phases`), then the totals per client or course, or per value of the `--by` field. */
export function statsTable(report: StatsReport, phases: boolean): string {
  if (report.sessions.length === 0) return 'No transcripts found.\n';
  const field = report.groupedBy?.field;
  const blocks = report.sessions.map((s) => sessionBlock(s, phases, field));
  const head = ['group', 'sessions', 'turns', 'words', 'therapist words', 'client words', 'duration', 'R:Q', '%CR', 'MIA', 'MINA', 'open q.'];
  const rows = [...report.groups.map((g) => totalsRow(g.group, g)), totalsRow('All sessions', report.corpus)];
  const totals = [field === undefined ? 'Totals by client or course' : `Totals by ${field}`, '', ...grid(head, rows, [false, ...head.slice(1).map(() => true)])];
  return [...blocks, totals.join('\n')].join('\n\n') + '\n';
}

function sessionBlock(s: SessionStats, phases: boolean, field: string | undefined): string {
  const groups = field === undefined ? [s.group] : [s.client ?? s.course ?? undefined, `${field}: ${s.group}`];
  const about = [...groups, s.session === null ? undefined : `session ${s.session}`, s.date ?? undefined, `codebook: ${s.codebook ?? 'none'}`].filter((x) => x !== undefined);
  const lines = [
    s.file,
    `  ${about.join(' · ')}`,
    `  ${count(s.turns, 'turn')} · ${count(s.words, 'word')} · duration ${duration(s.durationSeconds)}`,
    `  Roles: ${roleLine(s)}`,
    `  Codes: ${s.codes.map((c) => `${c.id} ${c.count}`).join(' · ') || 'none'}`,
    `  Goals addressed: ${s.goals.map((g) => `${g.id} (${g.references})`).join(' · ') || 'none'}`,
    `  ${scoreLine(s)}`,
    '',
    ...indent(grid(['speaker', 'role', 'turns', 'turn %', 'words', 'word %'], s.speakers.map((p) => [p.label, p.role ?? 'undeclared', String(p.turns), formatShare(p.turnShare), String(p.words), formatShare(p.wordShare)]), [false, false, true, true, true, true])),
  ];
  if (phases) lines.push('', ...indent(phaseGrid(s.phases)));
  return lines.join('\n');
}

function phaseGrid(phases: PhaseStats[]): string[] {
  const head = ['phase', 'status', 'turns', 'words', 'therapist words', 'client words', 'duration', 'R:Q', 'codes'];
  const rows = phases.map((p) => [p.phase, p.status, String(p.turns), String(p.words), formatShare(p.roles.therapist.wordShare), formatShare(p.roles.client.wordShare), duration(p.durationSeconds), p.miti?.rq != null ? rq(p.miti) : '–', p.codes.map((c) => `${c.id} ${c.count}`).join(', ')]);
  return grid(head, rows, [false, false, true, true, true, true, true, false, false]);
}

function roleLine(t: Tallies): string {
  const used = ROLE_KEYS.filter((r) => t.roles[r].turns > 0);
  return used.map((r) => `${r} ${count(t.roles[r].turns, 'turn')} (${formatShare(t.roles[r].turnShare)}), ${count(t.roles[r].words, 'word')} (${formatShare(t.roles[r].wordShare)})`).join(' · ') || 'none';
}

/** `MITI: R:Q 1.8 (fair) · %CR 52% (good) · MIA 12 · MINA 1`, then the open questions. */
function scoreLine(t: Tallies): string {
  const open = t.percentOpenQuestions === null ? [] : [`open questions ${Math.round(t.percentOpenQuestions)}% (${t.scoreCounts.openQuestions} of ${t.scoreCounts.openQuestions! + t.scoreCounts.closedQuestions!})`];
  if (!t.miti) return open.length > 0 ? `Scores: ${open[0]}` : 'MITI: not available (the codebook names no reflections and questions)';
  const m = t.miti;
  const adherence = m.mia === null && m.mina === null ? [] : [`MIA ${m.mia ?? '–'}`, `MINA ${m.mina ?? '–'}`];
  return `MITI: ${[`R:Q ${rq(m)}`, `%CR ${percentCR(m)}`, ...adherence, ...open].join(' · ')}`;
}

// The view and its charts print the same figures: one rule, in the core (docs/research.md).
function rq(m: MitiScores): string {
  return mitiScoreFigure(m, 'rq');
}

function percentCR(m: MitiScores): string {
  return mitiScoreFigure(m, 'percentCR');
}

function totalsRow(name: string, t: CorpusTotals): string[] {
  const m = t.miti;
  const open = t.percentOpenQuestions === null ? '–' : `${Math.round(t.percentOpenQuestions)}%`;
  return [name, String(t.sessions), String(t.turns), String(t.words), formatShare(t.roles.therapist.wordShare), formatShare(t.roles.client.wordShare), duration(t.durationSeconds), m?.rq != null ? rq(m) : '–', m?.percentCR != null ? percentCR(m) : '–', String(m?.mia ?? '–'), String(m?.mina ?? '–'), open];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function duration(seconds: number | null): string {
  return seconds === null ? '–' : formatDuration(seconds);
}

// Cells are made printable before they are measured, so a label with control characters keeps the columns aligned.
function grid(head: string[], cells: string[][], right: boolean[]): string[] {
  const rows = cells.map((row) => row.map(printable));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function indent(lines: string[]): string[] {
  return lines.map((l) => `  ${l}`);
}

/** The fixed CSV columns, before one `code:<id>` column per code and four `speaker:<label>:…` columns per speaker label. */
export const CSV_COLUMNS = [
  'level', 'file', 'group', 'client', 'course', 'session', 'date', 'codebook', 'phase', 'status', 'sessions', 'turns', 'words', 'durationSeconds',
  ...ROLE_KEYS.flatMap((r) => [`${r}Turns`, `${r}Words`, `${r}TurnShare`, `${r}WordShare`]),
  ...SCORE_KEYS, 'rq', 'rqRating', 'percentCR', 'percentCRRating', 'percentOpenQuestions', 'goals',
] as const;

type Cell = string | number | null;
type Row = { level: string } & Tallies & Partial<Pick<SessionStats, 'file' | 'group' | 'client' | 'course' | 'session' | 'date' | 'codebook'>> & { phase?: string; status?: string; sessions?: number };

/** The report as CSV: one row per session (each followed by its phases when `phases`), per group and for the corpus. */
export function statsCsv(report: StatsReport, phases: boolean): string {
  const rows: Row[] = [
    ...report.sessions.flatMap((s) => [{ ...s, level: 'session', sessions: 1 }, ...(phases ? s.phases.map((p) => ({ ...s, ...p, level: 'phase' })) : [])]),
    ...report.groups.map((g) => ({ ...g, level: 'group' })),
    { ...report.corpus, level: 'corpus' },
  ];
  const codes = [...new Set(rows.flatMap((r) => r.codes.map((c) => c.id)))].sort();
  const speakers = [...new Set(rows.flatMap((r) => r.speakers.map((s) => s.label)))];
  const header = [...CSV_COLUMNS, ...codes.map((id) => `code:${id}`), ...speakers.flatMap((l) => ['turns', 'words', 'turnShare', 'wordShare'].map((k) => `speaker:${l}:${k}`))];
  return stringify([header, ...rows.map((r) => csvRow(r, codes, speakers))]);
}

function csvRow(r: Row, codes: string[], speakers: string[]): Cell[] {
  const m = r.miti;
  const fixed: Cell[] = [
    r.level, r.file ?? null, r.group ?? null, r.client ?? null, r.course ?? null, r.session ?? null, r.date ?? null, r.codebook ?? null,
    r.phase ?? null, r.status ?? null, r.sessions ?? null, r.turns, r.words, r.durationSeconds,
    ...ROLE_KEYS.flatMap((k) => [r.roles[k].turns, r.roles[k].words, r.roles[k].turnShare, r.roles[k].wordShare]),
    ...SCORE_KEYS.map((k) => r.scoreCounts[k] ?? null),
    m?.rq ?? null, m?.rqRating ?? null, m?.percentCR ?? null, m?.percentCRRating ?? null, r.percentOpenQuestions, r.goals.map((g) => g.id).join(';'),
  ];
  const codeCells = codes.map((id) => r.codes.find((c) => c.id === id)?.count ?? 0);
  const speakerCells = speakers.flatMap((label) => {
    const own = r.speakers.filter((s) => s.label === label);
    const sum = (k: 'turns' | 'words' | 'turnShare' | 'wordShare'): number => own.reduce((n, s) => n + s[k], 0);
    return [sum('turns'), sum('words'), sum('turnShare'), sum('wordShare')];
  });
  return [...fixed, ...codeCells, ...speakerCells];
}
