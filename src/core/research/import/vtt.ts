import { readFoundCues, textLines, type CueReadOptions, type FoundCue } from './cueScan';
import { ImportError, type ImportedTranscript } from './types';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const COMMENT_OR_DEFINITION = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
const CUE_NUMBER = /^\s*\d+\s*$/;

/**
 * Reads WebVTT as Zoom, Teams and Google Meet write it, with its blocks as the WebVTT parsing
 * rules find them: only an empty line ends a cue (a line of spaces is text), and a timing line
 * always starts one, even with no blank line before it. Speakers are `<v Name>` voice tags
 * (classes such as `<v.loud Name>` allowed) or `Name: text` lines; the header, NOTE, STYLE and
 * REGION blocks are skipped. A cue that cannot be read is kept or skipped as `readFoundCues` says.
 */
export function readVtt(text: string, options: CueReadOptions = {}): ImportedTranscript {
  const lines = textLines(text);
  if (!HEADER.test(lines[0]!)) throw new ImportError('not a WebVTT file: the first line must be WEBVTT', 1);
  let i = 1;
  // The header ends at an empty line, or at a timing line when the first cue follows it directly.
  while (i < lines.length && lines[i] !== '' && !lines[i]!.includes('-->')) i++;
  const found: FoundCue[] = [];
  while (i < lines.length) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    const end = blockEnd(lines, i);
    const cue = vttCue(lines.slice(i, end), i + 1);
    if (cue) found.push(cue);
    i = end;
  }
  return readFoundCues(found, options, 'a cue timing such as 00:00:01.000 --> 00:00:04.000');
}

// Where the block starting at `start` ends: at an empty line, or at a timing line that is not its own
// (one past its first two lines); a cue number just before such a line goes with it, not with this cue's words.
function blockEnd(lines: readonly string[], start: number): number {
  const comment = COMMENT_OR_DEFINITION.test(lines[start]!);
  let seenTiming = lines[start]!.includes('-->');
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') return i;
    if (comment || !line.includes('-->')) continue;
    if (i === start + 1 && !seenTiming) {
      seenTiming = true;
      continue;
    }
    return i - 1 > start && CUE_NUMBER.test(lines[i - 1]!) && !lines[i - 2]!.includes('-->') ? i - 1 : i;
  }
  return lines.length;
}

// A block as a cue: an optional identifier line, the timing line, then its text; NOTE, STYLE and REGION blocks are none.
function vttCue(block: readonly string[], line: number): FoundCue | undefined {
  if (block[0]!.includes('-->')) return { line, timing: block[0]!, lines: block.slice(1) };
  if (block[1]?.includes('-->')) return { line: line + 1, timing: block[1], lines: block.slice(2) };
  if (COMMENT_OR_DEFINITION.test(block[0]!)) return undefined;
  return { line, lines: [...block] };
}
