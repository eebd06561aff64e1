import { basename, extname, sep } from 'node:path';
import { exportQdc, exportQdpx, type ProjectInput } from '../core';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { emitOutput } from './outputFile';
import { readTranscripts } from './readTranscripts';

/** The REFI-QDA formats of `session-md export`: a whole project (.qdpx) or the codebook alone (.qdc). */
export const PROJECT_FORMATS = ['qdpx', 'qdc'] as const;

/** `session-md export --format qdpx|qdc`: the transcripts as a REFI-QDA project, or their codebook, written to `--out` (a .qdc may go to stdout). */
export async function exportProject(format: 'qdpx' | 'qdc', values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  if (values['unit'] !== 'turn') throw new UsageError(`--unit applies to --format csv or jsonl only; a ${format} holds every turn and coded utterance`);
  for (const option of ['bom', 'csv-exact']) if (values[option] === true) throw new UsageError(`--${option} applies to --format csv only`);
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  if (out === '') throw new UsageError('--out needs a file name');
  if (out === undefined && format === 'qdpx') throw new UsageError('--format qdpx writes a zip file: name it with --out, such as --out study.qdpx');
  if (values['force'] === true && out === undefined) throw new UsageError('--force applies to --out only');
  const { transcripts, ioError } = await readTranscripts(positionals, values, options);
  const inputs: ProjectInput[] = transcripts.map(({ path, linted }) => ({
    file: displayPath(path, options.cwd).split(sep).join('/'),
    session: linted.session,
    ...(linted.codesInForce ? { codebook: linted.codesInForce } : {}),
  }));
  let content: string | Uint8Array;
  if (format === 'qdpx') content = exportQdpx(inputs, basename(out!, extname(out!)));
  else {
    const codebook = exportQdc(inputs);
    if (codebook === undefined) {
      options.stderr.write('session-md: no codebook and no codes in these transcripts, so there is no codebook to export\n');
      return EXIT.usage;
    }
    content = codebook;
  }
  const refused = await emitOutput(content, out, values, transcripts, options);
  if (refused !== undefined) return refused;
  return ioError ? EXIT.usage : EXIT.clean;
}
