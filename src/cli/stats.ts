import { EXIT, type RunOptions } from './io';

/** The options `session-md stats` accepts, for `parseArgs`. */
export const STATS_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const STATS_USAGE = `Usage: session-md stats … (not built yet)
`;

/** `session-md stats`: not built yet. */
export async function statsCommand(_values: Record<string, unknown>, _positionals: string[], options: RunOptions): Promise<number> {
  options.stderr.write('session-md: stats is not available yet\n');
  return EXIT.usage;
}
