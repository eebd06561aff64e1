import { isAbsolute, join } from 'node:path';
import { describeReadError, readDataFile, type FileHost } from '../host';
import type { YamlProblem } from '../model';
import { CODEBOOK_SIZE_LIMIT, parseCodebook, type Codebook } from './codebook';

/** The codebooks that ship with the tool, by the name used in `codebook:`. */
export const BUILTIN_CODEBOOKS = ['core', 'miti-4.2.1', 'misc-2.5', 'annomi'] as const;

/** A codebook reference resolved and loaded, or the reason it could not be. */
export interface LoadedCodebook {
  /** The file it came from. */
  path: string;
  /** The text of that file, so problems can be shown in context. */
  text?: string;
  codebook?: Codebook;
  /** Problems inside the codebook file, at their positions there. */
  problems: YamlProblem[];
  /** Set when the file could not be read at all. */
  readError?: string;
}

/** Loads codebooks through the host, once per file. */
export class CodebookLoader {
  private readonly cache = new Map<string, Promise<LoadedCodebook>>();

  constructor(private readonly host: FileHost) {}

  /** Resolves `ref` (a built-in name or a path relative to `baseDir`) to a file path. */
  resolve(ref: string, baseDir: string): string {
    if ((BUILTIN_CODEBOOKS as readonly string[]).includes(ref)) return join(this.host.builtinCodebookDir, `${ref}.codebook.yaml`);
    return isAbsolute(ref) ? ref : join(baseDir, ref);
  }

  /** Whether a path is one of the built-in codebook files. */
  isBuiltin(path: string): boolean {
    return BUILTIN_CODEBOOKS.some((name) => join(this.host.builtinCodebookDir, `${name}.codebook.yaml`) === path);
  }

  /** Loads the codebook `ref` names, relative to `baseDir`. */
  load(ref: string, baseDir: string): Promise<LoadedCodebook> {
    const path = this.resolve(ref, baseDir);
    let pending = this.cache.get(path);
    if (!pending) {
      pending = this.read(path);
      this.cache.set(path, pending);
    }
    return pending;
  }

  /** Forgets a file so the next load reads it again (after it changed on disk). */
  invalidate(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
  }

  private async read(path: string): Promise<LoadedCodebook> {
    let text: string;
    try {
      // The built-in codebooks ship with the tool: a low size limit meant for the user's files does not apply to them.
      text = this.isBuiltin(path) ? await this.host.readFile(path) : await readDataFile(this.host, path, CODEBOOK_SIZE_LIMIT);
    } catch (error) {
      return { path, problems: [], readError: describeReadError(error) };
    }
    const result = parseCodebook(text, path);
    const loaded: LoadedCodebook = { path, text, problems: result.problems };
    if (result.codebook) loaded.codebook = result.codebook;
    return loaded;
  }
}
