import { parseArgs } from 'node:util';
import { EXIT, UsageError, type RunOptions } from './io';
import { lintCommand, LINT_OPTIONS, LINT_USAGE } from './lint';
import { version } from '../../package.json';

const USAGE = `Usage: session-md <command> [options]

Commands:
  lint [paths or globs…]   Check *.session.md transcripts (folders are searched)

Options:
  -h, --help               Show help (also: session-md <command> --help)
  -v, --version            Print the version

Exit codes: 0 clean, 1 problems found, 2 usage or I/O error.
`;

/** Runs the CLI with the given arguments and streams, returning the exit code. */
export async function run(options: RunOptions): Promise<number> {
  const [command, ...rest] = options.argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      options.stdout.write(USAGE);
      return command === undefined ? EXIT.usage : EXIT.clean;
    }
    if (command === '-v' || command === '--version') {
      options.stdout.write(`${version}\n`);
      return EXIT.clean;
    }
    if (command === 'lint') {
      const parsed = parse(rest, LINT_OPTIONS);
      if (parsed.values['help']) {
        options.stdout.write(LINT_USAGE);
        return EXIT.clean;
      }
      return await lintCommand(parsed.values, parsed.positionals, options);
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      options.stderr.write(`session-md: ${error.message}\nRun 'session-md --help' for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function parse(args: string[], config: NonNullable<Parameters<typeof parseArgs>[0]>['options']) {
  try {
    return parseArgs({ args, options: config ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages name the option; drop its internal error code prefix.
    throw new UsageError(error instanceof Error ? error.message.replace(/^\w+: /, '') : String(error));
  }
}
