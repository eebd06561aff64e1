import { computeStatistics, NO_VALUE, NOT_SINGLE_VALUE, type StatsReport } from '../core';
import { displayPath } from './files';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';
import { readTranscripts } from './readTranscripts';
import { applyGate, cutToSegment, gateOption, segmentHeading, segmentOption } from './statsGate';
import { jsonText, terminalText } from './terminal';
import { statsCsv, statsTable } from './statsFormat';

/** The options `session-md stats` accepts, for `parseArgs`. */
export const STATS_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  by: { type: 'string', default: 'phase' },
  codebook: { type: 'string' },
  'fail-below': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const STATS_USAGE = `Usage: session-md stats [paths or globs…] [options]

Counts turns, words, speakers, roles, codes and goals per session and per phase, the
duration from the timestamps, the summary scores the codebook declares (MITI 4.2.1:
Technical, Relational, R:Q, %CR and MI totals, judged against the manual's thresholds),
the measure scores the front matter records (PHQ-9: 14, with its band where the codebook
or config declares cut-offs), the length of the recording that media: names and the share
of it the timestamps span, and totals per client or course (or per value of a front-matter field) and overall.
Folders are searched for *.session.md; with no paths, the current folder is.

Options:
  -f, --format <name>     table (default), csv or json
      --by <level|field>  phase (default: sessions and their phases), session (sessions
                          only), or any other front-matter field to total by its values
                          instead of by client, e.g. --by mi_quality (a.b reads b inside
                          a); sessions without it form the group (none), and a list or
                          mapping value the group (not a single value), with a warning
      --codebook <x>      Count every file with this codebook (a built-in name or a
                          path relative to the current folder)
      --from <time>       Score only the coded segment from this time (hh:mm:ss or
      --to <time>         mm:ss) to before that one: the turns whose time falls in it,
                          a turn without a timestamp taking the time of the one
                          before it (00:00:00 before the first). A session without
                          timestamps is named and left out (exit 2)
      --fail-below <level>
                          Exit 1 when a score that a session's codebook judges
                          (MITI 4.2.1: Technical, Relational, R:Q, %CR) is below
                          fair or good, naming the session and score on stderr:
                          a fidelity gate for CI. Scores that cannot be computed
                          are named, not failed
  -c, --config <file>     Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE}
  -h, --help              Show this help

JSON: {"sessions":[…],"groups":[…],"corpus":{…}}, with --by <field> also "groupedBy"; CSV:
one row per session, phase, group and corpus, told apart by the "level" column.
docs/research.md explains each key.

Exit codes: 0 done (every judged score at or above --fail-below), 1 a score below
--fail-below, 2 usage or I/O error (a file, config or codebook that cannot be read, a
session without timestamps for --from/--to); 2 wins over 1.
`;

const FORMATS = ['table', 'csv', 'json'] as const;
type StatsFormat = (typeof FORMATS)[number];
// `--by` names a level of detail, or else a front-matter field to group the totals by.
const LEVELS = ['session', 'phase'] as const;

/** `session-md stats`: reads transcripts, prints their statistics as a table, CSV or JSON and returns the exit code. */
export async function statsCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as StatsFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const by = String(values['by']).trim();
  if (by === '') throw new UsageError('--by needs session, phase or a front-matter field');
  const field = (LEVELS as readonly string[]).includes(by) ? undefined : by;
  const segment = segmentOption(values);
  const gate = gateOption(values);
  const read = await readTranscripts(positionals, values, options);
  const { transcripts, untimed } = segment ? cutToSegment(read.transcripts, segment, options) : { transcripts: read.transcripts, untimed: false };
  const report = computeStatistics(transcripts, (path) => displayPath(path, options.cwd), field);
  warnGroupedBy(report, options);
  const phases = by === 'phase';
  if (format === 'json') options.stdout.write(jsonText({ ...(segment ? { segment } : {}), ...(phases ? report : withoutPhases(report)) }, 2) + '\n');
  else if (format === 'csv') options.stdout.write(statsCsv(report, phases));
  else options.stdout.write(terminalText((segment && report.sessions.length > 0 ? segmentHeading(segment) : '') + statsTable(report, phases)));
  const below = gate !== undefined && applyGate(report, gate, options);
  return read.ioError || untimed ? EXIT.usage : below ? EXIT.problems : EXIT.clean;
}

// A field no session has is likely misspelt; a list or mapping names no one group, so those sessions are totalled apart.
function warnGroupedBy({ groupedBy, sessions }: StatsReport, options: RunOptions): void {
  if (!groupedBy) return;
  const { field, notSingleValue: files } = groupedBy;
  if (sessions.length > 0 && sessions.every((s) => s.group === NO_VALUE)) {
    options.stderr.write(`session-md: warning: no session has the front-matter field '${field}'; all are totalled in the group ${NO_VALUE}\n`);
  }
  if (files.length === 0) return;
  const more = files.length > 1 ? ` and ${files.length - 1} more` : '';
  options.stderr.write(
    `session-md: warning: ${files[0]}${more}: '${field}' is a list or mapping, not a single value; totalled in the group ${NOT_SINGLE_VALUE}\n`,
  );
}

/** The report without the per-phase level, for `--by session` or a field. */
function withoutPhases(report: StatsReport): object {
  return { ...report, sessions: report.sessions.map(({ phases: _phases, ...session }) => session) };
}
