import { dirname } from 'node:path';
import { goalProgress } from '../core';
import { displayPath } from './files';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { goalsCsv, goalsJson, goalsTable } from './goalsFormat';
import { EXIT, UsageError, type RunOptions } from './io';
import { emitOutput, OUT_USAGE, outputOption } from './outputFile';
import { readTranscripts } from './readTranscripts';
import { jsonText, terminalText } from './terminal';

/** The options `session-md goals` accepts, for `parseArgs`. */
export const GOALS_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const GOALS_USAGE = `Usage: session-md goals [paths or globs…] [options]

Shows how each goal moved over a course of therapy: per client (or course, when
the front matter names no client) and folder, a row per goal and a column per
session in session order, each cell the goal's status as that session's front
matter declares it and the number of turns that address it ({#id}). Folders are
searched for *.session.md; with no paths, the current folder is.

Options:
  -f, --format <name>   table (default), csv (a row per goal and session, cells
                        starting with = + - @ get a leading ') or json
${OUT_USAGE}
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

JSON: {"courses":[{"course":…,"sessions":[…],"goals":[{"id":…,"cells":[…]}]}]},
a goal's cells in the order of the sessions; docs/research.md explains each key
and column.

Exit codes: 0 done, 2 usage or I/O error (the other files are still shown).
`;

const FORMATS = ['table', 'csv', 'json'] as const;
type GoalsFormat = (typeof FORMATS)[number];

/** `session-md goals`: reads transcripts, prints each course's goals over its sessions as a table, CSV or JSON and returns the exit code. */
export async function goalsCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as GoalsFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const out = outputOption(values, format);
  const read = await readTranscripts(positionals, values, options);
  const courses = goalProgress(
    read.transcripts.map((t) => ({
      file: displayPath(t.path, options.cwd),
      folder: dirname(t.path) === options.cwd ? '.' : displayPath(dirname(t.path), options.cwd),
      session: t.linted.session,
    })),
  );
  const text = format === 'json' ? jsonText(goalsJson(courses), 2) + '\n' : format === 'csv' ? goalsCsv(courses) : terminalText(goalsTable(courses));
  const refused = await emitOutput(text, out, values, read.transcripts, options);
  if (refused !== undefined) return refused;
  return read.ioError ? EXIT.usage : EXIT.clean;
}
