import { dirname } from 'node:path';
import type { Codebook } from '../codebook/codebook';
import { mergeLibraries, type CodeConflict, type LibraryLayer } from '../codebook/library';
import { CodebookLoader, type LoadedCodebook } from '../codebook/loader';
import { ConfigResolver, type ResolvedConfig, type RuleSetting } from '../config/config';
import { courseSessionOf, type CourseContext } from '../course/course';
import type { CourseSource } from '../course/folderCourses';
import type { FileHost } from '../host';
import { sessionMedia, type SessionMedia } from '../media/mediaFile';
import type { Finding, Session } from '../model';
import { reparseSession } from '../parse/incremental';
import { parseSessionLazily } from '../parse/lazySession';
import type { ParseCounter } from '../parse/session';
import { anyRuleOn, lintSession, type LintEnvironment } from './engine';
import { RULES } from './rules';
import type { Rule, RuleContext } from './types';

/** The codebook used when neither the front matter nor the config names one. */
export const DEFAULT_CODEBOOK = 'core';

/** A linted transcript: the parsed session (shared with other features) and its findings. */
export interface LintedSession {
  session: Session;
  findings: Finding[];
  config: ResolvedConfig;
  /** The session's codebook (scheme) as loaded, with its own problems. */
  codebook?: LoadedCodebook;
  /** The codes in force: the scheme merged with the technique libraries; absent when the scheme failed to load. */
  codesInForce?: Codebook;
  /** The technique libraries merged with it, as loaded, with their own problems. */
  libraries: LoadedCodebook[];
  /** Codes that two libraries define differently. */
  conflicts: CodeConflict[];
  /** The course of therapy the course rules read, when the linter has a course source and the session names a client or course. */
  course?: CourseContext;
  /** The recording the session names in `media:`, as found (its header read once per file version). */
  media?: SessionMedia;
}

/** Where technique libraries come from besides the session's own codebook. */
export interface LibraryPaths {
  /** `*.codebook.yaml` files found in the workspace. */
  workspace?: string[];
  /** Files named in the editor's settings. */
  settings?: string[];
}

/** How a linter is set up: the config and codebook it may be told to use, the editor's rule settings, the libraries and the rules to run. */
export interface LinterOptions {
  /** One config file for every transcript (`--config`) instead of the `.sessionmdrc.yaml` cascade. */
  configPath?: string;
  ruleDefaults?: Record<string, RuleSetting>;
  codebookOverride?: { ref: string; baseDir: string };
  libraries?: LibraryPaths;
  onlyRules?: readonly string[];
  /** Counts the parses of `lintText`. */
  counter?: ParseCounter;
  /** Where the course rules find a session's course (the CLI reads the sessions beside it); without it they find nothing. */
  courses?: CourseSource;
}

/** Lints transcripts with their cascaded config and codebook, reading each config and codebook once. */
export class Linter {
  readonly configs: ConfigResolver;
  readonly codebooks: CodebookLoader;

  /** Rule severities that apply before any config file: the editor's settings. */
  ruleDefaults: Record<string, RuleSetting>;

  /** A codebook for every file, above front matter and config (`--codebook`): a built-in name or a path relative to `baseDir`. */
  readonly codebookOverride: { ref: string; baseDir: string } | undefined;

  /** Technique libraries merged into every session's codebook. */
  libraries: LibraryPaths;

  /** The ids of the only rules that run (`lint --rules`); undefined runs them all. Severities still apply, so a rule set `off` stays off. */
  readonly onlyRules: ReadonlySet<string> | undefined;

  private readonly rules: readonly Rule[];
  private readonly courseRules: readonly Rule[];
  private readonly codebookRules: readonly Rule[];
  private readonly counter: ParseCounter | undefined;
  private readonly courses: CourseSource | undefined;

  constructor(
    private readonly host: FileHost,
    options: LinterOptions = {},
  ) {
    this.counter = options.counter;
    this.courses = options.courses;
    this.onlyRules = options.onlyRules ? new Set(options.onlyRules) : undefined;
    this.rules = this.onlyRules ? RULES.filter((r) => this.onlyRules!.has(r.id)) : RULES;
    this.courseRules = this.rules.filter((rule) => rule.course);
    this.codebookRules = this.rules.filter((rule) => rule.codebook);
    this.codebookOverride = options.codebookOverride;
    this.libraries = options.libraries ?? {};
    this.configs = new ConfigResolver(host, options.configPath);
    this.codebooks = new CodebookLoader(host);
    this.ruleDefaults = options.ruleDefaults ?? {};
  }

  /**
   * Parses and lints the text of the transcript at `path`; given the session of an earlier version
   * of the same text, re-parses only what changed. Throws `ConfigLoadError` for a broken config.
   */
  async lintText(path: string, text: string, previous?: Session): Promise<LintedSession> {
    const resolved = await this.configs.forFile(path);
    const config = { ...resolved, rules: { ...this.ruleDefaults, ...resolved.rules } };
    const defaults = { ...(config.phases === undefined ? {} : { phases: config.phases }), ...(this.counter ? { counter: this.counter } : {}) };
    // A first parse leaves the body until a rule reads it: `lint --rules pii` may need none.
    const session = previous ? reparseSession(previous, text, undefined, defaults) : parseSessionLazily(text, defaults);
    // A run limited to rules that read no codebook (`lint --rules pii`) loads none; every other run
    // does, since its callers (stats, export, the editor) use the codes in force too.
    const skipCodebook = this.onlyRules !== undefined && !anyRuleOn(session, config, this.codebookRules);
    const environment: LintEnvironment = skipCodebook ? { config } : await this.environment(path, session, config);
    // The sessions beside this one are read only for a course rule that runs (not for `--rules pii`, say).
    const readCourse = this.courses !== undefined && anyRuleOn(session, config, this.courseRules);
    const course = readCourse ? await this.courses!.courseOf(courseSessionOf(path, session)) : undefined;
    if (course) environment.course = course;
    const media = await sessionMedia(this.host, path, session);
    if (media) environment.media = media;
    const linted: LintedSession = {
      session,
      findings: lintSession(session, environment, this.rules),
      config,
      libraries: environment.libraries ?? [],
      conflicts: environment.conflicts ?? [],
    };
    if (environment.loadedCodebook) linted.codebook = environment.loadedCodebook;
    if (environment.codebook) linted.codesInForce = environment.codebook;
    if (course) linted.course = course;
    if (media) linted.media = media;
    return linted;
  }

  /**
   * The findings of the course rules on a linted session, given its course: for a front end that
   * lints each session without its course (the editor) and checks the course again when a session
   * of it changes. The session's own settings and codebook apply, as they did when it was linted.
   */
  courseFindings(linted: LintedSession, course: CourseContext): Finding[] {
    const environment: LintEnvironment = { config: linted.config, libraries: linted.libraries, conflicts: linted.conflicts, course };
    if (linted.codebook) environment.loadedCodebook = linted.codebook;
    if (linted.codesInForce) environment.codebook = linted.codesInForce;
    return lintSession(
      linted.session,
      environment,
      this.rules.filter((rule) => rule.course),
    );
  }

  /** The settings and codebook that apply to a parsed session, for rules and other features. */
  async environment(path: string, session: Session, config: ResolvedConfig): Promise<LintEnvironment> {
    const fm = session.frontMatter;
    const override = this.codebookOverride;
    const request: NonNullable<RuleContext['codebookRequest']> = override
      ? { ref: override.ref, from: 'option' }
      : fm?.codebook
        ? { ref: fm.codebook, from: 'front matter', ...(fm.codebookRange ? { range: fm.codebookRange } : {}) }
        : { ref: config.codebook?.ref ?? DEFAULT_CODEBOOK, from: 'config' };
    const baseDir = override ? override.baseDir : fm?.codebook ? dirname(path) : (config.codebook?.baseDir ?? dirname(path));
    const loaded = await this.codebooks.load(request.ref, baseDir);
    const environment: LintEnvironment = { config, loadedCodebook: loaded, codebookRequest: request };
    if (!loaded.codebook || loaded.problems.length > 0) return environment;
    // The session's codebook ranks first when the session (or --codebook) chose it, last when it is the default.
    const layers: LibraryLayer[] = [{ source: request.from === 'config' ? 'builtin' : 'file', codebook: loaded.codebook }];
    const libraries: LoadedCodebook[] = [];
    for (const [source, paths] of [
      ['workspace', this.libraries.workspace],
      ['settings', [...(this.libraries.settings ?? []), ...config.libraries]],
    ] as const) {
      for (const libraryPath of paths ?? []) {
        // The built-in codebooks are schemes to choose, not libraries to merge, even when a workspace holds copies of them.
        if (this.codebooks.isBuiltin(libraryPath)) continue;
        const library = await this.codebooks.load(libraryPath, dirname(path));
        if (library.path === loaded.path) continue;
        libraries.push(library);
        if (library.codebook && library.problems.length === 0) layers.push({ source, codebook: library.codebook });
      }
    }
    const merged = mergeLibraries(layers)!;
    environment.codebook = merged.codebook;
    environment.libraries = libraries;
    environment.conflicts = merged.conflicts;
    return environment;
  }
}
