import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { ConfigLoadError } from '../config/errors';
import { describeReadError, refusalOf, type FileHost, type FileSizeLimit } from '../host';
import type { Linter } from '../lint/linter';
import type { Role } from '../model';
import {
  buildSession,
  parseCodeMap,
  parseRoleMap,
  readCsv,
  roleFor,
  readPlainText,
  safeLabel,
  speakerLabels,
  unmatchedRoleNames,
  UNKNOWN_SPEAKER,
  readSrt,
  readVtt,
  readWhisperJson,
  restorablePaths,
  slug,
  splitFileNames,
  ImportError,
  type CsvMapping,
  type ExportedSession,
  type ImportedTranscript,
  type ImportWarning,
  type RoleMap,
  type SessionMeta,
} from '../research/import';
import { decodeTranscript } from '../text/decode';
import { excerpt } from '../text/excerpt';
import type { FileReport } from './report';

// Importing a WebVTT, SRT, CSV or plain transcript, planned in full before anything is written: the
// input read (size-checked and decoded as transcripts are), its transcripts parsed, and each session
// built, named and linted where it will be. The front end only writes the plan.

export const IMPORT_FORMATS = ['vtt', 'srt', 'csv', 'text', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How to read an input: its format, that format's options, and the speakers' roles. */
export interface ImportReading {
  format: ImportFormat;
  /** vtt, srt, json: one turn per cue (or segment) (by default consecutive cues of one speaker are one turn). */
  keepCues?: boolean;
  /** vtt, srt: leave out a cue that cannot be read (listed as a warning) instead of keeping its words in the cue before it. */
  skipBadCues?: boolean;
  /** csv: which columns hold what; the code map as written (`"therapist_input=input,n/a="`). */
  csv?: Omit<CsvMapping, 'codeMap'> & { codeMap?: string };
  /** Speaker roles as written (`"Dr Rivera=therapist,Sam=client"`). */
  roleMap?: string;
  /** csv: write the sessions of a session-md export back to their `file` paths, folders included, below the output folder (the CLI's `--out`); otherwise they are named `<prefix>-<file>`. */
  restorePaths?: boolean;
}

/** Why an input cannot be imported: refused unread (not a regular file, too large), unreadable, or not readable as its format (at a line). */
export type ImportFailure = { kind: 'refused'; message: string } | { kind: 'unreadable'; reason: string } | { kind: 'input'; message: string; line?: number };

/** One transcript read from the input, with its split value when the input was split. */
export interface ImportedSource {
  imported: ImportedTranscript;
  key?: string;
}

/** What an input holds: its transcripts (one, or one per split value), the roles of their speakers and the column they were split by. */
export interface ImportInput {
  sources: ImportedSource[];
  roles: RoleMap;
  splitBy?: string;
  /** A session-md export of several sessions, split by `file` without `--split-by`: each session is written to its `file` path below the folder. */
  restorePaths?: boolean;
}

/** Reads and parses an import's input through the host; what fails is said with the line to blame. */
export async function readImportInput(
  path: string,
  host: FileHost,
  reading: ImportReading,
  limit: FileSizeLimit,
): Promise<ImportInput | { failure: ImportFailure }> {
  const read = await readImportText(path, host, limit);
  return 'failure' in read ? read : parseImportInput(read.text, reading);
}

/** The text of an import's input, read through the host (size-checked and decoded as transcripts are), or why it cannot be read. */
export async function readImportText(path: string, host: FileHost, limit: FileSizeLimit): Promise<{ text: string } | { failure: ImportFailure }> {
  const refusal = refusalOf(await host.stat(path), limit);
  if (refusal) return { failure: { kind: 'refused', message: refusal } };
  let bytes: Uint8Array;
  try {
    bytes = await host.readBytes(path);
  } catch (error) {
    return { failure: { kind: 'unreadable', reason: describeReadError(error) } };
  }
  const decoded = decodeTranscript(bytes);
  if ('problem' in decoded) return { failure: { kind: 'input', message: decoded.problem.message, line: decoded.problem.range.start.line } };
  return { text: decoded.text };
}

/** Parses the text of an import's input as `reading` says; what fails is said with the line to blame. */
export function parseImportInput(text: string, reading: ImportReading): ImportInput | { failure: ImportFailure } {
  try {
    const roles = parseRoleMap(reading.roleMap);
    const sources = readSources(text, reading);
    const asked = reading.format === 'csv' ? reading.csv?.splitBy : undefined;
    // An export of several sessions is split by its `file` even when --split-by was not given, and each goes back to its path.
    const exportedSessions = asked === undefined && sources.length > 1 && sources[0]?.imported.exported !== undefined;
    const splitBy = exportedSessions ? 'file' : asked;
    const restore = exportedSessions && reading.restorePaths === true && restorablePaths(sources.map((s) => s.key ?? ''));
    if (exportedSessions && reading.restorePaths === true && !restore)
      sources[0]!.imported.warnings.push({
        line: 1,
        message: "the 'file' values are not all relative paths of .session.md files; the sessions are named <prefix>-<file> instead",
      });
    return { sources, roles, ...(splitBy !== undefined ? { splitBy } : {}), ...(restore ? { restorePaths: true } : {}) };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { failure: { kind: 'input', message: error.message, ...(error.line !== undefined ? { line: error.line } : {}) } };
  }
}

/**
 * What to say of the role map's names that match no speaker, by name as written or by turn label
 * (a typo, or a name the label cleaned up): a message, or undefined when every name matched.
 */
export function unmatchedRolesNotice(input: ImportInput): string | undefined {
  const names = input.sources.flatMap((s) => s.imported.utterances.map((u) => u.speaker));
  const speakers = [...speakerLabels(names)].map(([name, label]) => ({ name, label }));
  const unmatched = unmatchedRoleNames(input.roles, speakers);
  if (unmatched.length === 0) return undefined;
  // Names are shown masked, as in every message.
  const shown = speakers.slice(0, 8).map((s) => `'${excerpt(s.label)}'`);
  return `--role-map: ${unmatched.map((name) => `'${excerpt(name)}'`).join(', ')} ${unmatched.length === 1 ? 'is' : 'are'} not a speaker of this transcript, so no turn gets that role; its speakers' labels are ${shown.join(', ')}${speakers.length > 8 ? ', …' : ''}`;
}

/** What is said, as a warning, of an input that names no speaker (see `namesNoSpeaker`), which is not written. */
export const NO_SPEAKER_NOTICE = `no cue or segment names a speaker (as <v Name>, "Name: text", WhisperX's "[SPEAKER_00]: text" or a "speaker" field), so every turn would be "${UNKNOWN_SPEAKER}:"; nothing was written. Diarize the recording first, or add the names`;

/** Whether an input names no speaker at all: every utterance went to the stand-in `Speaker`, as cues that name nobody do. */
export function namesNoSpeaker(input: ImportInput): boolean {
  return input.sources.every((s) => s.imported.utterances.every((u) => u.speaker === UNKNOWN_SPEAKER));
}

/** Why a role map as written (`"Dr Rivera=therapist,Sam=client"`) cannot be used, or undefined when it can. */
export function roleMapProblem(roleMap: string): string | undefined {
  try {
    parseRoleMap(roleMap);
    return undefined;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return error.message;
  }
}

/** The speakers of an input's transcripts, in order of appearance, each with the role it gets from the input's role map or by its name. */
export function importSpeakers(input: ImportInput): { name: string; role: Role }[] {
  const names = new Set(input.sources.flatMap((s) => s.imported.utterances.map((u) => u.speaker)));
  return [...names].map((name) => ({ name, role: roleFor(name, input.roles, safeLabel(name)) }));
}

function readSources(text: string, reading: ImportReading): ImportedSource[] {
  const cues = { keepCues: reading.keepCues === true, skipBadCues: reading.skipBadCues === true };
  const single = (imported: ImportedTranscript): ImportedSource[] => [{ imported }];
  if (reading.format === 'vtt') return single(readVtt(text, cues));
  if (reading.format === 'srt') return single(readSrt(text, cues));
  if (reading.format === 'text') return single(readPlainText(text));
  if (reading.format === 'json') return single(readWhisperJson(text, cues));
  const { codeMap, ...mapping } = reading.csv ?? { speakerColumn: 'speaker', textColumn: 'text' };
  const transcripts = readCsv(text, { ...mapping, codeMap: parseCodeMap(codeMap) });
  const split = mapping.splitBy !== undefined || transcripts.length > 1;
  return transcripts.map((t) => ({ imported: t, ...(split ? { key: t.key } : {}) }));
}

/** What every session of an import shares: where it came from, its front matter and title, and its codebook. */
export interface ImportSettings {
  /** The input file's name: `source:` in the front matter, and (without its extension) the default title and file name. */
  inputName: string;
  title?: string;
  session?: number;
  date?: string;
  client?: string;
  /** The file name prefix of split sessions; by default the input's name, made file-name-safe and lower case. */
  prefix?: string;
  /** `codebook:` for every session: a built-in name, or a file (`path`, absolute), written relative to each session. */
  codebook?: { ref: string; path?: string };
}

/** Where the sessions go: a folder (and, for a single session, the file name to use); sessions shown rather than written are checked as if there. */
export interface ImportPlacement {
  folder: string;
  fileName?: string;
}

/** A session to write: where, what, what building it changed, and its lint report. */
export interface PlannedSession {
  path: string;
  /** The split value it holds, when the input was split. */
  key?: string;
  text: string;
  turns: number;
  /** What reading and building changed or left out, in line order of the input. */
  warnings: ImportWarning[];
  /** The lint findings of the text where it will be, but for phase-missing (an import has no phases); or the config problem. */
  report: FileReport;
}

/** Builds, names and lints every session of an import, in the order of the input. */
export async function planImport(input: ImportInput, settings: ImportSettings, placement: ImportPlacement, linter: Linter): Promise<PlannedSession[]> {
  const stem = basename(settings.inputName, extname(settings.inputName));
  const split = input.splitBy !== undefined;
  const names = input.restorePaths
    ? input.sources.map((s) => s.key ?? '')
    : split
      ? splitFileNames(
          input.sources.map((s) => s.key ?? ''),
          settings.prefix ?? slug(stem).toLowerCase(),
        )
      : undefined;
  const planned: PlannedSession[] = [];
  for (const [i, source] of input.sources.entries()) {
    const path = join(placement.folder, names?.[i] ?? placement.fileName ?? `${slug(stem)}.session.md`);
    const title = source.key === undefined ? (settings.title ?? stem) : `${settings.title ?? stem}, ${input.splitBy} ${source.key}`;
    const meta: SessionMeta = { title, source: settings.inputName, roles: input.roles, ...exportedMeta(source.imported.exported, input.roles) };
    for (const key of ['session', 'date', 'client'] as const) if (settings[key] !== undefined) Object.assign(meta, { [key]: settings[key] });
    if (source.imported.fields) meta.fields = source.imported.fields;
    if (settings.codebook)
      meta.codebook = settings.codebook.path === undefined ? settings.codebook.ref : relative(dirname(path), settings.codebook.path).split(sep).join('/');
    const built = buildSession(source.imported.utterances, meta);
    const warnings = [...source.imported.warnings, ...built.warnings].sort((a, b) => a.line - b.line);
    planned.push({
      path,
      ...(source.key !== undefined ? { key: source.key } : {}),
      text: built.text,
      turns: source.imported.utterances.length,
      warnings,
      report: await lintImported(path, built.text, linter),
    });
  }
  return planned;
}

// A session-md export's front matter and roles, where the command line does not say otherwise (its --role-map wins).
function exportedMeta(exported: ExportedSession | undefined, roleMap: RoleMap): Partial<SessionMeta> {
  if (!exported) return {};
  const meta: Partial<SessionMeta> = { asExported: true };
  for (const key of ['session', 'date', 'client', 'codebook'] as const) if (exported[key] !== undefined) Object.assign(meta, { [key]: exported[key] });
  const roles = new Map<string, Role>();
  const undeclared = new Set<string>();
  for (const [name, role] of exported.roles) {
    if (role !== undefined) roles.set(name, role);
    else if (!roleMap.has(name)) undeclared.add(name);
  }
  for (const [name, role] of roleMap) roles.set(name, role);
  return { ...meta, roles, ...(undeclared.size > 0 ? { undeclared } : {}) };
}

async function lintImported(path: string, text: string, linter: Linter): Promise<FileReport> {
  try {
    const linted = await linter.lintText(path, text);
    return { path, findings: linted.findings.filter((f) => f.ruleId !== 'phase-missing'), linted };
  } catch (error) {
    if (!(error instanceof ConfigLoadError)) throw error;
    return { path, findings: [], problem: { kind: 'config', errors: error.errors } };
  }
}
