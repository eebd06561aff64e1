import { EXIT, type RunOptions } from './io';

/** The options `session-md import` accepts, for `parseArgs`. */
export const IMPORT_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const IMPORT_USAGE = `Usage: session-md import … (not built yet)
`;

/** `session-md import`: not built yet. */
export async function importCommand(_values: Record<string, unknown>, _positionals: string[], options: RunOptions): Promise<number> {
  options.stderr.write('session-md: import is not available yet\n');
  return EXIT.usage;
}
