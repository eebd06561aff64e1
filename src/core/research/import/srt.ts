import { blocks, cueStart, cuesToTranscript, type Cue, type CueOptions } from './cues';
import { excerpt } from '../../text/excerpt';
import { ImportError, type ImportedTranscript } from './types';

/**
 * Reads SubRip (SRT): numbered cues, a `00:00:01,000 --> 00:00:04,000` timing and text lines,
 * with speakers as `Name: text` (or `<v Name>`). Throws an `ImportError` at the line of a malformed cue.
 */
export function readSrt(text: string, options: CueOptions = {}): ImportedTranscript {
  const cues: Cue[] = [];
  for (const block of blocks(text)) {
    const at = /^\s*\d+\s*$/.test(block.lines[0]!) ? 1 : 0;
    const line = block.line + Math.min(at, block.lines.length - 1);
    const timingLine = block.lines[at];
    if (timingLine === undefined || !timingLine.includes('-->')) {
      throw new ImportError(
        `expected a cue number and a timing such as 00:00:01,000 --> 00:00:04,000, found '${excerpt((timingLine ?? block.lines[0]!).trim())}'`,
        line,
      );
    }
    const seconds = cueStart(timingLine);
    if (seconds === undefined) throw new ImportError(`malformed cue timing '${excerpt(timingLine.trim())}'`, line);
    cues.push({ seconds, lines: block.lines.slice(at + 1), line });
  }
  return cuesToTranscript(cues, options);
}
