import { constants } from 'node:fs';
import { lstat, realpath, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { formatSegmentRows, isInside, noticeText, segmentRows, type ExportFormat, type SegmentMatch } from '../core';

// Export Selection… of the Coded Segments view: the turns it shows, as `session-md query` writes
// them (the export's columns and `match`), into a file the user picks inside the workspace, never
// through a symbolic link out of it. VS Code's file system API follows links, so the checks and
// the write use Node's.

/** What Export Selection… would otherwise ask; given by a test, a keybinding or another extension. */
export interface SegmentExportOptions {
  format: ExportFormat;
  /** CSV with the text exactly as written (for R and pandas), rather than spreadsheet-safe cells. */
  exact?: boolean;
  target: vscode.Uri;
}

/** What Export Selection… did: the file written and how many turns, or why nothing was written. */
export type SegmentExportOutcome = { written: vscode.Uri; turns: number } | { error: string };

/** Asks for the format and the file (unless `given`), then writes the turns; undefined when the user cancelled. */
export async function exportSegments(matches: readonly SegmentMatch[], given?: SegmentExportOptions): Promise<SegmentExportOutcome | undefined> {
  if (matches.length === 0) return report({ error: 'The Coded Segments view shows no turns to export.' });
  const options = given ?? (await askOptions());
  if (!options) return undefined;
  const rows = segmentRows(matches.map((m) => ({ ...m, file: vscode.workspace.asRelativePath(vscode.Uri.parse(m.file), false) })));
  const text = formatSegmentRows(rows, options.format, { exact: options.exact === true });
  return report(await writeInsideWorkspace(options.target, text), matches.length);
}

async function askOptions(): Promise<SegmentExportOptions | undefined> {
  const format = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: "for spreadsheets: a cell starting with = + - @ gets a leading '", format: 'csv' as ExportFormat, exact: false },
      { label: 'CSV, exact text', description: 'for R (read.csv) and pandas', format: 'csv' as ExportFormat, exact: true },
      { label: 'JSONL', description: 'one JSON object per line, exact text', format: 'jsonl' as ExportFormat, exact: true },
    ],
    { title: 'Export coded segments: format' },
  );
  if (!format) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export coded segments (inside the workspace)',
    filters: { [format.label]: [format.format] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `segments.${format.format}`) } : {}),
  });
  return target && { format: format.format, exact: format.exact, target };
}

/**
 * Writes `text` to `target` if it lies in a folder of the workspace, its folder does not lead
 * through a symbolic link out of that folder, and it is no symbolic link itself (not even a broken one).
 */
export async function writeInsideWorkspace(target: vscode.Uri, text: string): Promise<{ written: vscode.Uri } | { error: string }> {
  const shown = vscode.workspace.asRelativePath(target);
  const root = target.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(target) : undefined;
  if (!root || root.uri.scheme !== 'file') return { error: `Not writing ${noticeText(shown)}: the export goes inside a folder of the workspace.` };
  const [realRoot, realFolder] = await Promise.all([realpath(root.uri.fsPath), realpath(dirname(target.fsPath)).catch(() => undefined)]);
  if (!realFolder) return { error: `Not writing ${noticeText(shown)}: its folder does not exist.` };
  if (!isInside(realRoot, realFolder))
    return { error: `Not writing ${noticeText(shown)}: its folder leads through a symbolic link out of the workspace folder.` };
  const existing = await lstat(target.fsPath).catch(() => undefined);
  if (existing?.isSymbolicLink()) return { error: `Not writing ${noticeText(shown)}: it is a symbolic link.` };
  if (existing && !existing.isFile()) return { error: `Not writing ${noticeText(shown)}: it is not a file.` };
  try {
    // O_NOFOLLOW: a link put there since the check is not followed either (where the system has it).
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
    await writeFile(target.fsPath, text, { encoding: 'utf8', flag: flags });
  } catch (error) {
    return { error: `Cannot write ${noticeText(shown)}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { written: target };
}

function report(outcome: { written: vscode.Uri } | { error: string }, turns = 0): SegmentExportOutcome {
  if ('error' in outcome) {
    void vscode.window.showErrorMessage(outcome.error);
    return outcome;
  }
  void vscode.window.showInformationMessage(
    `Exported ${turns} coded turn${turns === 1 ? '' : 's'} to ${noticeText(vscode.workspace.asRelativePath(outcome.written))}.`,
  );
  return { written: outcome.written, turns };
}
