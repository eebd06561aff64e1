import { dirname, relative, resolve, sep } from 'node:path';
import { courseFingerprint, FolderCourses, refusalOf, type FileReport, type Linter } from '../core';
import { version } from '../../package.json';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import type { CliLinterOptions } from './cliLinter';
import { ignoreInGit } from './gitignore';
import { DEFAULT_MAX_FILE_SIZE, sizeLimit } from './fileSize';
import type { CliHost } from './host';
import type { Output } from './io';
import { contentHash, hasSafeFixes, isIoError, type FileOutcome } from './lintFile';

// `lint --cache`: each file's outcome stored under the SHA-1 of its bytes and of everything else its
// findings depend on, so a warm run reads and hashes files but parses only those that changed.
//
// The file is one JSON document with short keys, written once at the end, atomically:
//   {"sessionmd":"lint-cache","v":2,"k":<run key>,"c":[<codebook results>],"f":{<path>:[<content hash>,<env hash>,[<deps>],<findings>,[<codebook result indexes>],<has safe fixes: 0 or 1>]}}
// It holds no transcript text of its own: findings are stored without their fixes (whose edits
// carry replacement text, such as a pseudonym) and only a flag says that `--fix` would change the
// file. Messages are stored as the rules wrote them.
// Paths are relative to the cache file's folder. The run key covers the tool version, the cache
// folder and the linter's options (--config, --codebook, the libraries found); an entry's env hash
// covers the contents of the config files that apply to it (ResolvedConfig.files, which lists the pii name list and pseudonym map too) and of the
// codebook and library files its findings came from (deps), and what the course rules read of the
// other sessions of its course (their front matter: a session added, removed or changed; see
// `courseFingerprint`). Any change there is a miss. A transcript that names a recording (`media:`)
// also lists it among its deps as `media:<path>`, hashed by what a stat says (there or not, size,
// time), never by its bytes: a recording that appears, goes or changes is a miss too.

/** The cache file's name in the current folder when `--cache-location` is not given. */
export const DEFAULT_CACHE_FILE = '.sessionmd-cache';
const MAGIC = '{"sessionmd":"lint-cache"';
const MEDIA_DEP = 'media:';
const FORMAT = 3;

type Entry = [hash: string, env: string, deps: string[], findings: FileOutcome['findings'], codebooks: number[], fixable: 0 | 1];

interface CacheData {
  sessionmd: 'lint-cache';
  v: number;
  k: string;
  c: [path: string, findings: FileOutcome['findings']][];
  f: Record<string, Entry>;
}

/** A lint cache: loaded once, looked up per file, stored into, saved once. */
export class LintCache {
  private readonly dir: string;
  private readonly entries: Map<string, Entry>;
  private readonly codebooks: FileReport[];
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly codebookKeys = new Map<string, number>();
  // The courses of the folders looked up, read once per run as the linter reads them.
  private readonly courses: FolderCourses | undefined;
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly root: string,
    private readonly key: string,
    data: CacheData | undefined,
    private readonly writable: boolean,
    private readonly host: CliHost,
    /** The largest config, codebook or library file hashed (`--max-file-size`); larger ones, FIFOs and devices hash as unreadable. */
    private readonly maxFileSize = DEFAULT_MAX_FILE_SIZE,
  ) {
    this.dir = dirname(path);
    this.codebooks = (data?.c ?? []).map(([p, findings]) => ({ path: resolve(this.dir, p), findings }));
    this.entries = new Map(Object.entries(data?.f ?? {}));
    const { transcriptsIn, readHead } = host;
    this.courses = transcriptsIn && readHead ? new FolderCourses({ transcriptsIn, readHead }) : undefined;
  }

  /** Opens the cache at `path` (to be written only inside `root`); a missing file is an empty cache, a corrupt or foreign one is ignored with a note on stderr. */
  static async open(path: string, root: string, linterOptions: CliLinterOptions, host: CliHost, stderr: Output): Promise<LintCache> {
    const key = contentHash(JSON.stringify([version, FORMAT, dirname(path), linterOptions]));
    const limit = linterOptions.maxFileSize;
    // A FIFO or a device (a link to /dev/zero) in the cache's place is neither read nor written over.
    const special = refusalOf(await host.stat(path), sizeLimit(Number.MAX_SAFE_INTEGER));
    if (special) {
      stderr.write(`session-md: ignoring the cache ${path}: ${special.replace(/^N/, 'n')}; it is left as it is\n`);
      return new LintCache(path, root, key, undefined, false, host, limit);
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await host.readBytes(path));
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (code !== 'ENOENT') stderr.write(`session-md: ignoring the cache ${path}: ${code ?? String(error)}\n`);
      return new LintCache(path, root, key, undefined, code === 'ENOENT', host, limit);
    }
    if (text.trim() !== '' && !text.startsWith(MAGIC)) {
      stderr.write(`session-md: ignoring ${path}: it is not a session-md cache, so it is left as it is\n`);
      return new LintCache(path, root, key, undefined, false, host, limit);
    }
    let data: CacheData | undefined;
    try {
      data = JSON.parse(text) as CacheData;
      if (!isCacheData(data)) throw new Error('unexpected shape');
    } catch {
      stderr.write(`session-md: ignoring the cache ${path}: it is corrupt; it will be rewritten\n`);
      return new LintCache(path, root, key, undefined, true, host, limit);
    }
    // Another version of the tool or other options: start afresh, silently.
    return new LintCache(path, root, key, data.v === FORMAT && data.k === key ? data : undefined, true, host, limit);
  }

  /** The stored outcome of a file whose bytes and dependencies are unchanged; undefined for a miss (and always when `--fix` would change it). */
  async lookup(file: string, linter: Linter, fix: boolean, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<FileOutcome | undefined> {
    const entry = this.entries.get(this.relative(file));
    if (!entry) return undefined;
    // A file that grew past the limit is not read to be hashed; linting it reports the size.
    if (refusalOf(await this.host.stat(file), sizeLimit(maxFileSize))) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await this.host.readBytes(file);
    } catch {
      return undefined;
    }
    const [hash, env, deps, findings, codebooks, fixable] = entry;
    if (contentHash(bytes) !== hash) return undefined;
    const current = await this.envHash(file, deps, linter, await this.courseOf(file, bytes));
    if (current !== env || (fix && fixable === 1)) return undefined;
    const media = deps.find((d) => d.startsWith(MEDIA_DEP));
    return {
      path: file,
      findings,
      codebooks: codebooks.map((i) => this.codebooks[i]!).filter((c) => c !== undefined),
      hash,
      deps: deps.filter((d) => !d.startsWith(MEDIA_DEP)).map((d) => resolve(this.dir, d)),
      ...(media ? { media: resolve(this.dir, media.slice(MEDIA_DEP.length)) } : {}),
    };
  }

  /** Stores a file's fresh outcome; outcomes with I/O or config errors are not stored. */
  async store(file: string, outcome: FileOutcome, linter: Linter): Promise<void> {
    const key = this.relative(file);
    if (outcome.hash === undefined || isIoError(outcome) || outcome.problem?.kind === 'config') {
      this.changed = this.entries.delete(key) || this.changed;
      return;
    }
    const deps = [...(outcome.deps ?? []).map((d) => this.relative(d)), ...(outcome.media ? [MEDIA_DEP + this.relative(outcome.media)] : [])];
    const env = await this.envHash(file, deps, linter, outcome.course ?? '');
    if (env === undefined) return;
    const codebooks = (outcome.codebooks ?? []).map((c) => this.codebookIndex({ path: c.path, findings: withoutFixes(c.findings) }));
    this.entries.set(key, [outcome.hash, env, deps, withoutFixes(outcome.findings), codebooks, hasSafeFixes(outcome.findings) ? 1 : 0]);
    this.changed = true;
  }

  /** Writes the cache (once, atomically) if anything changed; a failure is a note on stderr, not an error. */
  async save(stderr: Output): Promise<void> {
    if (!this.changed || !this.writable) return;
    // Keep only the codebook results that entries still point at, renumbered.
    const used = new Map<number, number>();
    const c: CacheData['c'] = [];
    const f: Record<string, Entry> = {};
    for (const [path, [hash, env, deps, findings, codebooks, fixable]] of this.entries) {
      const indexes = codebooks.map((i) => {
        if (!used.has(i)) {
          used.set(i, c.length);
          c.push([this.relative(this.codebooks[i]!.path), this.codebooks[i]!.findings]);
        }
        return used.get(i)!;
      });
      f[path] = [hash, env, deps, findings, indexes, fixable];
    }
    const data: CacheData = { sessionmd: 'lint-cache', v: FORMAT, k: this.key, c, f };
    const created = (await this.host.lstat(this.path)) === undefined;
    try {
      await writeFileAtomic(this.host, this.path, JSON.stringify(data), { root: this.root });
    } catch (error) {
      const why = error instanceof WriteRefused ? error.message : ((error as { code?: string } | null)?.code ?? String(error));
      stderr.write(`session-md: cannot write the cache ${this.path}: ${why}\n`);
      return;
    }
    if (created) await ignoreInGit(this.host, this.path, stderr);
  }

  private codebookIndex(result: FileReport): number {
    if (this.codebookKeys.size === 0) this.codebooks.forEach((c, i) => this.codebookKeys.set(JSON.stringify(c), i));
    const json = JSON.stringify(result);
    let index = this.codebookKeys.get(json);
    if (index === undefined) {
      index = this.codebooks.push(result) - 1;
      this.codebookKeys.set(json, index);
    }
    return index;
  }

  // What the course rules would read of the other sessions of the file's course now, its own record taken from the bytes read.
  private async courseOf(file: string, bytes: Uint8Array): Promise<string> {
    if (!this.courses) return '';
    return courseFingerprint(await this.courses.courseOf(this.courses.sessionFromBytes(file, bytes)));
  }

  // The hash of what besides its bytes a file's findings depend on: its config files, its codebooks and libraries (relative paths) and its course; undefined when the config is broken.
  private async envHash(file: string, deps: string[], linter: Linter, course: string): Promise<string | undefined> {
    let configFiles: string[];
    try {
      configFiles = (await linter.configs.forFile(file)).files;
    } catch {
      return undefined;
    }
    const parts: string[] = [];
    for (const path of [...configFiles.map((c) => this.relative(c)), '|', ...deps])
      parts.push(
        path,
        path === '|'
          ? ''
          : path.startsWith(MEDIA_DEP)
            ? await this.statHash(resolve(this.dir, path.slice(MEDIA_DEP.length)))
            : await this.fileHash(resolve(this.dir, path)),
      );
    parts.push('|course', course);
    return contentHash(parts.join('\n'));
  }

  // A recording is never read to be hashed: whether it is there, its size and its time stand for it.
  private async statHash(path: string): Promise<string> {
    const stat = await this.host.stat(path);
    return stat ? `${stat.isFile ? 'file' : 'other'}:${stat.size}:${stat.mtimeMs}` : '-';
  }

  private fileHash(path: string): Promise<string> {
    let pending = this.hashes.get(path);
    if (!pending) {
      pending = this.host
        .stat(path)
        .then((stat) => (refusalOf(stat, sizeLimit(this.maxFileSize)) ? '-' : this.host.readBytes(path).then(contentHash, () => '-')));
      this.hashes.set(path, pending);
    }
    return pending;
  }

  private relative(path: string): string {
    return relative(this.dir, path).split(sep).join('/');
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info']);
const isPoint = (p: unknown): boolean =>
  typeof p === 'object' && p !== null && ['line', 'column', 'offset'].every((k) => typeof (p as Record<string, unknown>)[k] === 'number');
const isFinding = (f: unknown): boolean => {
  const x = f as Record<string, unknown> | null;
  if (typeof x !== 'object' || x === null || typeof x['ruleId'] !== 'string' || typeof x['message'] !== 'string' || !SEVERITIES.has(x['severity'] as string))
    return false;
  const range = x['range'] as Record<string, unknown> | null;
  return typeof range === 'object' && range !== null && isPoint(range['start']) && isPoint(range['end']) && x['fixes'] === undefined;
};
const isStrings = (a: unknown): boolean => Array.isArray(a) && a.every((x) => typeof x === 'string');
// A finding as the output formats need it: no fixes, whose edits carry replacement text.
const withoutFixes = (findings: FileOutcome['findings']): FileOutcome['findings'] =>
  findings.map(({ ruleId, severity, message, range }) => ({ ruleId, severity, message, range }));
const isFindings = (a: unknown): boolean => Array.isArray(a) && a.every(isFinding);

// Whether a parsed cache has the shape this version writes, down to each finding, so a damaged one is never used.
function isCacheData(data: unknown): data is CacheData {
  const d = data as Partial<CacheData> | null;
  if (typeof d !== 'object' || d === null || typeof d.f !== 'object' || d.f === null || !Array.isArray(d.c)) return false;
  const codebooks = d.c;
  if (!codebooks.every((c) => Array.isArray(c) && typeof c[0] === 'string' && isFindings(c[1]))) return false;
  return Object.values(d.f).every(
    (e) =>
      Array.isArray(e) &&
      e.length === 6 &&
      typeof e[0] === 'string' &&
      typeof e[1] === 'string' &&
      isStrings(e[2]) &&
      isFindings(e[3]) &&
      Array.isArray(e[4]) &&
      e[4].every((i) => Number.isInteger(i) && i >= 0 && i < codebooks.length) &&
      (e[5] === 0 || e[5] === 1),
  );
}
