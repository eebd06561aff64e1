// The one entry point through which the CLI and the extension reach the core. It exports what they
// use and nothing else (test/unit/architecture.test.ts checks it); tests import other modules directly.

// The model, and the host through which the core reads files.
export type { Finding, Fix, FrontMatter, GoalStatus, Range, Session, Severity, TextEdit, Turn } from './model';
export {
  dataFileProblem,
  describeReadError,
  refusalOf,
  type FileHost,
  type FileListing,
  type FileSizeLimit,
  type FileStat,
  type ListedKind,
  type MediaHeader,
  MEDIA_HEAD_BYTES,
  MEDIA_HEADER_OPTIONS,
  mediaHeaderOf,
  type WorkspaceHost,
} from './host';
export { isInside, type SessionMedia } from './media/mediaFile';
export { PLAYABLE_FORMATS, turnPlayingAt, unplayableReason } from './media/playback';
export type { ParseCounter } from './parse/session';

// Use cases: each takes the host (or what it read) and returns plain data.
export { lintedReport, withCodebookReports, type FileReport } from './usecases/report';
export { temporaryCopyName } from './usecases/leftovers';
export {
  checkTranscriptBytes,
  checkTranscriptDocument,
  checkTranscriptFile,
  checkTranscripts,
  decodeTranscriptFile,
  fixSafely,
  lintTranscriptText,
  readTranscriptFile,
} from './usecases/checkTranscript';
export { checkCodebookFile } from './usecases/checkCodebook';
export {
  importSpeakers,
  IMPORT_FORMATS,
  namesNoSpeaker,
  NO_SPEAKER_NOTICE,
  parseImportInput,
  planImport,
  readImportInput,
  readImportText,
  roleMapProblem,
  unmatchedRolesNotice,
  type ImportFailure,
  type ImportFormat,
  type ImportInput,
  type ImportPlacement,
  type ImportReading,
  type ImportSettings,
  type PlannedSession,
} from './usecases/importPlan';
export { metaColumnProblem } from './research/import';
export { exportQdc, exportQdpx, importQdpx, QdpxError, type ProjectBack, type ProjectInput } from './research/qdpx';
export {
  codebookMismatchWarnings,
  comparableCopy,
  compareCoders,
  speakerMismatchWarnings,
  type CoderCopyProblem,
  type ComparableCopy,
} from './usecases/compareCoders';
export { computeStatistics, fidelityGate, segmentReports, unusableCodebook } from './usecases/statistics';

// Linting, configs and codebooks.
export { Linter, type LibraryPaths, type LintedSession, type LinterOptions } from './lint/linter';
export { RULES } from './lint/rules';
export { courseContext, courseFingerprint, courseSessionOf, type CourseSession } from './course/course';
export { compareFindings } from './lint/engine';
export { FolderCourses, type CourseReader } from './course/folderCourses';
export type { Rule } from './lint/types';
export { CODEBOOK_CONFLICT, CODEBOOK_FILE_INVALID, FILE_INVALID, fileInvalid, SNIPPET_UNANNOTATED, type PseudoRule } from './lint/pseudoRules';
export { codebookFindings } from './lint/codebookFindings';
export { compatibleEdits, safeFixEdits } from './lint/fix';
export { ConfigLoadError, type ConfigError, type RuleSetting } from './config/config';
export { lookupCode, SCORE_KEYS, type Codebook } from './codebook/codebook';
export { BUILTIN_CODEBOOKS, CodebookLoader, type LoadedCodebook } from './codebook/loader';
export { checkCodebookText } from './codebook/check';

// Text.
export { escapeControls } from './text/controls';
export { Markdown, markdownCode, noticeText } from './text/markdown';

// Language features of the editor.
export type { CompletionEntry, CursorContext, OutlineSymbol, SymbolOccurrences } from './language/types';
export { courseKey, formatDuration, formatShare, NO_CLIENT } from './language/summary';
export { completionsAt } from './language/completion';
export { hoverAt } from './language/hover';
export { outline } from './language/outline';
export { foldingRanges } from './language/folding';
export { occurrencesAt, renameEdits, validNewId } from './language/symbols';
export { cursorContext, turnAt } from './language/cursor';
export { snippetInsertText, techniqueGroups, techniquePlace, type TechniquePlace } from './language/snippets';
export { continueCourse, SESSION_SUFFIX, sessionFileName, sessionTemplate, validateSessionName, type SessionTemplateOptions } from './language/template';

// Research: the counts of a session (what the trees, `stats` and the charts show), agreement, export, import and charts.
export { ROLE_KEYS, sessionStats, type PhaseStats, type SessionStats, type Tallies } from './research/stats';
export type { PhaseStatus } from './research/phases';
export type { CorpusTotals, StatsReport } from './research/corpus';
export type { SummaryScore } from './research/summaryScores';
export { clockSeconds, clockText, type SegmentWindow } from './research/segment';
export { NO_VALUE, NOT_SINGLE_VALUE } from './research/fieldGroups';
export { codeCooccurrence, cooccurrenceByField, type CooccurrenceTable, type CooccurrenceUnit } from './research/cooccurrence';
export { transitionsByField, transitionTable, type SequenceOptions, type TransitionCell, type TransitionTable } from './research/sequences';
export type { AgreementReport, AgreementStatistics, CodeAgreement, ConfusionMatrix, GroupAgreement } from './research/agreement';
export type { EditedTurn } from './research/align';
export type { Disagreement } from './research/disagreements';
export type { IccEstimate } from './research/icc';
export { scoreReliability, sessionScoresOf, sessionScoreValues, type ScoreIcc } from './research/scoreReliability';
export {
  EXPORT_FORMATS,
  EXPORT_UNITS,
  exportRows,
  exportUtteranceRows,
  formatExport,
  type ExportFormat,
  type ExportRow,
  type ExportUnit,
  type UtteranceExportRow,
} from './research/export';
export { formatSessionExport, sessionExportRow } from './research/sessionExport';
export {
  collectMemos,
  conditionAtom,
  findSegments,
  formatMemoRows,
  formatSegmentRows,
  MEMO_GROUPINGS,
  memoRows,
  parseTurnQuery,
  segmentRows,
  type MemoEntry,
  type MemoGrouping,
  type MemoRow,
  type QueryInput,
  type QuerySyntaxError,
  type SegmentMatch,
  type SegmentRow,
  type TurnCondition,
  unknownTermNotes,
} from './research/query';
export { spreadsheetSafeCell } from './research/spreadsheetCells';
export { goalProgress, sessionColumnLabel, type GoalCell, type GoalCourse } from './research/goalProgress';
export { codeTurns, statisticsCharts, type ChartedSession, type ChartLinks } from './research/charts';
export { escapeXml } from './research/chartLayout';
export { courseMeasures, type CourseMeasures } from './research/measureCharts';
export { buildCurrentNodes, currentNodeView, type CurrentNode } from './language/currentSessionNodes';
export {
  buildCodedSegmentsNodes,
  codedSegmentsChildren,
  codedSegmentsView,
  codedTurns,
  SEGMENT_PAGE,
  type CodedSegmentsNode,
} from './language/codedSegmentsNodes';
export { buildMemosNodes, MEMO_PAGE, memosChildren, memosView, type MemosNode } from './language/memosNodes';
export type { RowView } from './language/segmentText';
export { currentRating, ratingChoices, ratingEdits, ratingValueProblem, type RatingChoice } from './language/rateSession';
export type { RatingScale } from './codebook/ratingScales';
export { measuresInForce } from './codebook/measures';
export {
  buildAllSessionsNodes,
  groupDescription,
  groupOutOfOrder,
  groupTooltip,
  problemCount,
  sessionDescription,
  sessionLabel,
  sessionTooltip,
  type AllSessionsNode,
} from './language/allSessionsNodes';
