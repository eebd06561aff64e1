import { parseFile } from 'music-metadata';
import { MEDIA_HEADER_OPTIONS, mediaHeaderOf, type MediaHeader } from '../core';

/** A recording's duration and codec from its header, read by music-metadata without decoding the audio. */
export async function readMediaHeader(path: string): Promise<MediaHeader> {
  return mediaHeaderOf((await parseFile(path, MEDIA_HEADER_OPTIONS)).format);
}
