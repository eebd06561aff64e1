import * as vscode from 'vscode';
import { codebookMismatchWarnings, comparableCopy, compareCoders, noticeText, type AgreementReport, type AgreementStatistics, type CoderCopyProblem, type ComparableCopy } from '../core';
import type { SessionStore } from './sessionStore';

/** What Compare Coders… showed: the report (Markdown) and its warnings, or why the copies could not be compared; the command returns it. */
export type CompareOutcome = { report: string; warnings: string[] } | { error: string };

/**
 * Compare Coders…: the copies are analysed as the editor holds them and compared as `session-md
 * agree` compares them, by the first copy's codebook; a copy coded against another codebook is
 * named in a warning, in the report and in a notification.
 */
export async function compareCodersCommand(store: SessionStore, args: unknown[]): Promise<CompareOutcome | undefined> {
  const given = (Array.isArray(args[1]) ? args[1] : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  const uris =
    given.length >= 2
      ? given
      : await vscode.window.showOpenDialog({ title: "Compare coders: choose two or more coders' copies of one transcript", canSelectMany: true, filters: { Sessions: ['md'] } });
  if (!uris || uris.length < 2) return void (uris && vscode.window.showWarningMessage('Choose at least two copies of the same transcript.'));
  const names = uris.map((uri) => vscode.workspace.asRelativePath(uri));
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Comparing coders' }, async (): Promise<CompareOutcome> => {
    const copies: ComparableCopy[] = [];
    for (const [i, uri] of uris.entries()) {
      const analysis = await store.analyseUri(uri);
      if (analysis.skipped) return { error: `Cannot compare ${names[i]}: ${analysis.skipped}` };
      const copy = comparableCopy(names[i]!, analysis);
      if (!('linted' in copy)) return { error: `Cannot compare ${names[i]}: ${copyProblem(copy)}` };
      copies.push(copy);
    }
    const comparison = compareCoders(copies)!;
    const warnings = codebookMismatchWarnings(comparison, names);
    return { report: agreementMarkdown(comparison.report, warnings), warnings };
  });
  if ('error' in outcome) {
    void vscode.window.showErrorMessage(noticeText(outcome.error));
    return outcome;
  }
  for (const warning of outcome.warnings) void vscode.window.showWarningMessage(noticeText(warning));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: outcome.report });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return outcome;
}

// Why a copy cannot be compared, after its name.
function copyProblem(copy: CoderCopyProblem): string {
  if ('codebook' in copy) return `no codebook is in force${copy.codebook?.readError ? ` (${copy.codebook.readError})` : ''}; see the Problems panel`;
  return copy.unchecked.findings[0]?.message ?? 'it could not be analysed';
}

/** The agreement report as Markdown tables, for the "Compare Coders…" command, after its warnings. */
export function agreementMarkdown(report: AgreementReport, warnings: readonly string[] = []): string {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
  const row = (name: string, s: AgreementStatistics) => `| ${name} | ${s.units} | ${n(s.percentAgreement)} | ${report.coders.length === 2 ? n(s.cohenKappa) : '—'} | ${n(s.fleissKappa)} | ${n(s.krippendorffAlpha)} |`;
  const head = ['| | units | agreement | Cohen κ | Fleiss κ | Krippendorff α |', '| --- | --- | --- | --- | --- | --- |'];
  return [
    '# Agreement between coders',
    '',
    ...report.coders.map((c, i) => `${i + 1}. ${c}`),
    '',
    ...warnings.flatMap((w) => [`> Warning: ${w}.`, '']),
    `Aligned turns: ${report.alignment.units.length}; turns that did not align: ${report.alignment.unaligned.length}.`,
    '',
    '## Code groups',
    '',
    ...head,
    ...report.groups.map((g) => row(g.label ?? g.id, g)),
    '',
    '## Codes (present or absent)',
    '',
    ...head,
    ...report.codes.map((c) => row(`\`${c.code}\``, c)),
    '',
    ...(report.alignment.unaligned.length > 0
      ? ['## Turns that did not align', '', ...report.alignment.unaligned.map((u) => `- ${report.coders[u.copy]}, turn ${u.turn} (line ${u.line}): ${u.preview}`), '']
      : []),
  ].join('\n');
}
