import { resolve } from 'node:path';
import { checkTranscriptText, ConfigLoadError, ConfigResolver, decodeTranscript, describeReadError, parseSession, type Session } from '../core';
import { displayPath, selectFiles } from './files';
import { nodeFs, UsageError, type RunOptions } from './io';
import { createNodeHost } from './nodeHost';

/** A transcript read and parsed with its configured phase model, under the path the user sees. */
export interface ReadSession {
  path: string;
  display: string;
  session: Session;
}

/**
 * Reads the transcripts that paths, folders and globs name (as `lint` does), each parsed with
 * the phase model of its `.sessionmdrc.yaml` (or of `--config`). Problems go to stderr;
 * `failed` is set when a path matched nothing or a file or config could not be read.
 */
export async function readSessions(paths: string[], config: string | undefined, options: RunOptions): Promise<{ sessions: ReadSession[]; failed: boolean }> {
  const fs = options.fs ?? nodeFs;
  const configPath = config === undefined ? undefined : resolve(options.cwd, config);
  if (configPath && !(await fs.stat(configPath).then((s) => s.isFile()).catch(() => false))) throw new UsageError(`config file not found: ${config}`);
  const configs = new ConfigResolver(createNodeHost(options.builtinCodebookDir), configPath);
  const { files, missing } = await selectFiles(paths.length > 0 ? paths : ['.'], options.cwd);
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);
  const sessions: ReadSession[] = [];
  let failed = missing.length > 0;
  for (const path of files) {
    const display = displayPath(path, options.cwd);
    const problem = (message: string): void => {
      options.stderr.write(`session-md: ${display}: ${message}\n`);
      failed = true;
    };
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(path);
    } catch (error) {
      problem(`cannot read this file: ${describeReadError(error)}`);
      continue;
    }
    const decoded = decodeTranscript(bytes);
    const unfit = 'problem' in decoded ? decoded.problem : checkTranscriptText(decoded.text);
    if (unfit || !('text' in decoded)) {
      problem(unfit?.message ?? 'cannot read this file');
      continue;
    }
    try {
      const phases = (await configs.forFile(path)).phases;
      sessions.push({ path, display, session: parseSession(decoded.text, phases === undefined ? {} : { phases }) });
    } catch (error) {
      if (!(error instanceof ConfigLoadError)) throw error;
      problem(`invalid config: ${error.message}`);
    }
  }
  return { sessions, failed };
}
