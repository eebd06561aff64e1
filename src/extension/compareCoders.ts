import * as vscode from 'vscode';
import {
  codebookMismatchWarnings,
  comparableCopy,
  compareCoders,
  noticeText,
  speakerMismatchWarnings,
  type CoderCopyProblem,
  type ComparableCopy,
} from '../core';
import { agreementReportText, type AgreementReports, type AgreementReportText } from './agreementReport';
import type { SessionStore } from './sessionStore';

/** What Compare Coders… showed: the report (Markdown) and its warnings, or why the copies could not be compared; the command returns it. */
export type CompareOutcome = { report: string; warnings: string[] } | { error: string };

/**
 * Compare Coders…: the copies are analysed as the editor holds them and compared as `session-md
 * agree` compares them, by the first copy's codebook; a copy coded against another codebook is
 * named in a warning, in the report and in a notification, and turns aligned across speakers in
 * the report. The report ends with the turns where the coders differ, linked to the copies.
 */
export async function compareCodersCommand(store: SessionStore, reports: AgreementReports, args: unknown[]): Promise<CompareOutcome | undefined> {
  const given = (Array.isArray(args[1]) ? args[1] : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  const uris =
    given.length >= 2
      ? given
      : await vscode.window.showOpenDialog({
          title: "Compare coders: choose two or more coders' copies of one transcript",
          canSelectMany: true,
          filters: { Sessions: ['md'] },
        });
  if (!uris || uris.length < 2) return void (uris && vscode.window.showWarningMessage('Choose at least two copies of the same transcript.'));
  const compared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Comparing coders' }, () => compare(store, uris));
  if ('error' in compared) {
    void vscode.window.showErrorMessage(noticeText(compared.error));
    return compared;
  }
  for (const warning of compared.notices) void vscode.window.showWarningMessage(noticeText(warning));
  await reports.show(compared.shown);
  return { report: compared.shown.text, warnings: compared.warnings };
}

// The report of the copies, its warnings, and those also worth a notification (a codebook mismatch;
// turns aligned across speakers, one warning per turn, are said in the report only).
async function compare(
  store: SessionStore,
  uris: readonly vscode.Uri[],
): Promise<{ error: string } | { shown: AgreementReportText; warnings: string[]; notices: string[] }> {
  const names = uris.map((uri) => vscode.workspace.asRelativePath(uri));
  const copies: ComparableCopy[] = [];
  for (const [i, uri] of uris.entries()) {
    const analysis = await store.analyseUri(uri);
    if (analysis.skipped) return { error: `Cannot compare ${names[i]}: ${analysis.skipped}` };
    const copy = comparableCopy(names[i]!, analysis);
    if (!('linted' in copy)) return { error: `Cannot compare ${names[i]}: ${copyProblem(copy)}` };
    copies.push(copy);
  }
  const comparison = compareCoders(copies)!;
  const notices = codebookMismatchWarnings(comparison, names);
  const warnings = [...notices, ...speakerMismatchWarnings(comparison, names)];
  return { shown: agreementReportText(comparison.report, comparison.disagreements, uris, warnings), warnings, notices };
}

// Why a copy cannot be compared, after its name.
function copyProblem(copy: CoderCopyProblem): string {
  if ('codebook' in copy) return `no codebook is in force${copy.codebook?.readError ? ` (${copy.codebook.readError})` : ''}; see the Problems panel`;
  return copy.unchecked.findings[0]?.message ?? 'it could not be analysed';
}
