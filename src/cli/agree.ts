import { EXIT, type RunOptions } from './io';

/** The options `session-md agree` accepts, for `parseArgs`. */
export const AGREE_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const AGREE_USAGE = `Usage: session-md agree … (not built yet)
`;

/** `session-md agree`: not built yet. */
export async function agreeCommand(_values: Record<string, unknown>, _positionals: string[], options: RunOptions): Promise<number> {
  options.stderr.write('session-md: agree is not available yet\n');
  return EXIT.usage;
}
