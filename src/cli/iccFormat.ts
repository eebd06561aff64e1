import { stringify } from 'csv-stringify/sync';
import type { IccEstimate, ScoreIcc } from '../core';
import { fixed, grid, type AgreeFormat } from './agreeFormat';
import { jsonText } from './terminal';

/** A coder as `agree` on folders names them: a short name (A, B…), their folder as the user sees it and how many sessions it holds. */
export interface FolderCoder {
  name: string;
  folder: string;
  sessions: number;
}

/** What `agree` on coders' folders reports: the coders, the sessions paired by relative path, those some coder lacks, and each score's ICC. */
export interface ScoreReliabilityReport {
  coders: readonly FolderCoder[];
  sessions: readonly string[];
  missing: readonly { session: string; coders: string[] }[];
  scores: readonly ScoreIcc[];
}

/** Renders the report; CSV puts its notes (sessions some coder lacks) on stderr to keep stdout a clean table. */
export function formatScoreReliability(format: AgreeFormat, report: ScoreReliabilityReport): { stdout: string; stderr?: string } {
  if (format === 'json') return { stdout: jsonText(reliabilityJson(report), 2) + '\n' };
  if (format === 'csv') {
    const notes = report.missing.map((m) => `session-md: ${m.session} is missing from ${m.coders.join(', ')}; left out of every score\n`).join('');
    return notes ? { stdout: reliabilityCsv(report), stderr: notes } : { stdout: reliabilityCsv(report) };
  }
  return { stdout: reliabilityTable(report) };
}

function reliabilityJson(report: ScoreReliabilityReport): object {
  return {
    coders: report.coders,
    sessions: report.sessions,
    missing: report.missing,
    scores: report.scores.map((s) => ({
      id: s.id,
      label: s.label,
      sessions: s.icc.targets,
      leftOut: s.leftOut,
      confidence: s.icc.confidence,
      meanSquares: s.icc.meanSquares,
      icc: s.icc.estimates,
    })),
  };
}

const CSV_COLUMNS = ['score', 'label', 'sessions', 'form', 'mcGrawWong', 'icc', 'lower', 'upper', 'f', 'df1', 'df2', 'p'];

function reliabilityCsv(report: ScoreReliabilityReport): string {
  const rows = report.scores.flatMap((s) =>
    s.icc.estimates.map((e) => [
      s.id,
      s.label,
      s.icc.targets,
      e.form,
      e.mcGrawWong,
      num(e.value),
      num(e.lower),
      num(e.upper),
      num(e.f),
      e.df1,
      e.df2,
      num(e.p),
    ]),
  );
  return stringify(rows, { header: true, columns: CSV_COLUMNS, record_delimiter: 'unix' });
}

function reliabilityTable(report: ScoreReliabilityReport): string {
  const { coders, sessions, missing, scores } = report;
  const level = Math.round((scores[0]?.icc.confidence ?? 0.95) * 100);
  const out = [
    `Reliability of session scores between ${coders.length} coders · ${sessions.length} sessions, paired by their path in each folder`,
    ...grid(
      coders.map((c) => [c.name, c.folder, `${c.sessions} sessions`]),
      [false, false, true],
    ).map((l) => '  ' + l),
    '',
  ];
  if (scores.length === 0) out.push('No summary score could be computed: the codebooks name no codes for them.', '');
  else {
    const head = ['Score', 'Sessions', 'Form', 'ICC', `${level}% CI`, 'F', 'df', 'p'];
    const undefinedScores = scores.filter((s) => s.icc.estimates.every((e) => e.value === null));
    const rows = scores.flatMap((s) => {
      if (undefinedScores.includes(s)) return [[s.label, String(s.icc.targets), 'all', 'n/a', '', '', '', '']];
      return s.icc.estimates.map((e, i) => [
        i === 0 ? s.label : '',
        i === 0 ? String(s.icc.targets) : '',
        e.form,
        fixed(e.value),
        interval(e),
        fTest(e),
        `${e.df1}, ${e.df2}`,
        pValue(e.p),
      ]);
    });
    out.push(
      `Intraclass correlations with ${level}% confidence intervals (Shrout & Fleiss 1979; McGraw & Wong 1996)`,
      ...grid([head, ...rows], [false, true, false, true, false, true, true, true]).map((l) => '  ' + l),
    );
    const few = undefinedScores.filter((s) => s.icc.targets < 2).map((s) => s.label);
    const flat = undefinedScores.filter((s) => s.icc.targets >= 2).map((s) => s.label);
    if (flat.length > 0) out.push(`  n/a: the same value in every copy of every session (${flat.join(', ')})`);
    if (few.length > 0) out.push(`  n/a: fewer than two sessions scored by every coder (${few.join(', ')})`);
    out.push('');
  }
  if (missing.length > 0)
    out.push('Sessions a coder has no copy of, left out of every score', ...missing.map((m) => `  ${m.session} — not in ${m.coders.join(', ')}`), '');
  const absent = new Set(missing.map((m) => m.session));
  const undefinedIn = scores.flatMap((s) => {
    const sessions = s.leftOut.filter((session) => !absent.has(session));
    return sessions.length > 0 ? [`  ${s.label}: ${sessions.join(', ')}`] : [];
  });
  if (undefinedIn.length > 0) out.push("Sessions left out of a score that is undefined in a coder's copy (such as R:Q without questions)", ...undefinedIn, '');
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function interval(e: IccEstimate): string {
  return e.lower === null || e.upper === null ? 'n/a' : `[${fixed(e.lower)}, ${fixed(e.upper)}]`;
}

function fTest(e: IccEstimate): string {
  return e.f === null ? 'n/a' : Number.isFinite(e.f) ? e.f.toFixed(2) : '∞';
}

function pValue(p: number | null): string {
  return p === null ? 'n/a' : p < 0.001 ? '<0.001' : p.toFixed(3);
}

// Full precision for analysis; an empty cell for an undefined statistic.
function num(value: number | null): string {
  return value === null ? '' : Number.isFinite(value) ? String(Math.round(value * 1e12) / 1e12) : String(value);
}
