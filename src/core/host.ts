/** What is at a path: a regular file, a folder, or something else (a FIFO, a device, a socket), and its size in bytes. */
export interface FileStat {
  /** A regular file. */
  isFile: boolean;
  isDirectory: boolean;
  size?: number;
  /** For what is neither a regular file nor a folder: `a FIFO`, `a device`, `a socket`. */
  special?: string;
}

/** What a media file's header tells, read without decoding the recording. */
export interface MediaHeader {
  durationSeconds?: number;
  /** The container as the metadata library names it, such as `WAVE`, `MPEG`, `M4A/mp42`. */
  container?: string;
  /** The audio codec, such as `PCM`, `MPEG 1 Layer 3`, `MPEG-4/AAC`. */
  codec?: string;
}

/** How a front end asks music-metadata for a recording's header: never decode or scan the audio (`duration: false`), skip covers and trailing tags, so a long recording costs a few reads. */
export const MEDIA_HEADER_OPTIONS = { duration: false, skipCovers: true, skipPostHeaders: true } as const;

/**
 * The most bytes of a recording its header is read from. A damaged or hostile header can claim a
 * chunk of gigabytes, which the metadata library would read (and hold) in full: it gets this head
 * and the file's size instead, enough for the headers of WAV, MP3 (an ID3 tag with a cover
 * included), FLAC, Ogg and WebM. An MP4 whose index comes at the end then has no known duration.
 */
export const MEDIA_HEAD_BYTES = 8 * 1024 * 1024;

/** The header a front end's metadata reader found (its `format`), as the media rules read it. */
export function mediaHeaderOf(format: { duration?: number; container?: string; codec?: string }): MediaHeader {
  const header: MediaHeader = {};
  if (format.duration !== undefined) header.durationSeconds = format.duration;
  if (format.container) header.container = format.container;
  if (format.codec) header.codec = format.codec;
  return header;
}

/** The largest config, codebook, library or pii file the core reads, and the option or setting that sets it (for messages). */
export interface FileSizeLimit {
  bytes: number;
  setting: string;
}

/** The file access the core needs; the CLI and the extension each pass their own. Writing stays with them. */
export interface FileHost {
  /** Reads a UTF-8 text file (a config, codebook, library or pii file); rejects with an error carrying `code` (`ENOENT`, `EACCES`, …) when it cannot. */
  readFile(path: string): Promise<string>;
  /** Reads a file's bytes undecoded (a transcript, an import's input), rejecting as `readFile` does. */
  readBytes(path: string): Promise<Uint8Array>;
  /** What is at a path, or undefined when nothing is (or it cannot be told). */
  stat(path: string): Promise<FileStat | undefined>;
  /** The folder that holds the built-in `*.codebook.yaml` files. */
  builtinCodebookDir: string;
  /** Files larger than this are refused without being read; no limit when absent. */
  maxFileSize?: FileSizeLimit;
  /** The path with every symbolic link resolved (a media file is refused when that leaves its workspace folder); rejects when nothing is there. */
  realpath?(path: string): Promise<string>;
  /** Reads a recording's header (duration, codec) without decoding the recording; rejects when it cannot. */
  readMediaHeader?(path: string): Promise<MediaHeader>;
  /** The folder a transcript's `media:` file must stay inside: its workspace folder; the transcript's folder when absent. */
  mediaRoot?(transcriptPath: string): string;
}

/** What a listing looks for inside the folders it is given: transcripts (`*.session.md`) or codebooks (`*.codebook.yaml`). */
export type ListedKind = 'transcripts' | 'codebooks';

/** The files a listing found, sorted and unique, and the paths that named nothing. */
export interface FileListing {
  /** Absolute paths. */
  files: string[];
  /** The paths given that named no file, folder or match, as given. */
  missing: string[];
  /** For each file, the folder it was listed under: the folder given that holds it, or for a file given by itself a folder the host chooses. */
  roots: Map<string, string>;
}

/** A host that can also list the transcripts and libraries under the folders a user names: the CLI's command line, the editor's workspace. */
export interface WorkspaceHost extends FileHost {
  /** Expands `paths` (relative to `baseDir`): a file passes through, a folder is searched for files of `kind` (transcripts by default). */
  listFiles(paths: readonly string[], baseDir: string, kind?: ListedKind): Promise<FileListing>;
  /** The technique libraries (`*.codebook.yaml`) inside the folders among `paths` (relative to `baseDir`); files named directly are not libraries. */
  findLibraries(paths: readonly string[], baseDir: string): Promise<string[]>;
}

/**
 * Why a transcript (or another file that is read whole) must not be opened: it is no regular file
 * (opening a FIFO waits for ever, a device such as /dev/zero never ends) or it is larger than the
 * limit. Undefined when it may be read, and when nothing is there or it is a folder: the read says so.
 */
export function refusalOf(stat: FileStat | undefined, limit: FileSizeLimit): string | undefined {
  if (!stat || stat.isDirectory) return undefined;
  if (!stat.isFile) return `Not a regular file (${stat.special ?? 'a special file'})`;
  if (stat.size === undefined || stat.size <= limit.bytes) return undefined;
  return `File is ${formatFileSize(stat.size, 1)}, larger than the ${formatFileSize(limit.bytes, 0)} limit (${limit.setting})`;
}

/** Why a file must not be read as data, as an error with a `code` (`ENOTREG`, `EFBIG`), or undefined when it may be read. */
export function dataFileProblem(stat: FileStat, limit?: FileSizeLimit): Error | undefined {
  if (stat.isDirectory) return Object.assign(new Error('is a directory, not a file'), { code: 'EISDIR' });
  // Opening a FIFO waits for a writer, and a device such as /dev/zero never ends: neither is opened.
  if (!stat.isFile) return Object.assign(new Error(`not a regular file (${stat.special ?? 'a special file'})`), { code: 'ENOTREG' });
  if (limit && stat.size !== undefined && stat.size > limit.bytes) {
    return Object.assign(new Error(`${formatFileSize(stat.size, 1)}, above the ${formatFileSize(limit.bytes, 0)} limit (${limit.setting})`), { code: 'EFBIG' });
  }
  return undefined;
}

/**
 * Reads a config, codebook, library, name list or pseudonym map through the host: what is not a
 * regular file, or is larger than the host's limit (or the lower `cap` for this kind of file), is refused before it is opened.
 */
export async function readDataFile(host: FileHost, path: string, cap?: FileSizeLimit): Promise<string> {
  const stat = await host.stat(path);
  const limit = cap && (!host.maxFileSize || cap.bytes < host.maxFileSize.bytes) ? cap : host.maxFileSize;
  const problem = stat && dataFileProblem(stat, limit);
  if (problem) throw problem;
  return host.readFile(path);
}

/** A readable reason for a failed read, such as `file not found`. */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      // Node's own messages end with the call and the path (`EMFILE: too many open files, open '/x'`); the caller names the file.
      const node = /^[A-Z][A-Z0-9_]*: (.*), [a-z]+ '.*'$/s.exec(message);
      return node ? node[1]! : message;
    }
  }
}

/** A size in decimal units, as file managers show them: `100.0 MB`, `10 MB`, `512 kB`, `900 bytes`. */
export function formatFileSize(bytes: number, digits: number): string {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'MB'] : bytes >= 1e3 ? [bytes / 1e3, 'kB'] : [bytes, 'bytes'];
  if (unit === 'bytes') return `${bytes} bytes`;
  const fixed = value.toFixed(Number.isInteger(value) && digits === 0 ? 0 : Math.max(digits, 1));
  return `${fixed} ${unit}`;
}
