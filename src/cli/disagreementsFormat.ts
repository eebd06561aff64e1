import { stringify } from 'csv-stringify/sync';
import type { AgreementReport, Disagreement } from '../core';
import { alignmentNotesJson, grid, noteLines, noteSections, type AgreeContext, type AgreeFormat } from './agreeFormat';
import { jsonText } from './terminal';

// `session-md agree --disagreements`: the aligned turns where the coders differ, each coder's
// line and codes side by side, for adjudication. Turn text appears only as the masked preview
// every agree note uses; the lines say where to read it.

/** Renders the disagreements; CSV puts its notes (unaligned turns, warnings) on stderr, as agree's CSV does. */
export function formatDisagreements(
  format: AgreeFormat,
  disagreements: readonly Disagreement[],
  report: AgreementReport,
  context: AgreeContext,
): { stdout: string; stderr?: string } {
  const notes = format === 'csv' ? noteLines(report, context) : [];
  const stdout =
    format === 'json'
      ? jsonText(disagreementsJson(disagreements, report, context), 2) + '\n'
      : format === 'csv'
        ? disagreementsCsv(disagreements, context)
        : disagreementsTable(disagreements, report, context);
  return notes.length > 0 ? { stdout, stderr: notes.join('\n') + '\n' } : { stdout };
}

function disagreementsJson(disagreements: readonly Disagreement[], report: AgreementReport, context: AgreeContext): object {
  const file = (copy: number): string => context.coders[copy]?.file ?? String(copy);
  return {
    codebook: context.codebook,
    coders: context.coders,
    units: report.alignment.units.length,
    disagreements: disagreements.map((d) => ({
      role: d.role ?? null,
      preview: d.preview,
      groups: d.groups,
      copies: d.sides.map((s) => ({ file: file(s.copy), turn: s.turn, line: s.line, codes: s.codes })),
    })),
    ...alignmentNotesJson(report, context),
  };
}

// One row per turn; for each coder its line and its codes joined with `;`, as export joins them.
function disagreementsCsv(disagreements: readonly Disagreement[], context: AgreeContext): string {
  const names = context.coders.map((c) => c.name);
  const columns = ['role', 'groups', 'preview', ...names.flatMap((n) => [`${n}_line`, `${n}_codes`])];
  const rows = disagreements.map((d) => [d.role ?? '', d.groups.join(';'), d.preview, ...d.sides.flatMap((s) => [s.line, s.codes.join(';')])]);
  return stringify(rows, { header: true, columns, record_delimiter: 'unix' });
}

function disagreementsTable(disagreements: readonly Disagreement[], report: AgreementReport, context: AgreeContext): string {
  const names = context.coders.map((c) => c.name);
  const { units, unaligned } = report.alignment;
  const leftOut = unaligned.length > 0 ? `; ${unaligned.length} left out (listed below)` : '';
  const head = ['#', 'Role', 'Groups', ...names.flatMap((n) => [`${n} line`, `${n} codes`]), 'Turn'];
  const rows = disagreements.map((d, k) => [
    String(k + 1),
    d.role ?? '?',
    d.groups.join(', ') || '–',
    ...d.sides.flatMap((s) => [String(s.line), s.codes.join(' + ') || '(none)']),
    d.preview,
  ]);
  const out = [
    `Turns where ${names.length} coders differ · codebook: ${context.codebook}`,
    ...grid(
      context.coders.map((c) => [c.name, c.file, `${c.turns} turns`]),
      [false, false, true],
    ).map((l) => '  ' + l),
    disagreements.length === 0
      ? `The coders gave the same codes to all ${units.length} aligned turns${leftOut}.`
      : `${disagreements.length} of ${units.length} aligned turns differ${leftOut}.`,
    '',
    ...(disagreements.length === 0
      ? []
      : [
          ...grid(
            [head, ...rows],
            head.map((h) => h === '#' || h.endsWith(' line')),
          ).map((l) => '  ' + l),
          '',
        ]),
    ...noteSections(report, context),
  ];
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
