import type { MediaHeader } from '../host';
import type { Session, Turn } from '../model';

/** The formats VS Code's webviews decode, as the one line a user is told. */
export const PLAYABLE_FORMATS = 'mp3, wav, flac, ogg or webm (or mp4 with H.264 video and mp3 audio)';

const AAC_EXTENSIONS = /\.(?:m4a|m4b|aac|3gp)$/i;

/**
 * Why the editor's media panel cannot play a recording, in one line with the conversion command,
 * or undefined when it can: VS Code's webviews have no AAC decoder (microsoft/vscode#162062), so
 * `.m4a`, `.aac` and an `.mp4` whose header names AAC audio stay silent there.
 */
export function unplayableReason(path: string, header: MediaHeader | undefined): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? path;
  const aac = /aac/i.test(header?.codec ?? '') || AAC_EXTENSIONS.test(name);
  if (!aac) return undefined;
  const mp3 = name.replace(/\.[^.]*$/, '') + '.mp3';
  return `VS Code cannot play AAC audio (${name}); use ${PLAYABLE_FORMATS}. Convert it with: ffmpeg -i "${name}" -c:a libmp3lame -q:a 2 "${mp3}"`;
}

/** The turn being spoken at `seconds` into the recording: the last whose timestamp is not after it; undefined before the first. */
export function turnPlayingAt(session: Session, seconds: number): Turn | undefined {
  let playing: Turn | undefined;
  for (const turn of session.turns) {
    const at = turn.timestamp?.seconds;
    if (at === undefined) continue;
    if (at > seconds) break;
    playing = turn;
  }
  return playing;
}
