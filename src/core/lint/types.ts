import type { Codebook } from '../codebook/codebook';
import type { CodeConflict } from '../codebook/library';
import type { LoadedCodebook } from '../codebook/loader';
import type { ResolvedConfig } from '../config/config';
import type { CourseContext } from '../course/course';
import type { SessionMedia } from '../media/mediaFile';
import type { Fix, Range, Session, Severity } from '../model';

/** What a rule reports; the engine adds the rule id and severity. */
export interface Report {
  message: string;
  range: Range;
  fixes?: Fix[];
}

/** Everything a rule may read about the session it checks. */
export interface RuleContext {
  session: Session;
  config: ResolvedConfig;
  /** The codebook in force; absent when none is set or it failed to load. */
  codebook?: Codebook;
  /** The codebook as loaded, with its problems, when one was requested. */
  loadedCodebook?: LoadedCodebook;
  /** Where the codebook was requested: the front matter `codebook:` value, the config, or an option overriding both (`--codebook`). */
  codebookRequest?: { ref: string; range?: Range; from: 'front matter' | 'config' | 'option' };
  /** Technique libraries merged into the codebook, as loaded (with their own problems). */
  libraries?: LoadedCodebook[];
  /** Codes that two libraries define differently. */
  conflicts?: CodeConflict[];
  /** The course of therapy the session belongs to (its siblings' front matter), when the front end read it; absent for text without a folder (stdin). */
  course?: CourseContext;
  /** The recording the session names in `media:`, as the front end found it; absent when it names none. */
  media?: SessionMedia;
  report(report: Report): void;
}

/** A lint rule: one file each, named by its id. */
export interface Rule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Set on rules that read `course`: they find nothing without it, and the editor runs them again when another session of the course changes. */
  course?: true;
  /** Set on rules that read the codebook in force (`codebook`, `loadedCodebook`, `codebookRequest`, `libraries` or `conflicts`): a run limited to rules without it (`lint --rules pii`) loads no codebook. */
  codebook?: true;
  check(context: RuleContext): void;
}
