import { constants, promises as fs } from 'node:fs';
import { parseBuffer } from 'music-metadata';
import * as vscode from 'vscode';
import { MEDIA_HEAD_BYTES, MEDIA_HEADER_OPTIONS, mediaHeaderOf, type FileHost, type MediaHeader } from '../core';

// The most recordings whose header is kept: the editor lints on every keystroke, a header is read once per file version.
const MAX_HEADERS = 32;

/** What the editor adds to its host for `media:`: links resolved by Node, headers read by music-metadata, the workspace folder as the root. */
export function mediaHostParts(): Required<Pick<FileHost, 'realpath' | 'readMediaHeader' | 'mediaRoot'>> {
  const headers = new Map<string, { version: string; header: Promise<MediaHeader> }>();
  return {
    realpath: (path) => fs.realpath(path),
    async readMediaHeader(path) {
      const stat = await fs.stat(path);
      const version = `${stat.size}:${stat.mtimeMs}`;
      const known = headers.get(path);
      if (known?.version === version) return known.header;
      if (headers.size >= MAX_HEADERS) headers.clear();
      const header = readHeader(path);
      headers.set(path, { version, header });
      header.catch(() => headers.delete(path));
      return header;
    },
    mediaRoot: (transcriptPath) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(transcriptPath))?.uri.fsPath ?? dirnameOf(transcriptPath),
  };
}

// Only the headers, from a bounded head of the file (MEDIA_HEAD_BYTES): a header that claims a huge chunk cannot make the library read or hold it.
async function readHeader(path: string): Promise<MediaHeader> {
  const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, MEDIA_HEAD_BYTES));
    let filled = 0;
    while (filled < head.length) {
      const { bytesRead } = await handle.read(head, filled, head.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return mediaHeaderOf((await parseBuffer(head.subarray(0, filled), { path, size }, MEDIA_HEADER_OPTIONS)).format);
  } finally {
    await handle.close();
  }
}

function dirnameOf(path: string): string {
  return vscode.Uri.joinPath(vscode.Uri.file(path), '..').fsPath;
}
