import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { describeReadError, type FileHost, type MediaHeader } from '../host';
import type { Range, Session } from '../model';

/** Where a session's `media:` led: a file (with its header when it could be read), nothing, or a path that is refused. */
export type MediaLocation =
  { status: 'found'; path: string; header?: MediaHeader; unreadable?: string } | { status: 'missing'; path: string } | { status: 'refused'; reason: string };

/** A session's recording: the `media:` value as written, where it is, and what was found there. */
export interface SessionMedia {
  ref: string;
  range: Range;
  location: MediaLocation;
}

// A URL (`https:`, `file:`), a drive letter, an absolute path or a home folder: never fetched, never looked up.
const NOT_RELATIVE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\~])/;

/** Whether `path` lies inside the folder `root` (or is it). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Finds the recording a transcript names in `media:`, relative to the transcript. Only a local file
 * inside the transcript's workspace folder (the host's `mediaRoot`, else the transcript's own folder)
 * is accepted, also after symbolic links are resolved; of it only the header is read, through the host.
 */
export async function locateMedia(host: FileHost, transcriptPath: string, ref: string): Promise<MediaLocation> {
  if (NOT_RELATIVE.test(ref))
    return { status: 'refused', reason: 'is not a path relative to the transcript (a URL or an absolute path); media files are never fetched' };
  const path = resolve(dirname(transcriptPath), ref);
  const root = host.mediaRoot?.(transcriptPath) ?? dirname(transcriptPath);
  if (!isInside(root, path)) return { status: 'refused', reason: 'leaves the workspace folder; keep the recording inside it' };
  const stat = await host.stat(path);
  if (!stat) return { status: 'missing', path };
  if (host.realpath) {
    const [real, realRoot] = await Promise.all([host.realpath(path).catch(() => undefined), host.realpath(root).catch(() => root)]);
    if (!real || !isInside(realRoot, real)) return { status: 'refused', reason: 'goes through a symbolic link out of the workspace folder' };
  }
  if (stat.isDirectory) return { status: 'refused', reason: 'is a folder, not a recording' };
  if (!stat.isFile) return { status: 'refused', reason: `is not a regular file (${stat.special ?? 'a special file'})` };
  if (!host.readMediaHeader) return { status: 'found', path };
  try {
    return { status: 'found', path, header: await host.readMediaHeader(path) };
  } catch (error) {
    return { status: 'found', path, unreadable: describeReadError(error) };
  }
}

/** The recording a parsed session names, located through the host; undefined when it names none (or `media:` is invalid). */
export async function sessionMedia(host: FileHost, transcriptPath: string, session: Session): Promise<SessionMedia | undefined> {
  const fm = session.frontMatter;
  if (fm?.media === undefined || !fm.mediaRange) return undefined;
  return { ref: fm.media, range: fm.mediaRange, location: await locateMedia(host, transcriptPath, fm.media) };
}

/** The recording's duration in seconds, when its header gave one. */
export function mediaDuration(media: SessionMedia | undefined): number | undefined {
  const location = media?.location;
  const seconds = location?.status === 'found' ? location.header?.durationSeconds : undefined;
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
