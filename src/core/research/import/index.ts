// Import of WebVTT, SRT, CSV and plain transcripts into `.session.md` text.
export { buildSession, safeCode, safeLabel, safeTurnText, safeWords, speakerLabels, EMPTY_TEXT, type BuiltSession, type SessionMeta } from './build';
export { readCsv, type CsvMapping, type CsvTranscript } from './csv';
export { cuesToTranscript, plainCueText, UNKNOWN_SPEAKER, type Cue, type CueOptions } from './cues';
export { readWhisperJson, type JsonOptions } from './json';
export { metaColumnProblem } from './metaColumns';
export { restorablePaths } from './exportedCsv';
export { mapCodes, parseCodeMap, parseRoleMap, roleFor, unmatchedRoleNames } from './maps';
export { slug, splitFileNames } from './names';
export { isSpeakerName, labelOfName, speakerPrefix } from './speakerNames';
export { readSrt } from './srt';
export type { CueReadOptions } from './cueScan';
export { readPlainText } from './text';
export { formatClock, readClock, type ClockReading } from './time';
export { ImportError, type CodeMap, type ExportedSession, type ImportedTranscript, type ImportWarning, type RoleMap, type Utterance } from './types';
export { readVtt } from './vtt';
