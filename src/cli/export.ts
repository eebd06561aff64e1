import { EXIT, type RunOptions } from './io';

/** The options `session-md export` accepts, for `parseArgs`. */
export const EXPORT_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const EXPORT_USAGE = `Usage: session-md export … (not built yet)
`;

/** `session-md export`: not built yet. */
export async function exportCommand(_values: Record<string, unknown>, _positionals: string[], options: RunOptions): Promise<number> {
  options.stderr.write('session-md: export is not available yet\n');
  return EXIT.usage;
}
