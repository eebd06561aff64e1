import * as vscode from 'vscode';
import {
  continueCourse,
  cursorContext,
  noticeText,
  problemCount,
  sessionFileName,
  sessionTemplate,
  SESSION_SUFFIX,
  snippetInsertText,
  validateSessionName,
  techniqueGroups,
  techniquePlace,
  type Codebook,
  type FrontMatter,
  type Session,
  type SessionTemplateOptions,
  type TechniquePlace,
} from '../core';
import { isSession } from './documents';
import { StatisticsView } from './statisticsView';
import { toOffset, toVsRange } from './positions';
import type { SessionStore } from './sessionStore';
import { REVEAL_CURRENT_TURN_COMMAND } from './statusBar';
import { fileName } from './trees/allSessionsTree';
import { REVEAL_RANGE_COMMAND, type CurrentSessionTree } from './trees/currentSessionTree';
import type { SessionWorkspace } from './workspace';

/** Registers New Session, Insert Technique, Lint Workspace, Show Statistics, Reveal Current Turn and Reveal Range. */
export function registerCommands(
  context: vscode.ExtensionContext,
  workspace: SessionWorkspace,
  tree: CurrentSessionTree,
  diagnostics: { showWorkspace(): void },
): StatisticsView {
  const { store } = workspace;
  const statistics = new StatisticsView(store);
  context.subscriptions.push(statistics);
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    command('sessionMarkdown.newSession', () => newSession(workspace)),
    command('sessionMarkdown.insertTechnique', () => insertTechnique(store)),
    command('sessionMarkdown.lintWorkspace', () => {
      diagnostics.showWorkspace();
      return lintWorkspace(workspace);
    }),
    command('sessionMarkdown.showStatistics', () => showStatistics(store, statistics)),
    command(REVEAL_CURRENT_TURN_COMMAND, () => revealCurrentTurn(store, tree)),
    command(REVEAL_RANGE_COMMAND, (uri: vscode.Uri | string, range?: RangeLike) => revealRange(uri, range)),
  );
  return statistics;
}

function activeSession(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isSession(editor.document)) return editor;
  void vscode.window.showInformationMessage('Open a session transcript (*.session.md) first.');
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = [];
  if (active && (active.scheme === 'file' || vscode.workspace.getWorkspaceFolder(active))) {
    const folder = vscode.Uri.joinPath(active, '..');
    items.push({ label: vscode.workspace.asRelativePath(folder), description: 'folder of the active file', uri: folder });
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!items.some((i) => i.uri?.toString() === folder.uri.toString())) items.push({ label: folder.name, description: 'workspace folder', uri: folder.uri });
  }
  if (items.length > 0) {
    items.push({ label: '$(folder-opened) Choose another folder…' });
    const picked = await vscode.window.showQuickPick(items, { title: 'New Session: folder', placeHolder: 'Where should the new transcript go?' });
    if (!picked || picked.uri) return picked?.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create Session Here' });
  return chosen?.[0];
}

// New Session reads at most this many workspace transcripts to find the client's latest session.
const MAX_COURSE_FILES = 5000;

async function frontMatters(store: SessionStore, uris: vscode.Uri[]): Promise<FrontMatter[]> {
  const fronts: FrontMatter[] = [];
  for (let i = 0; i < uris.length; i += 8) {
    const batch = await Promise.all(uris.slice(i, i + 8).map((uri) => store.analyseUri(uri)));
    for (const analysis of batch) if (analysis.linted?.session.frontMatter) fronts.push(analysis.linted.session.frontMatter);
  }
  return fronts;
}

/** What a new session in `folder` continues: the next number, the client and therapist, and the open goals of the client's latest session. */
async function courseSoFar(workspace: SessionWorkspace, folder: vscode.Uri): Promise<Omit<SessionTemplateOptions, 'date'>> {
  const { store } = workspace;
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(() => [] as [string, vscode.FileType][]);
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith(SESSION_SUFFIX)).slice(0, 200);
  const inFolder = await frontMatters(
    store,
    names.map(([name]) => vscode.Uri.joinPath(folder, name)),
  );
  const inWorkspace = inFolder.some((f) => f.client || f.course) ? await frontMatters(store, await workspace.findTranscripts([], MAX_COURSE_FILES)) : [];
  return continueCourse(inFolder, inWorkspace);
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function newSession(workspace: SessionWorkspace): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const known = await courseSoFar(workspace, folder);
  const target = (name: string) => vscode.Uri.joinPath(folder, sessionFileName(name));
  const name = await vscode.window.showInputBox({
    title: 'New Session',
    prompt: `File name in ${vscode.workspace.asRelativePath(folder)} (".session.md" is added)`,
    value: `${String(known.session).padStart(2, '0')}-session`,
    validateInput: async (value) => validateSessionName(value) ?? ((await exists(target(value))) ? `${fileName(target(value))} already exists.` : undefined),
  });
  if (name === undefined) return;
  const uri = target(name);
  if (await exists(uri)) return void vscode.window.showErrorMessage(`${noticeText(fileName(uri))} already exists; it was left unchanged.`);
  const text = sessionTemplate({ ...known, date: today() });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri);
}

/** A one-line preview of a snippet body: placeholders show their default text, escaped characters themselves. */
export function snippetPreview(body: string): string {
  return body
    .replace(/(?<!\\)\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/(?<!\\)(\$\{\d+\}|\$\d+)/g, '…')
    .replace(/\\([$}\\])/g, '$1')
    .replace(/\s*\n\s*/g, ' ⏎ ');
}

type TechniqueItem = vscode.QuickPickItem & { insert?: string };

/**
 * QuickPick items for the snippets of every library in force, under a header per library and phase;
 * given the cursor's place, the snippets that fit it come first under their own header.
 * Variables resolve only in a trusted workspace.
 */
export function techniqueItems(codebook: Codebook, session: Session, workspaceTrusted: boolean, place?: TechniquePlace): TechniqueItem[] {
  const items: TechniqueItem[] = [];
  for (const group of techniqueGroups(codebook, session.phaseModel, place)) {
    items.push({ label: group.title, kind: vscode.QuickPickItemKind.Separator });
    for (const entry of group.entries) {
      const insert = snippetInsertText(entry, session, workspaceTrusted);
      // The group that fits the cursor mixes libraries: each item names its own.
      const library = group.library === undefined ? ` · ${entry.library}` : '';
      items.push({ label: entry.snippet.label, description: `${entry.code.label} {${entry.code.id}}${library}`, detail: snippetPreview(insert), insert });
    }
  }
  return items;
}

async function insertTechnique(store: SessionStore): Promise<void> {
  const editor = activeSession();
  if (!editor) return;
  const analysis = await store.analyse(editor.document);
  const codebook = analysis.codebook;
  if (!codebook || !analysis.linted)
    return void vscode.window.showWarningMessage('No codebook is in force for this session; check `codebook:` in its front matter.');
  const session = analysis.linted.session;
  const place = techniquePlace(session, toOffset(editor.document, editor.selection.active));
  const items = techniqueItems(codebook, session, vscode.workspace.isTrusted, place);
  if (items.length === 0) return void vscode.window.showInformationMessage(`The codebook "${noticeText(codebook.name)}" has no snippets.`);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Insert Technique',
    placeHolder: 'Technique, code or words of the example',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.insert) await editor.insertSnippet(new vscode.SnippetString(picked.insert));
}

async function lintWorkspace(workspace: SessionWorkspace): Promise<void> {
  const title = 'Session Markdown: linting sessions';
  const scan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    let reported = 0;
    return workspace.scan({
      token,
      progress: (done, total) => {
        progress.report({ increment: ((done - reported) / total) * 100, message: `${done}/${total}` });
        reported = done;
      },
    });
  });
  const problems = scan.analyses.reduce((n, a) => n + problemCount(a), 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(
    `${plural(problems, 'problem')} in ${plural(scan.analyses.length, 'session')}${scan.cancelled ? ' (cancelled)' : ''}.`,
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function showStatistics(store: SessionStore, view: StatisticsView): Promise<void> {
  const editor = activeSession();
  if (!editor) return;
  const analysis = await store.analyse(editor.document);
  if (!analysis.linted)
    return void vscode.window.showWarningMessage(
      analysis.skipped ? `No statistics: ${analysis.skipped}.` : 'This file could not be analysed; see the Problems panel.',
    );
  view.show(analysis);
}

async function revealCurrentTurn(store: SessionStore, tree: CurrentSessionTree): Promise<void> {
  const editor = activeSession();
  if (!editor) return;
  const analysis = await store.analyse(editor.document);
  if (!analysis.linted)
    return void vscode.window.showWarningMessage(
      analysis.skipped ? `Live analysis is off for this file (${analysis.skipped}).` : 'This file could not be analysed.',
    );
  const { turn } = cursorContext(analysis.linted.session, toOffset(editor.document, editor.selection.active));
  if (!turn) return void vscode.window.showInformationMessage('There is no turn at or before the cursor.');
  const range = toVsRange(turn.range);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await tree.revealTurn(editor.document, analysis, turn);
}

/** A 0-based range as VS Code passes it, live or serialised. */
type RangeLike = { start: { line: number; character: number }; end: { line: number; character: number } };

async function revealRange(uri: vscode.Uri | string, range?: RangeLike): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const selection = range && new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
  const editor = await vscode.window.showTextDocument(target, { viewColumn: visible?.viewColumn, preserveFocus: false, ...(selection ? { selection } : {}) });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
