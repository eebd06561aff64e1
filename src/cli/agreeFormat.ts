import { stringify } from 'csv-stringify/sync';
import type { AgreementReport, AgreementStatistics, CodeAgreement, ConfusionMatrix, EditedTurn, GroupAgreement } from '../core';
import { jsonText, printable } from './terminal';

export const AGREE_FORMATS = ['table', 'json', 'csv'] as const;
export type AgreeFormat = (typeof AGREE_FORMATS)[number];

/** A coder's copy as reports name it: a short name (A, B…), the file as the user sees it and its number of turns. */
export interface AgreeCoder {
  name: string;
  file: string;
  turns: number;
}

/** What the formatters need besides the report. */
export interface AgreeContext {
  coders: readonly AgreeCoder[];
  codebook: string;
}

/** Renders an agreement report; CSV puts its notes (unaligned turns, warnings) on stderr to keep stdout a clean table. */
export function formatAgreement(format: AgreeFormat, report: AgreementReport, context: AgreeContext): { stdout: string; stderr?: string } {
  const notes = format === 'csv' ? noteLines(report, context) : [];
  const stdout =
    format === 'json' ? jsonText(agreementJson(report, context), 2) + '\n' : format === 'csv' ? agreementCsv(report) : agreementTable(report, context);
  return notes.length > 0 ? { stdout, stderr: notes.join('\n') + '\n' } : { stdout };
}

/** The report as the documented JSON document (camelCase keys; null for an undefined statistic). */
export function agreementJson(report: AgreementReport, context: AgreeContext): object {
  const { units } = report.alignment;
  const { unaligned, edited, speakerMismatches, warnings } = alignmentNotesJson(report, context);
  return {
    codebook: context.codebook,
    coders: context.coders,
    units: units.length,
    groups: report.groups.map((g) => ({
      id: g.id,
      ...(g.label !== undefined ? { label: g.label } : {}),
      role: g.role,
      exclusive: g.exclusive,
      ...stats(g),
      confusion: g.confusion,
      ...(g.presence ? { presence: g.presence.map(codeJson) } : {}),
    })),
    codes: report.codes.map(codeJson),
    unaligned,
    edited,
    speakerMismatches,
    warnings,
  };
}

/** The turns left out or aligned with a note, and the exclusivity warnings, as JSON names them (files, not copy numbers). */
export function alignmentNotesJson(
  report: AgreementReport,
  context: AgreeContext,
): { unaligned: object[]; edited: object[]; speakerMismatches: object[]; warnings: object[] } {
  const file = (copy: number): string => context.coders[copy]?.file ?? String(copy);
  const { unaligned, edited, speakerMismatches } = report.alignment;
  const paired = (e: EditedTurn): object => ({
    file: file(e.copy),
    turn: e.turn,
    line: e.line,
    preview: e.preview,
    reference: { file: file(0), ...e.reference },
  });
  return {
    unaligned: unaligned.map((u) => ({ file: file(u.copy), turn: u.turn, line: u.line, preview: u.preview, missingFrom: u.missingFrom.map(file) })),
    edited: edited.map(paired),
    speakerMismatches: speakerMismatches.map(paired),
    warnings: report.warnings.map((w) => ({ file: file(w.copy), turn: w.turn, line: w.line, group: w.group, codes: w.codes, used: w.used })),
  };
}

function codeJson(c: CodeAgreement): object {
  return { code: c.code, role: c.role, present: c.present, ...stats(c) };
}

function stats(s: AgreementStatistics): AgreementStatistics {
  return {
    units: s.units,
    percentAgreement: s.percentAgreement,
    ...(s.cohenKappa !== undefined ? { cohenKappa: s.cohenKappa } : {}),
    fleissKappa: s.fleissKappa,
    krippendorffAlpha: s.krippendorffAlpha,
    alphaUnits: s.alphaUnits,
  };
}

const CSV_COLUMNS = ['kind', 'id', 'label', 'role', 'units', 'percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha', 'alphaUnits'];

function agreementCsv(report: AgreementReport): string {
  const row = (kind: string, id: string, label: string, s: AgreementStatistics & { role: string }): (string | number)[] => [
    kind,
    id,
    label,
    s.role,
    s.units,
    num(s.percentAgreement),
    num(s.cohenKappa),
    num(s.fleissKappa),
    num(s.krippendorffAlpha),
    s.alphaUnits,
  ];
  const rows = [
    ...report.groups.map((g) => row('group', g.id, g.label ?? '', g)),
    ...report.groups.flatMap((g) => (g.presence ?? []).map((c) => row('member', c.code, g.id, c))),
    ...report.codes.map((c) => row('code', c.code, '', c)),
  ];
  return stringify(rows, { header: true, columns: CSV_COLUMNS, record_delimiter: 'unix' });
}

// Full precision for analysis; an empty cell for an undefined statistic (read as NA by R and NaN by pandas).
function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(Math.round(value * 1e12) / 1e12);
}

function agreementTable(report: AgreementReport, context: AgreeContext): string {
  const names = context.coders.map((c) => c.name);
  const { units, unaligned } = report.alignment;
  const out = [
    `Agreement between ${names.length} coders · codebook: ${context.codebook}`,
    ...grid(
      context.coders.map((c) => [c.name, c.file, `${c.turns} turns`]),
      [false, false, true],
    ).map((l) => '  ' + l),
    `${units.length} turns aligned${unaligned.length > 0 ? `; ${unaligned.length} left out (listed below)` : ''}.`,
    '',
    ...groupSection(report.groups, names),
    ...codeSection(report.codes, names),
    ...noteSections(report, context),
  ];
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function statHeads(names: readonly string[]): string[] {
  return ['Units', 'Agreement', ...(names.length === 2 ? ["Cohen's κ"] : []), "Fleiss' κ", "Krippendorff's α", 'α units'];
}

function statCells(s: AgreementStatistics, names: readonly string[]): string[] {
  return [
    String(s.units),
    percent(s.percentAgreement),
    ...(names.length === 2 ? [fixed(s.cohenKappa)] : []),
    fixed(s.fleissKappa),
    fixed(s.krippendorffAlpha),
    String(s.alphaUnits),
  ];
}

function groupSection(groups: readonly GroupAgreement[], names: readonly string[]): string[] {
  if (groups.length === 0) return ['The codebook defines no groups of mutually exclusive codes.', ''];
  const head = ['Group', 'Role', ...statHeads(names)];
  const rows = groups.map((g) => [g.exclusive ? g.id : `${g.id} *`, g.role, ...statCells(g, names)]);
  const lines = [
    'Groups (one value per turn; (none) when a turn carries no member)',
    ...indent(
      grid(
        [head, ...rows],
        head.map((_, i) => i >= 2),
      ),
    ),
  ];
  if (groups.some((g) => !g.exclusive))
    lines.push("  * codes that may go together: a turn's value is the set of its codes, and alpha uses the MASI distance between sets");
  lines.push('');
  for (const g of groups) lines.push(...confusionSection(g, names), '', ...presenceSection(g, names));
  return lines;
}

function presenceSection(group: GroupAgreement, names: readonly string[]): string[] {
  if (!group.presence || group.units === 0) return [];
  const used = group.presence.filter((c) => c.present.some((n) => n > 0));
  if (used.length === 0) return [];
  return [
    `Codes of ${group.id}, present or absent (columns ${names.join(', ')}: turns each coder marked; codes no coder used are left out)`,
    ...codeGrid(used, names),
    '',
  ];
}

function confusionSection(group: GroupAgreement, names: readonly string[]): string[] {
  const title = group.confusion.kind === 'coders' ? `rows ${names[0]}, columns ${names[1]}` : 'every pair of coders summed; rows: the earlier coder';
  if (group.units === 0) return [`Confusion matrix of ${group.id}: no turns of its role were aligned.`];
  const used = usedCategories(group.confusion);
  const corner = group.confusion.kind === 'coders' ? `${names[0]} \\ ${names[1]}` : '';
  const rows = used.map((i) => [group.confusion.categories[i]!, ...used.map((j) => String(group.confusion.counts[i]![j]))]);
  const head = [corner, ...used.map((i) => group.confusion.categories[i]!)];
  return [
    `Confusion matrix of ${group.id} (${title}; values no coder used are left out)`,
    ...indent(
      grid(
        [head, ...rows],
        head.map((_, i) => i > 0),
      ),
    ),
  ];
}

function usedCategories(confusion: ConfusionMatrix): number[] {
  const { counts } = confusion;
  return confusion.categories.flatMap((_, i) => (counts[i]!.some((n) => n > 0) || counts.some((row) => row[i]! > 0) ? [i] : []));
}

function codeSection(codes: readonly CodeAgreement[], names: readonly string[]): string[] {
  if (codes.length === 0) return ['No codes on the aligned turns.', ''];
  return [`Codes, present or absent (columns ${names.join(', ')}: turns each coder marked)`, ...codeGrid(codes, names), ''];
}

function codeGrid(codes: readonly CodeAgreement[], names: readonly string[]): string[] {
  const [units, ...heads] = statHeads(names);
  const head = ['Code', 'Role', units!, ...names, ...heads];
  const rows = codes.map((c) => {
    const [n, ...cells] = statCells(c, names);
    return [c.code, c.role, n!, ...c.present.map(String), ...cells];
  });
  return indent(
    grid(
      [head, ...rows],
      head.map((_, i) => i >= 2),
    ),
  );
}

/** The table's closing sections: unaligned and edited turns, and exclusivity warnings. */
export function noteSections(report: AgreementReport, context: AgreeContext): string[] {
  const sections: [string, string[]][] = [
    ['Unaligned turns, left out of the statistics', unalignedLines(report, context)],
    ['Edited turns, aligned by their position', editedLines(report, context)],
    ['Warnings', warningLines(report, context)],
  ];
  return sections.flatMap(([title, lines]) => (lines.length === 0 ? [] : [title, ...indent(lines), '']));
}

/** The same notes as lines for stderr. */
export function noteLines(report: AgreementReport, context: AgreeContext): string[] {
  return [
    ...unalignedLines(report, context).map((l) => `session-md: unaligned turn, left out: ${l}`),
    ...editedLines(report, context).map((l) => `session-md: edited turn, aligned by position: ${l}`),
    ...warningLines(report, context).map((l) => `session-md: warning: ${l}`),
  ];
}

function unalignedLines(report: AgreementReport, context: AgreeContext): string[] {
  const name = (copy: number): string => context.coders[copy]?.name ?? String(copy);
  return report.alignment.unaligned.map(
    (u) => `${where(context, u.copy, u.line)} (turn ${u.turn}) ${u.preview} — not in ${u.missingFrom.map(name).join(', ')}`,
  );
}

function editedLines(report: AgreementReport, context: AgreeContext): string[] {
  return report.alignment.edited.map(
    (e) => `${where(context, e.copy, e.line)} (turn ${e.turn}) ${e.preview} — ${where(context, 0, e.reference.line)} reads ${e.reference.preview}`,
  );
}

function warningLines(report: AgreementReport, context: AgreeContext): string[] {
  return report.warnings.map(
    (w) =>
      `${where(context, w.copy, w.line)} (turn ${w.turn}) carries ${w.codes.join(' and ')} of the group ${w.group}, which should exclude each other; ${w.used} is used`,
  );
}

function where(context: AgreeContext, copy: number, line: number): string {
  const coder = context.coders[copy];
  return coder ? `${coder.name} ${coder.file}:${line}` : `copy ${copy}:${line}`;
}

/** Pads cells into aligned columns, two spaces apart; `right[i]` right-aligns column i. */
// Cells are made printable before they are measured, so a file name with control characters keeps the columns aligned.
export function grid(cells: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const rows = cells.map((row) => row.map(printable));
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, [...cell].length)), []);
  const pad = (cell: string, i: number): string =>
    right[i] ? cell.padStart(widths[i]! + cell.length - [...cell].length) : cell.padEnd(widths[i]! + cell.length - [...cell].length);
  return rows.map((row) => row.map(pad).join('  ').trimEnd());
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => '  ' + l);
}

/** A statistic to three decimals, `n/a` when undefined, and never `-0.000`. */
export function fixed(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}
