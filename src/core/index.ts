// The one entry point through which the CLI and the extension reach the core.
export type * from './model';
export type { FileHost } from './host';
export { describeReadError } from './host';
export { parseSession, sessionParseCount, DEFAULT_SPEAKERS, type ParseDefaults } from './parse/session';
export { BUILTIN_PHASE_MODELS, resolvePhaseModel, matchPhase } from './parse/phaseModels';
export { parseCodebook, lookupCode, closestCode, type Code, type CodeGroup, type Codebook, type CodebookResult, type Snippet } from './codebook/codebook';
export { CodebookLoader, BUILTIN_CODEBOOKS, type LoadedCodebook } from './codebook/loader';
export { ConfigResolver, ConfigLoadError, CONFIG_FILE_NAME, type ResolvedConfig, type RuleSetting, type ConfigError } from './config/config';
export { lintSession, compareFindings, type LintEnvironment } from './lint/engine';
export { Linter, codebookFindings, DEFAULT_CODEBOOK, type LintedSession } from './lint/linter';
export { RULES } from './lint/rules';
export { applyEdits, compatibleEdits, safeFixEdits } from './lint/fix';
export type { Finding, Fix, Rule, RuleContext, Severity, TextEdit } from './lint/types';
export { checkTranscriptText, decodeTranscript, MAX_LINE_LENGTH, type DecodeProblem } from './text/decode';
export { computeLineStarts, positionAt, rangeAt, offsetAt, stripBom, detectEol } from './text/lines';
