import { MEDIA_HEAD_BYTES, MEDIA_HEADER_OPTIONS, mediaHeaderOf, type MediaHeader } from '../core';

/** A recording's duration and codec from its header, read by music-metadata from a bounded head of the file (`readHead`), never decoding the audio. */
export async function readMediaHeader(path: string, size: number, readHead: (path: string, bytes: number) => Promise<Uint8Array>): Promise<MediaHeader> {
  const head = await readHead(path, MEDIA_HEAD_BYTES);
  // Loaded on first use: most transcripts name no recording, and lint starts faster without it.
  const { parseBuffer } = require('./musicMetadata') as typeof import('./musicMetadata');
  return mediaHeaderOf((await parseBuffer(head, { path, size }, MEDIA_HEADER_OPTIONS)).format);
}
