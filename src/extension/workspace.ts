import { basename, dirname, sep } from 'node:path';
import * as vscode from 'vscode';
import type { FileHost, LibraryPaths, ParseCounter, WorkspaceHost } from '../core';
import { isSession } from './documents';
import { EXCLUDE_GLOB, SESSION_GLOB } from './globs';
import { librariesFromSettings, withChangedLibraries } from './libraries';
import { isInEditor, isOpen, tabUris } from './openEditors';
import { failedConfigFiles, SessionStore, type SessionAnalysis } from './sessionStore';
import { readSettings, type Settings } from './settings';
import { createWorkspaceHost } from './workspaceHost';

/** What activation started: the open transcripts first, then the workspace scan. */
export interface StartupReport {
  /** The transcripts open at activation (uris), analysed first. */
  open: string[];
  /** Resolves once the open transcripts are analysed: then the workspace may be scanned. */
  ready: Promise<void>;
  /** What the store had analysed when the workspace scan was about to begin. */
  analysedBeforeScan?: string[];
  /** Resolves with how many transcripts the workspace scan analysed (0 when it is off). */
  workspaceScan: Promise<number>;
}

/** What a workspace scan did: the transcripts it analysed (those whose files still exist), out of how many it found. */
export interface WorkspaceScan {
  analyses: SessionAnalysis[];
  found: number;
  cancelled: boolean;
}

/** How a workspace scan reports its progress (transcripts done, of how many), and what cancels it. */
export interface ScanOptions {
  progress?: (done: number, total: number) => void;
  token?: vscode.CancellationToken;
}

// The project configs and codebooks (technique libraries) whose change starts the store afresh.
const SETTINGS_FILES_GLOB = '**/{.sessionmdrc.yaml,*.codebook.yaml}';

// Transcripts are read and analysed this many at a time.
const SCAN_BATCH = 8;

/**
 * The one owner of the workspace in the editor: it alone lists files and watches them. It holds
 * the settings, the libraries and the store of analyses, keeps the store in step with the disk
 * (transcripts and folders created, changed, deleted, renamed or checked out away; configs and
 * libraries changed) and runs the one workspace scan. Features ask it and listen to it.
 */
export class SessionWorkspace implements vscode.Disposable {
  readonly store: SessionStore;
  private readonly resetEmitter = new vscode.EventEmitter<vscode.Uri[]>();
  private readonly transcriptsEmitter = new vscode.EventEmitter<void>();
  /** Fires when the settings, a config or a library changed and the store started afresh, with the config and library files changed on disk. */
  readonly onDidReset = this.resetEmitter.event;
  /** Fires when the workspace's transcripts may have changed in a way no analysis shows: a scan finished, or folders were added or removed. */
  readonly onDidChangeTranscripts = this.transcriptsEmitter.event;
  private current: Settings = readSettings();
  private discovered: Promise<LibraryPaths>;
  // A watcher for each file a transcript's config was read from, wherever it is (see `watchConfigFiles`).
  private readonly configWatchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly changedFiles: vscode.Uri[] = [];
  private readonly disposables: vscode.Disposable[];
  private ready: Promise<void> = Promise.resolve();
  private firstScan: Promise<WorkspaceScan> | undefined;
  private resetTimer: ReturnType<typeof setTimeout> | undefined;
  private resetting: Promise<void> | undefined;

  /** The core's host: the file access `files` gives, and listings through this owner's one search. */
  readonly host: WorkspaceHost;

  /** `files` is the file access the core reads transcripts, configs, codebooks and imports through. */
  // `parses` counts the parses of every analysis, for the activation report.
  constructor(files: FileHost, parses?: ParseCounter) {
    this.host = createWorkspaceHost(files, (glob, roots) => this.find(glob, roots));
    this.discovered = this.discoverLibraries();
    this.store = new SessionStore(this.host, this.current, this.discovered, parses);
    this.disposables = [this.store, this.resetEmitter, this.transcriptsEmitter, ...this.watch()];
  }

  /** The `sessionMarkdown.*` settings, as last read. */
  get settings(): Settings {
    return this.current;
  }

  /** The technique libraries in force: the workspace's, then those the settings name, as last found. */
  get libraries(): Promise<LibraryPaths> {
    return this.discovered;
  }

  /** The transcripts under `roots` (absolute folder paths; the whole workspace when none), as absolute paths. */
  async listTranscripts(roots: readonly string[] = []): Promise<string[]> {
    return (await this.host.listFiles(this.rootsOr(roots), '/')).files;
  }

  /** The codebooks and technique libraries under `roots` (absolute folder paths; the whole workspace when none), as sorted absolute paths. */
  async listLibraries(roots: readonly string[] = []): Promise<string[]> {
    return this.host.findLibraries(this.rootsOr(roots), '/');
  }

  /** The transcripts of the workspace, or under the folders `roots`; at most `limit` of them. */
  findTranscripts(roots: readonly vscode.Uri[] = [], limit?: number): Promise<vscode.Uri[]> {
    return this.find(SESSION_GLOB, roots, limit);
  }

  /** Whether a uri is a transcript in one of the workspace folders, as All Sessions lists them. */
  isWorkspaceTranscript(uri: vscode.Uri): boolean {
    return uri.path.endsWith('.session.md') && !uri.path.includes('/node_modules/') && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  }

  /** The analysed transcripts of the workspace folders. */
  transcripts(): SessionAnalysis[] {
    return this.store.all().filter((analysis) => this.isWorkspaceTranscript(analysis.uri));
  }

  /**
   * At activation: analyses the open transcripts, and only once they are done (activation has long
   * returned) every other transcript of the workspace, if enabled, with progress in the status bar.
   */
  startup(): StartupReport {
    const open = vscode.workspace.textDocuments.filter(isSession);
    const report = { open: open.map((d) => d.uri.toString()) } as StartupReport;
    report.ready = Promise.all(open.map((d) => this.store.analyse(d).catch(() => undefined))).then(() => {
      report.analysedBeforeScan = this.store.all().map((a) => a.uri.toString());
    });
    this.ready = report.ready;
    if (this.current.lintEnabled && this.current.lintWorkspace) {
      const title = 'Session Markdown: checking transcripts';
      this.firstScan = report.ready.then(() =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) =>
          this.scan({ progress: (done, total) => progress.report({ message: `${done}/${total}` }) }),
        ),
      );
    }
    report.workspaceScan = this.firstScan ? this.firstScan.then((scan) => scan.analyses.length) : Promise.resolve(0);
    return report;
  }

  /** Resolves once the workspace was scanned (after the open transcripts at start-up), starting the scan if none was. */
  listed(): Promise<WorkspaceScan> {
    return (this.firstScan ??= this.ready.then(() => this.scan()));
  }

  /**
   * The workspace scan (at start-up, for All Sessions, Refresh and Lint Workspace): forgets the
   * transcripts whose files are gone, then analyses every transcript in the workspace.
   */
  async scan({ progress, token }: ScanOptions = {}): Promise<WorkspaceScan> {
    await this.store.dropMissing();
    const files = await this.findTranscripts();
    const analyses: SessionAnalysis[] = [];
    let done = 0;
    while (done < files.length && !token?.isCancellationRequested) {
      const batch = await Promise.all(files.slice(done, done + SCAN_BATCH).map((uri) => this.store.analyseUri(uri)));
      done += batch.length;
      analyses.push(...batch.filter((analysis) => !analysis.gone));
      progress?.(done, files.length);
    }
    this.transcriptsEmitter.fire();
    return { analyses, found: files.length, cancelled: token?.isCancellationRequested === true };
  }

  /** Re-reads the settings and libraries and analyses everything again, once a burst of changes settled, one reset at a time. */
  scheduleReset(delayMs = 300): void {
    clearTimeout(this.resetTimer);
    this.resetTimer = setTimeout(() => {
      const previous = this.resetting ?? Promise.resolve();
      this.resetting = previous.then(() => this.reset()).finally(() => (this.resetting = undefined));
    }, delayMs);
  }

  dispose(): void {
    clearTimeout(this.resetTimer);
    for (const d of [...this.disposables, ...this.configWatchers.values()]) d.dispose();
  }

  private rootsOr(roots: readonly string[]): readonly string[] {
    return roots.length > 0 ? roots : (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  }

  // The one place that searches the workspace.
  private async find(glob: string, roots: readonly vscode.Uri[], limit?: number): Promise<vscode.Uri[]> {
    const patterns = roots.length === 0 ? [glob] : roots.map((root) => new vscode.RelativePattern(root, glob));
    const found = await Promise.all(patterns.map((pattern) => vscode.workspace.findFiles(pattern, EXCLUDE_GLOB, limit)));
    return found.flat().slice(0, limit);
  }

  // The workspace's libraries, then those the settings name.
  private async discoverLibraries(changed: readonly vscode.Uri[] = []): Promise<LibraryPaths> {
    const [found, settings] = await Promise.all([this.listLibraries(), librariesFromSettings()]);
    return { workspace: await withChangedLibraries(found, changed, this.host), settings };
  }

  // After the settings, a config or a library changed: listeners release what they show before it is analysed again.
  private async reset(): Promise<void> {
    const changed = this.changedFiles.splice(0);
    this.current = readSettings();
    this.discovered = this.discoverLibraries(changed);
    this.store.reset(this.current, this.discovered);
    this.resetEmitter.fire(changed);
    if (!this.current.lintEnabled) return;
    for (const analysis of this.store.all()) await this.store.analyseUri(analysis.uri).catch(() => undefined);
    if (this.current.lintWorkspace) await this.scan();
  }

  private watch(): vscode.Disposable[] {
    const transcripts = vscode.workspace.createFileSystemWatcher(SESSION_GLOB);
    const settingsFiles = vscode.workspace.createFileSystemWatcher(SETTINGS_FILES_GLOB);
    // A folder moved in or deleted may come as one event for the folder, none for the files in it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const settingsFileChanged = (uri: vscode.Uri): void => this.settingsFilesChanged([uri]);
    return [
      transcripts,
      settingsFiles,
      folders,
      transcripts.onDidCreate((uri) => this.changedOnDisk(uri, true)),
      transcripts.onDidChange((uri) => this.changedOnDisk(uri, false)),
      // An editor that shows the file keeps its text, and its problems, until its tab is closed.
      transcripts.onDidDelete((uri) => isInEditor(uri) || this.store.forget(uri, true)),
      settingsFiles.onDidCreate(settingsFileChanged),
      settingsFiles.onDidChange(settingsFileChanged),
      settingsFiles.onDidDelete(settingsFileChanged),
      folders.onDidCreate((uri) => void this.folderCreated(uri)),
      folders.onDidDelete((uri) => this.folderDeleted(uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sessionMarkdown') && this.scheduleReset(0)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      // VS Code may keep a document open for minutes after its tab closed: a file that is gone is forgotten with its last tab.
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        for (const uri of closed.flatMap(tabUris)) if (uri.scheme === 'file' && uri.path.endsWith('.session.md')) void this.store.forgetIfMissing(uri);
      }),
      this.store.onDidAnalyse((analysis) => this.watchConfigFiles([...(analysis.linted?.config.files ?? []), ...failedConfigFiles(analysis)])),
    ];
  }

  // The files a transcript's config was read from: a `pii.names` list or `pii.pseudonyms` map (often in a
  // private folder, even outside the workspace) or a config named by `extends`. The workspace-wide
  // watcher only sees `.sessionmdrc.yaml` and codebooks by name.
  private watchConfigFiles(files: readonly string[]): void {
    for (const file of files) {
      if (this.configWatchers.has(file)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)));
      watcher.onDidCreate(() => this.scheduleReset());
      watcher.onDidChange(() => this.scheduleReset());
      watcher.onDidDelete(() => this.scheduleReset());
      this.configWatchers.set(file, watcher);
    }
  }

  // A transcript written or created outside the editor; an editor that has it open keeps its own text.
  // Closed files are analysed when the Problems panel shows them, or All Sessions lists them.
  private changedOnDisk(uri: vscode.Uri, created: boolean): void {
    if (isOpen(uri)) return;
    const listed = this.store.peek(uri) !== undefined;
    this.store.forget(uri);
    if (this.current.lintWorkspace || (this.isWorkspaceTranscript(uri) && (created || listed))) void this.store.analyseUri(uri).catch(() => undefined);
  }

  private settingsFilesChanged(files: readonly vscode.Uri[]): void {
    this.changedFiles.push(...files);
    this.scheduleReset();
  }

  // A new folder may come as one event for the folder, none for the configs, libraries and transcripts
  // written into it, and a watcher set on a file whose folder did not exist yet may never fire: this one stands in.
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    const within = uri.fsPath + sep;
    if ([...this.configWatchers.keys()].some((file) => file === uri.fsPath || file.startsWith(within))) return this.scheduleReset();
    if (/\/(node_modules|\.git)(\/|$)/.test(uri.path)) return;
    if (/(\/\.sessionmdrc\.yaml|\.codebook\.yaml)$/.test(uri.path)) return this.settingsFilesChanged([uri]);
    if (uri.path.endsWith('.session.md')) return;
    const type = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      (stat) => stat.type,
      () => 0,
    );
    if (!(type & vscode.FileType.Directory)) return;
    const settingsFiles = await this.find(SETTINGS_FILES_GLOB, [uri]);
    if (settingsFiles.length > 0) this.settingsFilesChanged(settingsFiles);
    for (const file of await this.findTranscripts([uri])) this.changedOnDisk(file, true);
  }

  // A folder deleted or moved out may come as one event, none for the libraries in it.
  private folderDeleted(uri: vscode.Uri): void {
    const prefix = uri.toString() + '/';
    for (const analysis of this.store.all()) if (analysis.uri.toString().startsWith(prefix) && !isInEditor(analysis.uri)) this.store.forget(analysis.uri, true);
    const within = uri.fsPath + sep;
    void this.discovered.then(({ workspace = [] }) => {
      const gone = workspace.filter((file) => file.startsWith(within));
      if (gone.length > 0) this.settingsFilesChanged(gone.map((file) => vscode.Uri.file(file)));
    });
  }

  // The file on disk may differ from the closed editor's unsaved text, and is what the trees show now;
  // if it is gone (deleted, renamed or checked out away while open), the store forgets it everywhere instead.
  private closed(document: vscode.TextDocument): void {
    if (!isSession(document)) return;
    this.store.forget(document.uri);
    if (document.uri.scheme === 'file') void this.store.analyseUri(document.uri).catch(() => undefined);
  }
}
