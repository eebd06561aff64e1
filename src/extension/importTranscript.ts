import { parse } from 'csv-parse/sync';
import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import {
  BUILTIN_CODEBOOKS,
  importSpeakers,
  metaColumnProblem,
  namesNoSpeaker,
  NO_SPEAKER_NOTICE,
  noticeText,
  parseImportInput,
  planImport,
  readImportText,
  roleMapProblem,
  type Finding,
  type ImportFailure,
  type ImportFormat,
  type ImportInput,
  type ImportReading,
  type ImportSettings,
  type PlannedSession,
} from '../core';
import { importFolder, writeSessions } from './importWrite';
import type { SessionWorkspace } from './workspace';

/** What Import Transcript… would otherwise ask, as `session-md import` takes it; given by a keybinding, a task or another extension. */
export interface ImportOptions {
  format?: ImportFormat;
  /** Speaker roles, as `--role-map` takes them (`"Dr Rivera=therapist,Sam=client"`); empty for none. */
  roleMap?: string;
  /** `codebook:` of the sessions: a built-in name or the absolute path of a codebook file; empty for none. */
  codebook?: string;
  /** CSV columns, as `--speaker-column`, `--text-column`, `--time-column`, `--code-columns`, `--split-by` and `--meta-columns` name them. */
  csv?: { speakerColumn: string; textColumn: string; timeColumn?: string; codeColumns?: string[]; splitBy?: string; metaColumns?: string[] };
}

/** What Import Transcript… did, as its notification says it: the sessions written with their findings other than phase-missing, or why nothing was. */
export type ImportOutcome = { written: vscode.Uri[]; problems: { uri: vscode.Uri; findings: Finding[] }[]; message: string } | { error: string };

/**
 * Import Transcript…: reads the input, plans and lints the sessions exactly as `session-md import`
 * does (the same size, UTF-16 and binary checks, role map, `codebook:`, names and titles), writes
 * them beside the input inside the workspace, and reports what the check of each found.
 */
export async function importTranscriptCommand(workspace: SessionWorkspace, input?: unknown, given: ImportOptions = {}): Promise<ImportOutcome | undefined> {
  const source = input instanceof vscode.Uri ? input : await pickInput();
  if (!source) return undefined;
  const name = basename(source.fsPath);
  const host = workspace.host;
  const read = await readImportText(source.fsPath, host, host.maxFileSize ?? { bytes: workspace.settings.maxFileSize, setting: 'sessionMarkdown.maxFileSize' });
  if ('failure' in read) return failed(name, read.failure);
  const format = given.format ?? formatOf(name);
  const csv = format === 'csv' ? (given.csv ?? (await pickColumns(read.text))) : undefined;
  if (format === 'csv' && !csv) return undefined;
  const reading: ImportReading = { format, ...(csv ? { csv } : {}) };
  const speakers = parseImportInput(read.text, reading);
  if ('failure' in speakers) return failed(name, speakers.failure);
  if (namesNoSpeaker(speakers)) return failed(name, { kind: 'input', message: NO_SPEAKER_NOTICE });
  const roleMap = given.roleMap ?? (await askRoleMap(speakers));
  if (roleMap === undefined) return undefined;
  const parsed = roleMap ? parseImportInput(read.text, { ...reading, roleMap }) : speakers;
  if ('failure' in parsed) return failed(name, parsed.failure);
  const codebook = given.codebook ?? (await pickCodebook(workspace));
  if (codebook === undefined) return undefined;
  const place = await importFolder(source);
  if (!place || 'error' in place) return place && failed(name, { kind: 'refused', message: place.error });
  const settings: ImportSettings = {
    inputName: name,
    ...(codebook ? { codebook: isAbsolute(codebook) ? { ref: codebook, path: codebook } : { ref: codebook } } : {}),
  };
  const progress = { location: vscode.ProgressLocation.Notification, title: `Importing ${noticeText(name)}` };
  const plan = await vscode.window.withProgress(progress, async () =>
    planImport(parsed, settings, { folder: place.folder.fsPath }, await workspace.store.currentLinter()),
  );
  const result = await writeSessions(plan, place.root);
  if ('error' in result) return failed(name, { kind: 'refused', message: result.error });
  return reportImport(plan, result.written, place.folder);
}

async function pickInput(): Promise<vscode.Uri | undefined> {
  const filters = { Transcripts: ['vtt', 'srt', 'csv', 'txt', 'json'], 'All files': ['*'] };
  return ((await vscode.window.showOpenDialog({ title: 'Import a transcript', canSelectMany: false, filters })) ?? [])[0];
}

function formatOf(name: string): ImportFormat {
  const extension = name.split('.').pop()?.toLowerCase();
  return extension === 'vtt' || extension === 'srt' || extension === 'csv' || extension === 'json' ? extension : 'text';
}

// A CSV needs its columns named: the user picks them from the header.
async function pickColumns(text: string): Promise<ImportOptions['csv'] | undefined> {
  const header = (parse(text, { to_line: 1, bom: true, relax_column_count: true }) as string[][])[0] ?? [];
  const pick = (title: string, optional = false) => vscode.window.showQuickPick([...(optional ? ['(none)'] : []), ...header], { title, ignoreFocusOut: true });
  const speakerColumn = await pick('Which column names the speaker?');
  const textColumn = speakerColumn && (await pick('Which column holds what was said?'));
  if (!speakerColumn || !textColumn) return undefined;
  const time = await pick('Which column holds the time? (optional)', true);
  const codes = await vscode.window.showQuickPick(header, { title: 'Which columns hold codes? (optional)', canPickMany: true, ignoreFocusOut: true });
  const split = await pick('One session per value of which column? (optional)', true);
  const taken = [speakerColumn, textColumn, time, split, ...(codes ?? [])];
  // Only the columns that can be front-matter keys are offered, as `--meta-columns` takes them.
  const others = header.filter((column) => !taken.includes(column) && metaColumnProblem(column) === undefined);
  const meta =
    others.length > 0
      ? await vscode.window.showQuickPick(others, {
          title: 'Which columns describe the whole session, for its front matter? (optional)',
          canPickMany: true,
          ignoreFocusOut: true,
        })
      : [];
  return {
    speakerColumn,
    textColumn,
    ...(time && time !== '(none)' ? { timeColumn: time } : {}),
    ...(codes && codes.length > 0 ? { codeColumns: codes } : {}),
    ...(split && split !== '(none)' ? { splitBy: split } : {}),
    ...(meta && meta.length > 0 ? { metaColumns: meta } : {}),
  };
}

// The roles as `--role-map` takes them, offered with every speaker found and the role it gets by its name.
async function askRoleMap(input: ImportInput): Promise<string | undefined> {
  const speakers = importSpeakers(input);
  const listed = speakers.length <= 12 && speakers.every((s) => s.name.length <= 40 && !s.name.includes('='));
  return vscode.window.showInputBox({
    title: 'Import: speaker roles',
    prompt: `therapist, client or other for each of the ${speakers.length} speaker(s), as session-md import --role-map takes them`,
    value: listed ? speakers.map((s) => `${s.name}=${s.role}`).join(', ') : '',
    placeHolder: 'Dr Rivera=therapist, Sam=client',
    ignoreFocusOut: true,
    validateInput: (value) => roleMapProblem(value)?.replace(/^--role-map: /, ''),
  });
}

// `codebook:` for the sessions: none (the configuration decides), a built-in one, or one of the workspace's.
async function pickCodebook(workspace: SessionWorkspace): Promise<string | undefined> {
  const files = await workspace.listLibraries();
  const items = [
    { label: 'No codebook', description: 'the configuration decides', value: '' },
    ...BUILTIN_CODEBOOKS.map((ref) => ({ label: ref, description: 'built-in', value: ref })),
    ...files.map((path) => ({ label: basename(path), description: vscode.workspace.asRelativePath(path), value: path })),
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Import: codebook of the sessions', ignoreFocusOut: true }))?.value;
}

function failed(name: string, failure: ImportFailure): { error: string } {
  const line = failure.kind === 'input' && failure.line !== undefined ? ` (line ${failure.line})` : '';
  const error = failure.kind === 'unreadable' ? `Cannot read ${name}: ${failure.reason}` : `Cannot import ${name}${line}: ${failure.message}`;
  void vscode.window.showErrorMessage(noticeText(error));
  return { error };
}

// Says what was written and what the check of the sessions found, and opens the first one with problems (or the first).
async function reportImport(plan: readonly PlannedSession[], written: vscode.Uri[], folder: vscode.Uri): Promise<ImportOutcome> {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const problems = plan.flatMap((s, i) => (s.report.findings.length > 0 ? [{ uri: written[i]!, findings: s.report.findings }] : []));
  const found = problems.flatMap((p) => p.findings);
  const warnings = plan.flatMap((s) => s.warnings);
  const message = [
    `Imported ${plural(plan.length, 'session')} (${plural(
      plan.reduce((n, s) => n + s.turns, 0),
      'turn',
    )}) into ${vscode.workspace.asRelativePath(folder)}.`,
    ...(warnings.length > 0 ? [`${plural(warnings.length, 'warning')} about the input, the first at line ${warnings[0]!.line}: ${warnings[0]!.message}.`] : []),
    ...(found.length > 0
      ? [
          `${plural(found.length, 'problem')} besides the missing phases (${plural(found.filter((f) => f.severity === 'error').length, 'error')}): see the Problems panel.`,
        ]
      : []),
  ].join(' ');
  void (found.some((f) => f.severity === 'error')
    ? vscode.window.showWarningMessage(noticeText(message))
    : vscode.window.showInformationMessage(noticeText(message)));
  const first = problems[0]?.uri ?? written[0];
  if (first) await vscode.window.showTextDocument(first);
  return { written, problems, message };
}
