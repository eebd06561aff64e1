import { parseFile } from 'music-metadata';
import type { MediaHeader } from '../core';

/**
 * A recording's duration and codec from its header, read by music-metadata: it seeks to the
 * headers and atoms it needs and never decodes or scans the audio (`duration: false`), so a long
 * recording costs a few reads. Covers and tags beyond the format are skipped.
 */
export async function readMediaHeader(path: string): Promise<MediaHeader> {
  const { format } = await parseFile(path, { duration: false, skipCovers: true, skipPostHeaders: true });
  const header: MediaHeader = {};
  if (format.duration !== undefined) header.durationSeconds = format.duration;
  if (format.container) header.container = format.container;
  if (format.codec) header.codec = format.codec;
  return header;
}
