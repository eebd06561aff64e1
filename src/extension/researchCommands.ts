import * as vscode from 'vscode';
import { exportRows, formatExport, noticeText, type ExportFormat, type ExportRow } from '../core';
import { AgreementReports } from './agreementReport';
import { compareCodersCommand } from './compareCoders';
import { isSession } from './documents';
import { SESSION_GLOB } from './globs';
import { importTranscriptCommand, type ImportOptions } from './importTranscript';
import type { SessionWorkspace } from './workspace';

const PROGRESS = { location: vscode.ProgressLocation.Notification, cancellable: true } as const;

/** Registers Export…, Import Transcript… and Compare Coders…: the research tools of the CLI, with progress on long work. */
export function registerResearchCommands(context: vscode.ExtensionContext, workspace: SessionWorkspace): void {
  const reports = new AgreementReports();
  context.subscriptions.push(
    vscode.commands.registerCommand('sessionMarkdown.export', () => exportTurns(workspace)),
    vscode.commands.registerCommand('sessionMarkdown.importTranscript', (input?: unknown, options?: ImportOptions) =>
      importTranscriptCommand(workspace, input, options),
    ),
    reports,
    vscode.commands.registerCommand('sessionMarkdown.compareCoders', (...uris: unknown[]) => compareCodersCommand(workspace.store, reports, uris)),
  );
}

async function exportTurns(workspace: SessionWorkspace): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const scopes = [
    ...(active && isSession(active) ? [{ label: 'This session', description: vscode.workspace.asRelativePath(active.uri), all: false }] : []),
    { label: 'All sessions in the workspace', description: SESSION_GLOB, all: true },
  ];
  const scope = scopes.length === 1 ? scopes[0] : await vscode.window.showQuickPick(scopes, { title: 'Export turns: which sessions?' });
  if (!scope) return;
  const format = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: "for spreadsheets: a cell starting with = + - @ gets a leading '", format: 'csv' as ExportFormat, exact: false },
      { label: 'CSV, exact text', description: 'for R (read.csv) and pandas', format: 'csv' as ExportFormat, exact: true },
      { label: 'JSONL', description: 'one JSON object per line, exact text', format: 'jsonl' as ExportFormat, exact: true },
    ],
    { title: 'Export turns: format' },
  );
  if (!format) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export turns',
    filters: { [format.label]: [format.format] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `turns.${format.format}`) } : {}),
  });
  if (!target) return;
  const uris = scope.all ? await workspace.findTranscripts() : [active!.uri];
  const rows = await vscode.window.withProgress({ ...PROGRESS, title: 'Exporting turns' }, async (progress, token) => {
    const all: ExportRow[] = [];
    for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      if (token.isCancellationRequested) return undefined;
      const session = (await workspace.store.analyseUri(uri)).linted?.session;
      if (session) all.push(...exportRows(session, vscode.workspace.asRelativePath(uri, false)));
      progress.report({ increment: 100 / uris.length, message: vscode.workspace.asRelativePath(uri) });
    }
    return all;
  });
  if (!rows) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatExport(rows, format.format, { exact: format.exact })));
  const open = await vscode.window.showInformationMessage(
    `Exported ${rows.length} turns from ${uris.length} session(s) to ${noticeText(vscode.workspace.asRelativePath(target))}.`,
    'Open',
  );
  if (open) await vscode.window.showTextDocument(target);
}
