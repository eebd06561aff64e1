// Every command but `lint`, which `run()` loads only when one of them is asked for: the bundled CLI
// ships them as dist/commands.js beside dist/cli.js, so a lint (a pre-commit hook, a CI gate)
// never compiles the import, export, agreement, query and statistics code.
import type { parseArgs } from 'node:util';
import { CODEBOOK_CHECK_OPTIONS, CODEBOOK_CHECK_USAGE, CODEBOOK_USAGE, codebookCheckCommand } from './codebook';
import { CODEBOOK_LIST_OPTIONS, CODEBOOK_LIST_USAGE, codebookListCommand } from './codebookList';
import type { RunOptions } from './io';
import { snippetsCommand, SNIPPETS_OPTIONS, SNIPPETS_USAGE } from './snippets';
import { statsCommand, STATS_OPTIONS, STATS_USAGE } from './stats';
import { goalsCommand, GOALS_OPTIONS, GOALS_USAGE } from './goals';
import { exportCommand, EXPORT_OPTIONS, EXPORT_USAGE } from './export';
import { importCommand, IMPORT_OPTIONS, IMPORT_USAGE } from './import';
import { agreeCommand, AGREE_OPTIONS, AGREE_USAGE } from './agree';
import { queryCommand, QUERY_OPTIONS, QUERY_USAGE } from './query';
import { memosCommand, MEMOS_OPTIONS, MEMOS_USAGE } from './memos';
import { cooccurCommand, COOCCUR_OPTIONS, COOCCUR_USAGE } from './cooccur';
import { sequencesCommand, SEQUENCES_OPTIONS, SEQUENCES_USAGE } from './sequences';

export { CODEBOOK_USAGE };

type ParseOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** A subcommand: its `parseArgs` options, its help text and what it does. */
export interface Command {
  options: ParseOptions;
  usage: string;
  run(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number>;
}

/** The commands other than `lint`, by name (`codebook check` with its subcommand). */
export const COMMANDS: Record<string, Command> = {
  'codebook check': { options: CODEBOOK_CHECK_OPTIONS, usage: CODEBOOK_CHECK_USAGE, run: codebookCheckCommand },
  'codebook list': { options: CODEBOOK_LIST_OPTIONS, usage: CODEBOOK_LIST_USAGE, run: codebookListCommand },
  snippets: { options: SNIPPETS_OPTIONS, usage: SNIPPETS_USAGE, run: snippetsCommand },
  stats: { options: STATS_OPTIONS, usage: STATS_USAGE, run: statsCommand },
  goals: { options: GOALS_OPTIONS, usage: GOALS_USAGE, run: goalsCommand },
  export: { options: EXPORT_OPTIONS, usage: EXPORT_USAGE, run: exportCommand },
  import: { options: IMPORT_OPTIONS, usage: IMPORT_USAGE, run: importCommand },
  agree: { options: AGREE_OPTIONS, usage: AGREE_USAGE, run: agreeCommand },
  query: { options: QUERY_OPTIONS, usage: QUERY_USAGE, run: queryCommand },
  memos: { options: MEMOS_OPTIONS, usage: MEMOS_USAGE, run: memosCommand },
  cooccur: { options: COOCCUR_OPTIONS, usage: COOCCUR_USAGE, run: cooccurCommand },
  sequences: { options: SEQUENCES_OPTIONS, usage: SEQUENCES_USAGE, run: sequencesCommand },
};
