import { parseArgs } from 'node:util';
import type { Command } from './commands';
import { EXIT, isUsageError, UsageError, type RunOptions } from './io';
import { terminalOutput } from './terminal';
import { lintCommand, LINT_OPTIONS, LINT_USAGE } from './lint';
import { version } from '../../package.json';

const USAGE = `Usage: session-md <command> [options]

Commands:
  lint [paths or globs…]      Check *.session.md transcripts (folders are searched);
                              --codebook <x> checks them all against one codebook
  codebook check [paths…]     Validate *.codebook.yaml codebooks and libraries
  codebook list [--codebook <x>]
                              Print a codebook's codes as a table (default: core)
  snippets <library> [--out <file>]
                              Convert a library's snippets to a VS Code snippets file
  stats [paths…]              Counts, shares, durations and the codebook's summary scores
  goals [paths…]              Each goal's status and turns per session, per client
  export [paths…]             One row per turn (or coded utterance, --unit utterance)
                              as CSV or JSONL, for R or pandas; or a REFI-QDA project
                              for NVivo, ATLAS.ti, MAXQDA, QualCoder (--format qdpx)
  import <file> --from <fmt>  Turn a WebVTT, SRT, CSV or plain transcript, or a
                              REFI-QDA project (.qdpx), into sessions
  agree <fileA> <fileB> […]   Agreement between coders (κ, α; ICC given folders)
  query [paths…] -q <query>   The turns that meet a condition (code, phase, speaker,
                              field, text, memo; and, or, not), with --context
  memos [paths…]              Every memo with its session, phase and turn's codes
                              (--group-by session or code)
  cooccur [paths…]            Pairs of codes carried by the same turn (or volley)
  sequences [paths…]          Transitions from one role's codes to the next turn's
                              (--from, --to, --lag): counts, P, adjusted residuals

Options:
  -h, --help                  Show help (also: session-md <command> --help)
  -v, --version               Print the version

Exit codes: 0 clean, 1 problems found, 2 usage or I/O error.
`;

type ParseOptions = Command['options'];

const LINT: Command = { options: LINT_OPTIONS, usage: LINT_USAGE, run: lintCommand };

// The other commands are loaded only when asked for: a separate bundle (dist/commands.js) in the built CLI.
// (`require`, not `import()`: the bundles are CommonJS, and so is the source as the tests load it.)
const otherCommands = (): typeof import('./commands') => require('./commands') as typeof import('./commands');

/** Runs the CLI with the given arguments and streams, returning the exit code. */
export async function run(given: RunOptions): Promise<number> {
  // Every stderr message may name a file or repeat an argument, which can hold control characters.
  const options: RunOptions = { ...given, stderr: terminalOutput(given.stderr) };
  const [command, ...rest] = options.argv;
  try {
    // Asked-for help goes to stdout and succeeds; a missing command is a usage error, so its help goes to stderr.
    if (command === undefined) {
      options.stderr.write(USAGE);
      return EXIT.usage;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      options.stdout.write(USAGE);
      return EXIT.clean;
    }
    if (command === '-v' || command === '--version') {
      options.stdout.write(`${version}\n`);
      return EXIT.clean;
    }
    let selected = LINT;
    let args = rest;
    if (command !== 'lint') {
      const { COMMANDS, CODEBOOK_USAGE } = otherCommands();
      let name = command;
      if (command === 'codebook') {
        const [sub, ...subRest] = rest;
        if (sub === undefined) {
          options.stderr.write(CODEBOOK_USAGE);
          return EXIT.usage;
        }
        if (sub === '-h' || sub === '--help') {
          options.stdout.write(CODEBOOK_USAGE);
          return EXIT.clean;
        }
        if (!Object.hasOwn(COMMANDS, `codebook ${sub}`)) throw new UsageError(`unknown codebook command '${sub}'; use check or list`);
        name = `codebook ${sub}`;
        args = subRest;
      }
      if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command '${command}'`);
      selected = COMMANDS[name]!;
    }
    const parsed = parse(args, selected.options);
    if (parsed.values['help']) {
      options.stdout.write(selected.usage);
      return EXIT.clean;
    }
    return await selected.run(parsed.values, parsed.positionals, options);
  } catch (error) {
    if (isUsageError(error)) {
      options.stderr.write(`session-md: ${error.message}\nRun 'session-md --help' for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function parse(args: string[], config: ParseOptions) {
  try {
    return parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages name the option; drop its internal error code prefix.
    throw new UsageError(error instanceof Error ? error.message.replace(/^\w+: /, '') : String(error));
  }
}
