import * as vscode from 'vscode';
import {
  checkTranscriptDocument,
  decodeTranscriptFile,
  fileInvalid,
  Linter,
  lintTranscriptText,
  readTranscriptFile,
  type Codebook,
  type FileReport,
  type LibraryPaths,
  type ParseCounter,
  type RuleSetting,
  type Session,
} from '../core';
import { CourseFindings } from './courseFindings';
import { isInEditor } from './openEditors';

/**
 * What every feature reads about one transcript: the core's report of the file (its findings, the
 * parsed session with its codebook, the reports on its codebooks), and which version of it.
 */
export interface SessionAnalysis extends FileReport {
  uri: vscode.Uri;
  /** The document version analysed, or -1 for a file read from disk. */
  version: number;
  /** The codes in force (the report's `linted.codesInForce`), which most features read. */
  codebook?: Codebook;
  /** Set when the file was too large to analyse live. */
  skipped?: string;
  /** Set when the file no longer exists: the store forgot it, and nothing is to be shown for it. */
  gone?: true;
}

/** Extension settings that change analysis. */
export interface StoreSettings {
  ruleDefaults: Record<string, RuleSetting>;
  maxFileSize: number;
}

/**
 * Parses each document version once and shares the result with every feature; an edited version
 * re-parses only the blocks the edit touched (see `reparseSession`). Closed files
 * are read from disk and cached until they change, so nothing parses the same text twice.
 * Every analysis that becomes current reaches every listener of `onDidAnalyse`, once: features
 * that show analyses listen (and `request` one), features that answer a question await one.
 */
export class SessionStore implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<SessionAnalysis>>();
  private readonly latest = new Map<string, SessionAnalysis>();
  private readonly emitter = new vscode.EventEmitter<SessionAnalysis>();
  private readonly forgetEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a transcript was analysed (opened, edited, or changed on disk). */
  readonly onDidAnalyse = this.emitter.event;
  /** Fires when a transcript was deleted, or found missing when it was read. */
  readonly onDidForget = this.forgetEmitter.event;
  // Analyses wait for the libraries to be found, so no session is linted twice at startup.
  private linter: Promise<Linter>;
  // Bumped by reset(): an analysis started before a reset must not land after it.
  private generation = 0;
  private readonly generationOf = new WeakMap<SessionAnalysis, number>();
  // Transcripts forgotten because their file was deleted; an editor or a file that comes back ends that.
  private readonly deleted = new Set<string>();
  // The course rules' findings, added to each analysis from the others beside it.
  private readonly courses = new CourseFindings();

  // `parses` counts the parses of every analysis, for the activation report.
  constructor(
    private readonly host: ConstructorParameters<typeof Linter>[0],
    private settings: StoreSettings,
    libraries: Promise<LibraryPaths>,
    private readonly parses?: ParseCounter,
  ) {
    this.linter = this.makeLinter(libraries);
  }

  /** The analysis of an open document at its current version. */
  analyse(document: vscode.TextDocument): Promise<SessionAnalysis> {
    return this.cached(document.uri, document.version, () => ({ text: document.getText() }));
  }

  /**
   * The analysis of the document's current version if it is done; otherwise starts it and returns
   * undefined: `onDidAnalyse` brings it to every listener. For features that show what they hear.
   */
  request(document: vscode.TextDocument): SessionAnalysis | undefined {
    const latest = this.latest.get(document.uri.toString());
    if (latest && latest.version === document.version && this.generationOf.get(latest) === this.generation) return latest;
    // A failed analysis has nothing to show; the feature that answers questions reports it.
    this.analyse(document).catch(() => undefined);
    return undefined;
  }

  /** The analysis of a transcript, open or not: open documents win over the file on disk. */
  async analyseUri(uri: vscode.Uri): Promise<SessionAnalysis> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.analyse(open);
    return this.cached(uri, -1, () => this.readClosed(uri));
  }

  /** The linter analyses use now: the workspace's settings and libraries, for checking what is not a transcript yet (an import). */
  currentLinter(): Promise<Linter> {
    return this.linter;
  }

  /** The last analysis of a transcript, if any, without waiting. */
  peek(uri: vscode.Uri): SessionAnalysis | undefined {
    return this.latest.get(uri.toString());
  }

  /** Every transcript analysed so far. */
  all(): SessionAnalysis[] {
    return [...this.latest.values()];
  }

  /**
   * Forgets the transcripts whose files no longer exist and that no editor shows (a deletion the
   * file watcher missed, or one outside the workspace): one `stat` per known file.
   */
  async dropMissing(): Promise<void> {
    await Promise.all(this.all().map((analysis) => this.forgetIfMissing(analysis.uri)));
  }

  /** Forgets a transcript whose file no longer exists, unless an editor still shows it or holds unsaved changes. */
  async forgetIfMissing(uri: vscode.Uri): Promise<void> {
    if (isInEditor(uri) || (await this.host.stat(uri.fsPath)) !== undefined) return;
    if (!isInEditor(uri)) this.forget(uri, true);
  }

  /** Drops a file's analysis after it changed on disk or was deleted. */
  forget(uri: vscode.Uri, deleted = false): void {
    const key = uri.toString();
    for (const cacheKey of [...this.cache.keys()]) if (cacheKey.startsWith(key + '#')) this.cache.delete(cacheKey);
    if (deleted) {
      this.deleted.add(key);
      this.latest.delete(key);
      this.forgetEmitter.fire(uri);
      void this.refreshCourse(uri.fsPath, this.courses.changedCourses(key, undefined));
    }
  }

  /** Starts afresh after a config file, a codebook or library, or the settings changed. */
  reset(settings: StoreSettings, libraries: Promise<LibraryPaths>): void {
    this.settings = settings;
    this.linter = this.makeLinter(libraries);
    this.cache.clear();
    this.generation++;
  }

  private async makeLinter(libraries: Promise<LibraryPaths>): Promise<Linter> {
    const paths = await libraries.catch(() => ({}));
    return new Linter(this.host, { ruleDefaults: this.settings.ruleDefaults, libraries: paths, ...(this.parses ? { counter: this.parses } : {}) });
  }

  dispose(): void {
    this.emitter.dispose();
    this.forgetEmitter.dispose();
  }

  private cached(uri: vscode.Uri, version: number, read: () => TranscriptRead | Promise<TranscriptRead>): Promise<SessionAnalysis> {
    const key = `${uri.toString()}#${version}`;
    let pending = this.cache.get(key);
    if (!pending) {
      // Only the newest version of a document is worth keeping.
      for (const cacheKey of [...this.cache.keys()]) if (cacheKey.startsWith(uri.toString() + '#')) this.cache.delete(cacheKey);
      pending = this.run(uri, version, read);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async run(uri: vscode.Uri, version: number, read: () => TranscriptRead | Promise<TranscriptRead>): Promise<SessionAnalysis> {
    const generation = this.generation;
    let analysis: SessionAnalysis;
    try {
      const got = await read();
      if ('gone' in got) return this.gone(uri);
      if ('report' in got) analysis = analysisOf(uri, version, got.report);
      else if ('skipped' in got) analysis = { path: uri.fsPath, uri, version, findings: [], skipped: got.skipped };
      else analysis = this.reuse(uri, version, got.text) ?? (await this.lint(uri, version, got.text));
    } catch (error) {
      // A failure of the analysis itself is shown on the file rather than stopping every feature.
      analysis = {
        path: uri.fsPath,
        uri,
        version,
        findings: [fileInvalid(`Cannot read this file: ${error instanceof Error ? error.message : String(error)}`)],
      };
    }
    // VS Code may keep the document of a deleted file open, without a tab, for minutes; an edit to
    // it (a revert) must not bring the file back.
    if (version !== -1 && this.deleted.has(uri.toString()) && !isInEditor(uri)) return this.gone(uri);
    this.deleted.delete(uri.toString());
    if (version === -1) lighten(analysis);
    analysis = this.courses.add(analysis, this.all(), await this.linter);
    this.generationOf.set(analysis, generation);
    if (generation === this.generation && this.isCurrent(analysis)) {
      this.latest.set(uri.toString(), analysis);
      this.emitter.fire(analysis);
      await this.refreshCourse(analysis.path, this.courses.changedCourses(uri.toString(), analysis));
    }
    return analysis;
  }

  // The sessions beside one that changed what it says to its course get their course findings again, as new analyses of the same version.
  private async refreshCourse(path: string, keys: ReadonlySet<string>): Promise<void> {
    if (keys.size === 0) return;
    const linter = await this.linter;
    const current = this.all().filter((analysis) => this.generationOf.get(analysis) === this.generation);
    for (const next of this.courses.refreshed(path, keys, current, linter)) {
      const key = next.uri.toString();
      this.generationOf.set(next, this.generation);
      this.latest.set(key, next);
      const cacheKey = `${key}#${next.version}`;
      if (this.cache.has(cacheKey)) this.cache.set(cacheKey, Promise.resolve(next));
      this.emitter.fire(next);
    }
  }

  /**
   * A closed transcript, read and decoded as `session-md lint` reads it: a FIFO is never opened, a
   * temporary copy is reported, bytes that are no UTF-8 are a `file-invalid` at their position. One
   * above sessionMarkdown.maxFileSize is not read, and skipped as an open one is.
   */
  private async readClosed(uri: vscode.Uri): Promise<TranscriptRead> {
    const path = uri.fsPath;
    const read = await readTranscriptFile(path, this.host, { limit: { bytes: this.settings.maxFileSize, setting: 'sessionMarkdown.maxFileSize' } });
    if ('bytes' in read) return decodeTranscriptFile(path, read.bytes);
    const { problem } = read.report;
    if (problem?.kind === 'unreadable' || problem?.kind === 'refused') {
      const stat = await this.host.stat(path);
      if (!stat) return { gone: true };
      if (problem.kind === 'refused' && stat.isFile) return { skipped: `${Math.round((stat.size ?? 0) / 1024)} KB is above sessionMarkdown.maxFileSize` };
    }
    return read;
  }

  // A file that no longer exists (deleted, renamed, checked out away) is forgotten everywhere, not
  // reported as unreadable; an editor that has it open meanwhile keeps its own analysis.
  private gone(uri: vscode.Uri): SessionAnalysis {
    const analysis: SessionAnalysis = { path: uri.fsPath, uri, version: -1, findings: [], gone: true };
    if (!isInEditor(uri)) this.forget(uri, true);
    return analysis;
  }

  // Opening a file the workspace scan already read, or closing one unchanged, gives the same text: no second parse.
  private reuse(uri: vscode.Uri, version: number, text: string): SessionAnalysis | undefined {
    const previous = this.latest.get(uri.toString());
    if (!previous?.linted || this.generationOf.get(previous) !== this.generation || isLight(previous)) return undefined;
    // Exactly the same text: one that starts with U+FEFF (a second byte order mark) is not the one analysed without it.
    if (previous.linted.session.text !== text) return undefined;
    const reused = { ...previous, version };
    this.courses.carry(previous, reused);
    return reused;
  }

  // Analyses finish out of order: an older version, the file on disk while an editor has it open,
  // or an editor's text after it was closed must not win.
  private isCurrent(analysis: SessionAnalysis): boolean {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === analysis.uri.toString());
    return open ? analysis.version === open.version : analysis.version === -1;
  }

  // The last session of a transcript with its Markdown tree, for re-parsing only what an edit changed.
  private previousSession(uri: vscode.Uri): Session | undefined {
    const previous = this.latest.get(uri.toString());
    return previous?.linted && !isLight(previous) ? previous.linted.session : undefined;
  }

  // An open document's text is checked as the editor holds it; a closed file's was checked when it was decoded.
  private async lint(uri: vscode.Uri, version: number, text: string): Promise<SessionAnalysis> {
    if (version !== -1 && text.length > this.settings.maxFileSize) {
      return { path: uri.fsPath, uri, version, findings: [], skipped: `${Math.round(text.length / 1024)} KB is above sessionMarkdown.maxFileSize` };
    }
    const linter = await this.linter;
    const check = version === -1 ? lintTranscriptText : checkTranscriptDocument;
    return analysisOf(uri, version, await check(uri.fsPath, text, linter, this.previousSession(uri)));
  }
}

// What reading a transcript gave: its text to analyse, the core's report of why it cannot be, or that it is gone or too large.
type TranscriptRead = { text: string } | { report: FileReport } | { gone: true } | { skipped: string };

// The report as the editor shows it: a broken config is said on the transcript, where the user looks.
function analysisOf(uri: vscode.Uri, version: number, report: FileReport): SessionAnalysis {
  const codebook = report.linted?.codesInForce;
  const analysis: SessionAnalysis = { ...report, uri, version, ...(codebook ? { codebook } : {}) };
  if (report.problem?.kind !== 'config') return analysis;
  const first = report.problem.errors[0]!;
  const where = first.problems[0] ? `${first.path}:${first.problems[0].range.start.line}` : first.path;
  return { ...analysis, findings: [fileInvalid(`The configuration ${where} is invalid: ${first.readError ?? first.problems[0]?.message}`)] };
}

/** The config files (and the files they name) that made the analysis fail, to watch for a fix. */
export function failedConfigFiles(analysis: SessionAnalysis): string[] {
  return analysis.problem?.kind === 'config' ? analysis.problem.errors.flatMap((e) => [e.path, ...(e.dependsOn ?? [])]) : [];
}

const EMPTY_TREE = { type: 'root', children: [] } as const;

// Closed files are kept for the Problems panel, the trees, references and renames, which read the
// session model but not the Markdown tree; dropping the tree keeps a large workspace small.
function lighten(analysis: SessionAnalysis): void {
  if (analysis.linted) analysis.linted = { ...analysis.linted, session: { ...analysis.linted.session, mdast: EMPTY_TREE as unknown as Session['mdast'] } };
}

function isLight(analysis: SessionAnalysis): boolean {
  return analysis.linted?.session.mdast === (EMPTY_TREE as unknown);
}
