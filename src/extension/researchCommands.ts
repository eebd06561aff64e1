import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import {
  buildSession,
  exportRows,
  formatExport,
  noticeText,
  readCsv,
  readPlainText,
  readSrt,
  readVtt,
  splitFileNames,
  type ExportFormat,
  type ExportRow,
  type ImportedTranscript,
} from '../core';
import { compareCodersCommand } from './compareCoders';
import { isSession } from './documents';
import { SESSION_GLOB } from './globs';
import type { SessionWorkspace } from './workspace';

const PROGRESS = { location: vscode.ProgressLocation.Notification, cancellable: true } as const;

/** Registers Export…, Import Transcript… and Compare Coders…: the research tools of the CLI, with progress on long work. */
export function registerResearchCommands(context: vscode.ExtensionContext, workspace: SessionWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sessionMarkdown.export', () => exportTurns(workspace)),
    vscode.commands.registerCommand('sessionMarkdown.importTranscript', () => importTranscript()),
    vscode.commands.registerCommand('sessionMarkdown.compareCoders', (...uris: unknown[]) => compareCodersCommand(workspace.store, uris)),
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
  const open = await vscode.window.showInformationMessage(`Exported ${rows.length} turns from ${uris.length} session(s) to ${noticeText(vscode.workspace.asRelativePath(target))}.`, 'Open');
  if (open) await vscode.window.showTextDocument(target);
}

async function importTranscript(): Promise<void> {
  const [source] =
    (await vscode.window.showOpenDialog({
      title: 'Import a transcript',
      canSelectMany: false,
      filters: { Transcripts: ['vtt', 'srt', 'csv', 'txt'], 'All files': ['*'] },
    })) ?? [];
  if (!source) return;
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(source));
  const extension = source.path.split('.').pop()?.toLowerCase();
  let transcripts: { key: string; transcript: ImportedTranscript }[];
  try {
    if (extension === 'csv') {
      const mapped = await csvTranscripts(text);
      if (!mapped) return;
      transcripts = mapped;
    } else {
      const read = extension === 'vtt' ? readVtt : extension === 'srt' ? readSrt : readPlainText;
      transcripts = [{ key: '', transcript: read(text) }];
    }
  } catch (error) {
    const line = (error as { line?: number }).line;
    return void vscode.window.showErrorMessage(`Cannot import ${noticeText(source.path.split('/').pop()!)}${line ? ` (line ${line})` : ''}: ${noticeText(error instanceof Error ? error.message : String(error))}`);
  }
  const written = await writeImported(source, transcripts);
  if (written.length > 0) await vscode.window.showTextDocument(written[0]!);
}

// A CSV needs its columns named: the user picks them from the header.
async function csvTranscripts(text: string): Promise<{ key: string; transcript: ImportedTranscript }[] | undefined> {
  const header = (parse(text, { to_line: 1, bom: true, relax_column_count: true }) as string[][])[0] ?? [];
  const pick = (title: string, optional = false) =>
    vscode.window.showQuickPick([...(optional ? ['(none)'] : []), ...header], { title, ignoreFocusOut: true });
  const speakerColumn = await pick('Which column names the speaker?');
  const textColumn = speakerColumn && (await pick('Which column holds what was said?'));
  if (!speakerColumn || !textColumn) return undefined;
  const time = await pick('Which column holds the time? (optional)', true);
  const codes = await vscode.window.showQuickPick(header, { title: 'Which columns hold codes? (optional)', canPickMany: true, ignoreFocusOut: true });
  const split = await pick('One session per value of which column? (optional)', true);
  const mapping = {
    speakerColumn,
    textColumn,
    ...(time && time !== '(none)' ? { timeColumn: time } : {}),
    ...(codes && codes.length > 0 ? { codeColumns: codes } : {}),
    ...(split && split !== '(none)' ? { splitBy: split } : {}),
  };
  return readCsv(text, mapping).map((t) => ({ key: t.key, transcript: t }));
}

async function writeImported(source: vscode.Uri, transcripts: { key: string; transcript: ImportedTranscript }[]): Promise<vscode.Uri[]> {
  const folder = vscode.Uri.joinPath(source, '..');
  const base = source.path.split('/').pop()!.replace(/\.[^.]+$/, '');
  const names = transcripts.length === 1 ? [`${base}.session.md`] : splitFileNames(transcripts.map((t) => t.key), base);
  const targets = names.map((name) => vscode.Uri.joinPath(folder, name));
  const existing = (await Promise.all(targets.map((t) => vscode.workspace.fs.stat(t).then(() => t, () => undefined)))).filter((t) => t !== undefined);
  if (existing.length > 0) {
    void vscode.window.showErrorMessage(`${existing.length} of the sessions to write already exist (${noticeText(existing[0]!.path.split('/').pop()!)}); nothing was written.`);
    return [];
  }
  return (
    (await vscode.window.withProgress({ ...PROGRESS, title: 'Importing' }, async (progress, token) => {
      const written: vscode.Uri[] = [];
      for (let i = 0; i < transcripts.length && !token.isCancellationRequested; i++) {
        const { key, transcript } = transcripts[i]!;
        const built = buildSession(transcript.utterances, { title: key ? `${base} ${key}` : base, source: source.path.split('/').pop()! });
        await vscode.workspace.fs.writeFile(targets[i]!, new TextEncoder().encode(built.text));
        written.push(targets[i]!);
        progress.report({ increment: 100 / transcripts.length, message: names[i] });
      }
      const warnings = transcripts.reduce((n, t) => n + t.transcript.warnings.length, 0);
      void vscode.window.showInformationMessage(`Imported ${written.length} session(s)${warnings ? ` with ${warnings} warning(s) (text made safe, times fixed)` : ''}.`);
      return written;
    })) ?? []
  );
}
