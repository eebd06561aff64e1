import { unzipSync, zipSync, type Zippable } from 'fflate';

// The .qdpx container: a zip of project.qde and sources/<guid>.txt. Written with a fixed time
// stamp, so the same project gives the same bytes. Read with bounds, as a hostile file may be a
// zip bomb: no more entries than MAX_ENTRIES are looked at, only project.qde and the plain-text
// sources are inflated, each no larger than its declared size (fflate inflates into a buffer of
// that size and stops there) and all together no more than MAX_INFLATED. Nothing is written by
// an entry's name, so a name such as ../../x (zip slip) only fails to match a source.

/** At most this many entries of a .qdpx are looked at. */
export const MAX_ENTRIES = 20_000;
/** At most this many bytes are inflated from a .qdpx in all. */
export const MAX_INFLATED = 256 * 1024 * 1024;

/** The time stamp of every entry: local 2000-01-01 00:00, as a zip's DOS time is local. */
const FIXED_TIME = new Date(2000, 0, 1);

/** The .qdpx of a project.qde text and its sources' texts, by entry name. */
export function packQdpx(projectXml: string, sources: ReadonlyMap<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const files: Zippable = { 'project.qde': encoder.encode(projectXml) };
  for (const [name, text] of sources) files[name] = encoder.encode(text);
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}

/** Why a .qdpx cannot be read. */
export class QdpxError extends Error {
  constructor(
    message: string,
    /** The entry to blame, and the 1-based line and column in it. */
    readonly at?: { entry: string; line?: number; column?: number },
  ) {
    super(message);
    this.name = 'QdpxError';
  }
}

/** The entries of a .qdpx that the import reads: project.qde and the `sources/*.txt` files, by name. */
export function unpackQdpx(bytes: Uint8Array): Map<string, Uint8Array> {
  let entries = 0;
  let inflated = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (++entries > MAX_ENTRIES) throw new QdpxError(`it has more than ${MAX_ENTRIES} entries; it is not read`);
        if (!wanted(file.name)) return false;
        inflated += file.originalSize;
        if (inflated > MAX_INFLATED)
          throw new QdpxError(`its project and sources would take more than ${MAX_INFLATED / 1024 / 1024} MB unpacked; it is not read`, { entry: file.name });
        return true;
      },
    });
  } catch (error) {
    if (error instanceof QdpxError) throw error;
    throw new QdpxError(`it is not a readable zip file (${error instanceof Error ? error.message : String(error)}); a .qdpx is a zip holding project.qde`);
  }
  const found = new Map(Object.entries(files));
  if (!found.has('project.qde')) throw new QdpxError('it holds no project.qde at its top level, so it is no REFI-QDA project');
  return found;
}

function wanted(name: string): boolean {
  return name === 'project.qde' || /^sources\/[^/]+\.txt$/i.test(name);
}
