import { readFoundCues, textLines, type CueReadOptions, type FoundCue } from './cueScan';
import type { ImportedTranscript } from './types';

const CUE_NUMBER = /^\s*\d+\s*$/;

/**
 * Reads SubRip (SRT): numbered cues, a `00:00:01,000 --> 00:00:04,000` timing and text lines,
 * with speakers as `Name: text` (or `<v Name>`). As the SRT parsers of subtitle libraries do, a
 * timing line always starts a cue (the cue number just before it goes with it, blank line or not),
 * and text after a blank line that starts no cue goes on with the cue before it. A cue number with
 * no timing after it, text before the first cue and a cue that cannot be read are bad cues, kept or
 * skipped as `readFoundCues` says.
 */
export function readSrt(text: string, options: CueReadOptions = {}): ImportedTranscript {
  const lines = textLines(text);
  const found: FoundCue[] = [];
  let current: FoundCue | undefined;
  lines.forEach((raw, i) => {
    const afterBlank = i === 0 || lines[i - 1]!.trim() === '';
    if (raw.includes('-->')) {
      // The cue number just before the timing line is this cue's, not the words of the one before.
      if (current && CUE_NUMBER.test(lines[i - 1] ?? '') && current.lines[current.lines.length - 1] === lines[i - 1]) {
        current.lines.pop();
        // Text before the first cue that was only this number is no text at all.
        if (current.timing === undefined && current.expected === undefined && current.lines.length === 0) found.pop();
      }
      found.push((current = { line: i + 1, timing: raw, lines: [] }));
    } else if (raw.trim() === '') {
      return;
    } else if (afterBlank && CUE_NUMBER.test(raw) && !lines[i + 1]?.includes('-->')) {
      // A cue number whose timing is missing: a cue of its own, whose timing was expected on the next line.
      found.push((current = { line: i + 2, lines: [], expected: lines[i + 1] ?? '' }));
    } else if (current) current.lines.push(raw);
    else found.push((current = { line: i + 1, lines: [raw] }));
  });
  return readFoundCues(found, options, 'a cue number and a timing such as 00:00:01,000 --> 00:00:04,000');
}
