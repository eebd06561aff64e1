import { dirname } from 'node:path';
import { CodebookLoader, type LoadedCodebook } from '../codebook/loader';
import { ConfigResolver, type ResolvedConfig, type RuleSetting } from '../config/config';
import type { FileHost } from '../host';
import type { Session } from '../model';
import { parseSession } from '../parse/session';
import { lintSession, type LintEnvironment } from './engine';
import { codebookInvalid } from './rules/codebook-invalid';
import type { Finding, RuleContext } from './types';

/** The codebook used when neither the front matter nor the config names one. */
export const DEFAULT_CODEBOOK = 'core';

/** A linted transcript: the parsed session (shared with other features) and its findings. */
export interface LintedSession {
  session: Session;
  findings: Finding[];
  config: ResolvedConfig;
  codebook?: LoadedCodebook;
}

/** Lints transcripts with their cascaded config and codebook, reading each config and codebook once. */
export class Linter {
  readonly configs: ConfigResolver;
  readonly codebooks: CodebookLoader;

  /** Rule severities that apply before any config file: the editor's settings. */
  ruleDefaults: Record<string, RuleSetting>;

  /** A codebook for every file, above front matter and config (`--codebook`): a built-in name or a path relative to `baseDir`. */
  readonly codebookOverride: { ref: string; baseDir: string } | undefined;

  constructor(host: FileHost, options: { configPath?: string; ruleDefaults?: Record<string, RuleSetting>; codebookOverride?: { ref: string; baseDir: string } } = {}) {
    this.codebookOverride = options.codebookOverride;
    this.configs = new ConfigResolver(host, options.configPath);
    this.codebooks = new CodebookLoader(host);
    this.ruleDefaults = options.ruleDefaults ?? {};
  }

  /** Parses and lints the text of the transcript at `path`. Throws `ConfigLoadError` for a broken config. */
  async lintText(path: string, text: string): Promise<LintedSession> {
    const resolved = await this.configs.forFile(path);
    const config = { ...resolved, rules: { ...this.ruleDefaults, ...resolved.rules } };
    const session = parseSession(text, config.phases === undefined ? {} : { phases: config.phases });
    const environment = await this.environment(path, session, config);
    const linted: LintedSession = { session, findings: lintSession(session, environment), config };
    if (environment.loadedCodebook) linted.codebook = environment.loadedCodebook;
    return linted;
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
    if (loaded.codebook && loaded.problems.length === 0) environment.codebook = loaded.codebook;
    return environment;
  }
}

/** The problems inside a codebook file as `codebook-invalid` findings at their own positions. */
export function codebookFindings(loaded: LoadedCodebook, severity: Finding['severity'] = codebookInvalid.defaultSeverity): Finding[] {
  return loaded.problems.map((problem) => ({ ruleId: codebookInvalid.id, severity, message: `Codebook: ${problem.message}`, range: problem.range }));
}
