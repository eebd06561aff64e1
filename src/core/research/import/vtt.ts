import { blocks, cueStart, cuesToTranscript, type Cue, type CueOptions } from './cues';
import { excerpt } from '../../text/excerpt';
import { ImportError, type ImportedTranscript } from './types';

/**
 * Reads WebVTT as Zoom and Teams write it: cues with `<v Name>` voice tags (classes such as
 * `<v.loud Name>` allowed) or `Name: text` lines, over one or more lines; the header, NOTE,
 * STYLE and REGION blocks are skipped. Throws an `ImportError` at the line of a malformed cue.
 */
export function readVtt(text: string, options: CueOptions = {}): ImportedTranscript {
  const [header, ...rest] = blocks(text);
  if (!header || header.line !== 1 || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0]!)) {
    throw new ImportError('not a WebVTT file: the first line must be WEBVTT', 1);
  }
  // The header block may hold the first cue when no blank line follows WEBVTT's own lines.
  const timing = header.lines.findIndex((line) => line.includes('-->'));
  const all = timing === -1 ? rest : [{ line: header.line + timing, lines: header.lines.slice(timing) }, ...rest];
  const cues: Cue[] = [];
  for (const block of all) {
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block.lines[0]!)) continue;
    const at = block.lines[0]!.includes('-->') ? 0 : 1;
    const line = block.line + Math.min(at, block.lines.length - 1);
    const timingLine = block.lines[at];
    if (timingLine === undefined || !timingLine.includes('-->')) {
      throw new ImportError(
        `expected a cue timing such as 00:00:01.000 --> 00:00:04.000, found '${excerpt(block.lines[at === 0 ? 0 : 1] ?? block.lines[0]!)}'`,
        line,
      );
    }
    const seconds = cueStart(timingLine);
    if (seconds === undefined) throw new ImportError(`malformed cue timing '${excerpt(timingLine.trim())}'`, line);
    cues.push({ seconds, lines: block.lines.slice(at + 1), line });
  }
  return cuesToTranscript(cues, options);
}
