import { classifyLine, type AsrSegmentLine } from './textLines';
import { UNKNOWN_SPEAKER } from './cues';
import { whisperCppSpeaker } from './speakerNames';
import { readClock } from './time';
import { excerpt } from '../../text/excerpt';
import { ImportError, type ImportedTranscript, type ImportWarning, type Utterance } from './types';

/** What `--from text` understands, as its refusal names it. */
const TEXT_SHAPES =
  '"Speaker: text" lines (optionally after a time such as [00:01:02]), Otter\'s "Speaker 1  0:03" and Rev\'s "Speaker 1 (00:03):" headings, Zoom chat, or whisper.cpp\'s "[00:00:00.000 --> 00:00:02.000]  (speaker 0) text"';

/**
 * Reads a plain transcript: `Speaker: text` lines, each optionally after a time such as
 * `[00:01:02]`; Otter's `Speaker 1  0:03` and Rev's `Speaker 1 (00:03):` headings with the words
 * below; Zoom chat; and whisper.cpp's segments, diarized by `(speaker 0)` or tinydiarize's
 * `[SPEAKER_TURN]`. Lines without a speaker continue the utterance before them; text before
 * the first speaker, and header lines such as `Date: 2024-01-01`, are left out with a warning.
 */
export function readPlainText(text: string): ImportedTranscript {
  const utterances: Utterance[] = [];
  const warnings: ImportWarning[] = [];
  const turns = { tinydiarized: /\[SPEAKER_TURN\]\s*$/m.test(text), count: 0, pending: false };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      const found = classifyLine(raw, utterances.length === 0);
      const last = utterances[utterances.length - 1];
      if (found?.kind === 'header') warnings.push({ line, message: `header line '${excerpt(raw.trim())}' is left out` });
      else if (found?.kind === 'speaker') utterances.push(utterance(found.name, found.text, found.time, line, warnings));
      else if (found?.kind === 'segment') addSegment(utterances, found, line, warnings, turns);
      else if (last) last.text += `\n${raw}`;
      else warnings.push({ line, message: 'text before the first "Speaker: text" line is left out' });
    });
  if (utterances.length === 0) throw new ImportError(`found no speaker in the shapes --from text reads: ${TEXT_SHAPES}`);
  if (turns.tinydiarized)
    warnings.push({ line: utterances[0]!.line, message: 'tinydiarize marks speaker turns, not speakers: the turns alternate between Speaker 1 and Speaker 2' });
  return { utterances, warnings };
}

// whisper.cpp writes a line per segment; a segment of the speaker before joins that utterance.
function addSegment(
  utterances: Utterance[],
  segment: AsrSegmentLine,
  line: number,
  warnings: ImportWarning[],
  turns: { tinydiarized: boolean; count: number; pending: boolean },
): void {
  let speaker = UNKNOWN_SPEAKER;
  if (segment.speaker !== undefined) speaker = whisperCppSpeaker(segment.speaker);
  else if (turns.tinydiarized) {
    if (turns.pending) turns.count++;
    speaker = `Speaker ${(turns.count % 2) + 1}`;
  }
  turns.pending = segment.turnAfter;
  const last = utterances[utterances.length - 1];
  if (last && last.speaker === speaker && speaker !== UNKNOWN_SPEAKER) last.text += ` ${segment.text}`;
  else utterances.push(utterance(speaker, segment.text, segment.time, line, warnings));
}

function utterance(speaker: string, text: string, time: string | undefined, line: number, warnings: ImportWarning[]): Utterance {
  const found: Utterance = { speaker, text, line };
  if (time === undefined) return found;
  const clock = readClock(time);
  if (clock.warning) warnings.push({ line, message: clock.warning });
  if (clock.seconds !== undefined) found.seconds = clock.seconds;
  return found;
}
