import { basename, resolve } from 'node:path';
import {
  IMPORT_FORMATS,
  namesNoSpeaker,
  readImportInput,
  NO_SPEAKER_NOTICE,
  unmatchedRolesNotice,
  type ImportFailure,
  type ImportFormat,
  type ImportReading,
  type ImportSettings,
} from '../core';
import { MAX_FILE_SIZE_USAGE, parseMaxFileSize, sizeLimit } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';
import { importProject } from './importProject';
import { planOutputs, writeSessions } from './importWrite';

/** The options `session-md import` accepts, for `parseArgs`. */
export const IMPORT_OPTIONS = {
  from: { type: 'string' },
  out: { type: 'string', short: 'o' },
  codebook: { type: 'string' },
  force: { type: 'boolean', default: false },
  'role-map': { type: 'string' },
  session: { type: 'string' },
  date: { type: 'string' },
  client: { type: 'string' },
  title: { type: 'string' },
  'keep-cues': { type: 'boolean', default: false },
  'skip-bad-cues': { type: 'boolean', default: false },
  'speaker-column': { type: 'string' },
  'text-column': { type: 'string' },
  'time-column': { type: 'string' },
  'code-columns': { type: 'string' },
  'goal-columns': { type: 'string' },
  'code-map': { type: 'string' },
  'csv-exact': { type: 'boolean', default: false },
  'split-by': { type: 'string' },
  'meta-columns': { type: 'string' },
  prefix: { type: 'string' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const IMPORT_USAGE = `Usage: session-md import <file> --from vtt|srt|csv|text|json|qdpx [options]

Turns a WebVTT, SRT, CSV, plain-text or WhisperX JSON transcript into .session.md
sessions: front matter, a title and one turn per utterance, without phase
headings; or a REFI-QDA project (.qdpx) into sessions and a codebook. Each result is checked like \`lint\`; any finding other than
phase-missing is reported. An input that names no speaker is not written (exit 1).

Options:
      --from <format>         (required) one of:
                                vtt   WebVTT: Zoom, Teams, Google Meet
                                srt   SubRip, also WhisperX's "[SPEAKER_00]: text"
                                      and whisper.cpp's "(speaker 0) text"
                                csv   one row per utterance (see below)
                                text  "Speaker: text" lines, Otter's "Speaker 1  0:03"
                                      and Rev's "Speaker 1 (00:03):" headings, Zoom
                                      chat, whisper.cpp's "[00:00:01.000 --> …]
                                      (speaker 0) text" and [SPEAKER_TURN] output
                                json  WhisperX (or Whisper) JSON: segments with
                                      "speaker" fields
                                qdpx  a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA,
                                      QualCoder, session-md export): see below
                              Speaker names become turn labels: "Jane Doe
                              (she/her)" is Jane Doe, "jane@example.org" is jane,
                              "Inglis, Jake" is Inglis Jake
  -o, --out <file or folder>  Write here (atomically) instead of stdout; a folder
                              gets <name>.session.md. Files are written only inside
                              that folder (for a file: the current folder, or the
                              file's own), never through a symbolic link out of it
      --force                 Overwrite existing files (never done otherwise; never
                              the input, a read-only file or one with hard links)
      --codebook <x>          Write codebook: <x> into the front matter (a built-in
                              name, or a path relative to the current folder)
      --role-map <map>        Speaker roles: "Dr Rivera=therapist,Sam=client",
                              by name as written ("Inglis, Jake=therapist") or by
                              turn label; a name that is no speaker is warned of.
                              Unmapped speakers named therapist or client keep
                              that role, others are 'other'
      --session <n>, --date <YYYY-MM-DD>, --client <id>, --title <text>
                              Front matter and title of the session(s)
      --keep-cues             vtt, srt, json: one turn per cue or segment (by
                              default consecutive ones of a speaker are one turn)
      --skip-bad-cues         vtt, srt: leave out a cue that cannot be read (a
                              timing such as 00:00:69.000, or text with no
                              timing), as browsers do; each is listed with its
                              line. By default its words are kept in the cue
                              before it, with a warning at its line
CSV (one row per utterance; other columns are ignored; fields separated by ',',
or by ';' or tabs when the header row has more of those). A CSV written by
session-md export is read back as its sessions (each 'file' to that path in
the --out folder), with roles, memos, phases, client, session, date and
codebook; what an export does not hold is named on stderr:
      --speaker-column <c>    Speaker name column (default: speaker)
      --text-column <c>       Utterance column (default: text)
      --time-column <c>       Start time column: hh:mm:ss, mm:ss or seconds
      --code-columns <a,b>    Columns of codes (several per cell with ';')
      --goal-columns <a,b>    Columns of goal ids (several per cell with ';'),
                              such as the goals column of session-md export;
                              each goal is declared in the front matter
      --code-map <map>        Rename code values: "therapist_input=input,n/a="
                              (an empty target drops the value)
      --csv-exact             Keep a leading ' in every cell. By default the '
                              that session-md export adds before a cell starting
                              with = + - @ (or ') is removed; use this for a CSV
                              from export --csv-exact or another tool whose cells
                              may start with such a '
      --split-by <c>          One session per value of this column, into the
                              --out folder: <prefix>-<value>.session.md
      --prefix <name>         File name prefix for --split-by (default: the
                              input's name)
      --meta-columns <a,b>    Transcript-level columns (the same on every row of
                              a session, such as AnnoMI's mi_quality,topic) to
                              write into each session's front matter as
                              <column>: <value>; a row that differs is warned
                              about and the first value kept. Then
                              session-md stats --by <column> groups by it
REFI-QDA project (--from qdpx; --out <folder> needed): each plain-text source
becomes a session: "## heading" lines are phase headings, "[time] Label: words"
lines turns (other lines continue the turn before them; a text that names no
speaker is one turn per line). A selection's codes are written where it ends,
in the turn it ends in; a note on a coding is the code's note, a note on a
selection a memo after its turn. Variables become front-matter fields; a case
holding a source gives its client and its variables; cases "#id" give goal
references. The codes (a code below another is parent.child) go into a
codebook file in the folder, which the sessions name. --role-map applies.
Pictures, PDFs, audio and video sources are left out, as said on stderr.
The zip is read with bounds (entries, unpacked size); a bad zip or XML is
reported with the entry, line and column to blame.
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(30))}
  -h, --help                  Show this help

Exit codes: 0 written, 1 a result has lint problems (or, nothing written, the
input names no speaker), 2 usage, input or I/O error.
`;

const CSV_ONLY = [
  'speaker-column',
  'text-column',
  'time-column',
  'code-columns',
  'goal-columns',
  'code-map',
  'split-by',
  'meta-columns',
  'prefix',
  'csv-exact',
] as const;

/** `session-md import`: reads one transcript file and writes it as one or more sessions to stdout or files. */
export async function importCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const from = checkArguments(values, positionals);
  const input = positionals[0]!;
  if (from === 'qdpx') return importProject(input, values, options);
  const read = await readImportInput(resolve(options.cwd, input), options.host, reading(from, values), sizeLimit(parseMaxFileSize(values['max-file-size'])));
  if ('failure' in read) return inputError(input, read.failure, options);
  if (read.splitBy !== undefined && values['out'] === undefined)
    throw new UsageError(`${input} is a session-md export of ${read.sources.length} sessions: give the folder to write them in with --out`);
  if (namesNoSpeaker(read)) {
    options.stderr.write(`session-md: ${input}: warning: ${NO_SPEAKER_NOTICE}\n`);
    return EXIT.problems;
  }
  const unmatched = unmatchedRolesNotice(read);
  if (unmatched !== undefined) options.stderr.write(`session-md: ${input}: warning: ${unmatched}\n`);
  const settings = sessionSettings(values, input);
  const plan = await planOutputs(read, settings, values, options);
  return writeSessions(plan, options, { force: values['force'] === true, input: resolve(options.cwd, input), inputShown: input });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function checkArguments(values: Record<string, unknown>, positionals: string[]): ImportFormat | 'qdpx' {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'import needs a file to read' : 'import reads one file at a time');
  const from = str(values['from']);
  const formats = [...IMPORT_FORMATS, 'qdpx'].join(', ');
  if (from === undefined) throw new UsageError(`import needs --from; use one of ${formats}`);
  if (!(IMPORT_FORMATS as readonly string[]).includes(from) && from !== 'qdpx') throw new UsageError(`unknown --from format '${from}'; use one of ${formats}`);
  for (const option of CSV_ONLY)
    if (from !== 'csv' && values[option] !== undefined && values[option] !== false) throw new UsageError(`--${option} applies to --from csv only`);
  if (values['keep-cues'] === true && from !== 'vtt' && from !== 'srt' && from !== 'json')
    throw new UsageError('--keep-cues applies to --from vtt, srt or json only');
  if (values['skip-bad-cues'] === true && from !== 'vtt' && from !== 'srt') throw new UsageError('--skip-bad-cues applies to --from vtt or srt only');
  if (values['split-by'] !== undefined && values['out'] === undefined)
    throw new UsageError('--split-by writes one file per session: give the folder with --out');
  return from as ImportFormat | 'qdpx';
}

// How the command line says the input reads.
function reading(format: ImportFormat, values: Record<string, unknown>): ImportReading {
  const roleMap = str(values['role-map']);
  const read: ImportReading = { format, keepCues: values['keep-cues'] === true, ...(roleMap !== undefined ? { roleMap } : {}) };
  if (values['skip-bad-cues'] === true) read.skipBadCues = true;
  if (format !== 'csv') return read;
  const columns = (option: string): string[] | undefined =>
    str(values[option])
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
  const optional = {
    timeColumn: str(values['time-column']),
    codeColumns: columns('code-columns'),
    goalColumns: columns('goal-columns'),
    codeMap: str(values['code-map']),
    splitBy: str(values['split-by']),
    metaColumns: columns('meta-columns'),
  };
  const csv = {
    speakerColumn: str(values['speaker-column']) ?? 'speaker',
    textColumn: str(values['text-column']) ?? 'text',
    exact: values['csv-exact'] === true,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(csv, { [key]: value });
  return { ...read, csv, restorePaths: true };
}

function sessionSettings(values: Record<string, unknown>, input: string): ImportSettings {
  const settings: ImportSettings = { inputName: basename(input) };
  const session = str(values['session']);
  if (session !== undefined) {
    if (!/^[1-9]\d*$/.test(session)) throw new UsageError(`--session needs a whole number of 1 or more, not '${session}'`);
    settings.session = Number(session);
  }
  const date = str(values['date']);
  if (date !== undefined) {
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      throw new UsageError(`--date needs a real date as YYYY-MM-DD, not '${date}'`);
    }
    settings.date = date;
  }
  for (const key of ['client', 'title', 'split-by', 'codebook'] as const) {
    const value = str(values[key]);
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${key} needs a value`);
  }
  for (const key of ['client', 'title', 'prefix'] as const) {
    const value = str(values[key]);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

function inputError(input: string, failure: ImportFailure, options: RunOptions): number {
  if (failure.kind === 'refused') options.stderr.write(`session-md: ${input}: ${failure.message}\n`);
  else if (failure.kind === 'unreadable') options.stderr.write(`session-md: cannot read ${input}: ${failure.reason}\n`);
  else options.stderr.write(`session-md: ${input}${failure.line === undefined ? '' : `:${failure.line}`}: ${failure.message}\n`);
  return EXIT.usage;
}
