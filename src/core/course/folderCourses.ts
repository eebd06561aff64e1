import { dirname } from 'node:path';
import { parseFrontMatter } from '../parse/frontMatter';
import { computeLineStarts, frontMatterLineCount, lineText, stripBom } from '../text/lines';
import { courseContext, courseSessionOf, type CourseContext, type CourseSession } from './course';

// The CLI reads a session's course from the files beside it: only the head of each (where the front
// matter is), each folder once per run, and no course at all in a folder with too many transcripts.

/** What reading the sessions of a folder needs: the folder's transcripts, and the head of a file. */
export interface CourseReader {
  /** The `*.session.md` regular files directly in `dir` (not in its subfolders), as absolute paths. */
  transcriptsIn(dir: string): Promise<string[]>;
  /** At most the first `bytes` bytes of a regular file; rejects for anything else. */
  readHead(path: string, bytes: number): Promise<Uint8Array>;
}

/** Where a linter finds the course of a session: the sessions beside it. */
export interface CourseSource {
  /** The course of `own` (the session being linted), or undefined when it cannot be told. */
  courseOf(own: CourseSession): Promise<CourseContext | undefined>;
}

/** How much of each sibling is read: its front matter must end within it. */
export const COURSE_HEAD_BYTES = 64 * 1024;
/** How much is read first: most front matter ends within it, and a one-file lint beside many sessions reads and decodes 16 times less. */
export const COURSE_FIRST_BYTES = 4 * 1024;
/** A folder with more transcripts than this has no course context: the course rules skip its files. */
export const MAX_COURSE_FOLDER = 500;

/** The courses of the folders a run lints, each folder read once. */
export class FolderCourses implements CourseSource {
  private readonly folders = new Map<string, Promise<CourseSession[] | undefined>>();
  /** The record last made of each file from its first 4 KB and from its first 64 KB, with the bytes it was made from, so the same bytes are not read into a record twice. */
  private readonly records = new Map<string, { head: Uint8Array; cut: boolean; session: CourseSession }>();

  constructor(private readonly reader: CourseReader) {}

  /**
   * The course record of the file at `path` from its bytes, read as the folder's sessions are (the
   * first 4 KB, then 64 KB when the front matter goes on): `lint --cache` checks a file's course
   * without parsing it, and its front matter was most likely read already as a session beside another.
   */
  sessionFromBytes(path: string, bytes: Uint8Array): CourseSession {
    const first = this.record(path, COURSE_FIRST_BYTES, bytes.subarray(0, COURSE_FIRST_BYTES), bytes.length > COURSE_FIRST_BYTES);
    return first.readable ? first : this.record(path, COURSE_HEAD_BYTES, bytes.subarray(0, COURSE_HEAD_BYTES), bytes.length > COURSE_HEAD_BYTES);
  }

  async courseOf(own: CourseSession): Promise<CourseContext | undefined> {
    if (own.key === undefined) return undefined;
    const siblings = await this.sessionsIn(dirname(own.path));
    return siblings && courseContext(own, siblings);
  }

  /** The sessions of a folder as their front matter describes them; undefined when the folder holds too many or cannot be listed. */
  sessionsIn(dir: string): Promise<CourseSession[] | undefined> {
    let pending = this.folders.get(dir);
    if (!pending) {
      pending = this.read(dir);
      this.folders.set(dir, pending);
    }
    return pending;
  }

  private async read(dir: string): Promise<CourseSession[] | undefined> {
    const files = await this.reader.transcriptsIn(dir).catch(() => undefined);
    if (!files || files.length > MAX_COURSE_FOLDER) return undefined;
    const sessions: CourseSession[] = [];
    for (const path of files) {
      const session = (await this.readSession(path, COURSE_FIRST_BYTES)) ?? (await this.readSession(path, COURSE_HEAD_BYTES));
      if (session) sessions.push(session);
    }
    return sessions;
  }

  // The session from the first `bytes` of its file; undefined when its front matter goes on after them (or the file cannot be read).
  private async readSession(path: string, bytes: number): Promise<CourseSession | undefined> {
    const head = await this.reader.readHead(path, bytes).catch(() => undefined);
    if (!head) return undefined;
    const session = this.record(path, bytes, head, head.length >= bytes);
    return session.readable || bytes >= COURSE_HEAD_BYTES ? session : undefined;
  }

  // The record of a file from a head read up to `limit` bytes.
  private record(path: string, limit: number, head: Uint8Array, cut: boolean): CourseSession {
    const key = `${limit} ${path}`;
    const known = this.records.get(key);
    if (known && known.cut === cut && sameBytes(known.head, head)) return known.session;
    const session = courseSessionFromHead(path, head, cut);
    // A copy: `head` may be a view of a whole transcript, which the run should not keep.
    this.records.set(key, { head: head.slice(), cut, session });
    return session;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The course record of a transcript from the first bytes of its file; `cut` says the file goes on after them. */
export function courseSessionFromHead(path: string, head: Uint8Array, cut: boolean): CourseSession {
  let text = stripBom(new TextDecoder().decode(head)).text;
  // The last line of a cut head may be cut too: a `---` there may be the start of `----`. (Not a
  // regular expression: /[^\r\n]*$/ retries every position of every line, 1 s for 100 heads.)
  if (cut) text = text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
  const lineStarts = computeLineStarts(text);
  const lines = frontMatterLineCount(lineStarts.length, (index) => lineText(text, lineStarts, index + 1));
  if (lines === 0) return { path, goals: [], readable: !cut };
  const end = lineStarts[lines - 1]! + lineText(text, lineStarts, lines).length;
  return courseSessionOf(path, { frontMatter: parseFrontMatter(text, lineStarts, 0, end) });
}
