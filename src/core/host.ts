/** The file access the core needs; the CLI and the extension each pass their own. */
export interface FileHost {
  /** Reads a UTF-8 text file; rejects with an error carrying `code` (`ENOENT`, `EACCES`, …) when it cannot. */
  readFile(path: string): Promise<string>;
  /** What is at a path, or undefined when nothing is. */
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean } | undefined>;
  /** The folder that holds the built-in `*.codebook.yaml` files. */
  builtinCodebookDir: string;
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
