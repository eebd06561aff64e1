import { UNKNOWN_SPEAKER } from './cues';
import { ImportError, type ImportedTranscript, type ImportWarning, type Utterance } from './types';

/** How segments become utterances. */
export interface JsonOptions {
  /** One turn per segment; by default consecutive segments of one speaker are one turn. */
  keepCues?: boolean;
}

interface Segment {
  start?: unknown;
  text?: unknown;
  speaker?: unknown;
}

/**
 * Reads the JSON of WhisperX (and of Whisper, whose segments name no speaker): `{"segments":
 * [{"start": 0.03, "text": " Hello.", "speaker": "SPEAKER_00"}, …]}`, or the array of segments
 * alone. A segment without `speaker` (WhisperX leaves one out where no diarized turn overlaps
 * it) continues the speaker before it, with a warning.
 */
export function readWhisperJson(text: string, options: JsonOptions = {}): ImportedTranscript {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's own message quotes the text around the mistake, which may be transcript words.
    throw new ImportError('not valid JSON; --from json reads the .json file of WhisperX or Whisper');
  }
  const segments = Array.isArray(data) ? data : (data as { segments?: unknown } | null)?.segments;
  if (!Array.isArray(segments)) throw new ImportError('expected WhisperX or Whisper JSON: an object with a "segments" array');
  const utterances: Utterance[] = [];
  const warnings: ImportWarning[] = [];
  const lines = segmentLines(text);
  let lastSpeaker: string | undefined;
  segments.forEach((raw: unknown, i) => {
    const segment = (typeof raw === 'object' && raw !== null ? raw : {}) as Segment;
    const line = lines[i] ?? 1;
    if (typeof segment.text !== 'string') throw new ImportError(`segment ${i + 1} has no "text"`, line);
    const words = segment.text.trim();
    if (words === '') return;
    let speaker = typeof segment.speaker === 'string' && segment.speaker.trim() !== '' ? segment.speaker.trim() : undefined;
    if (speaker === undefined && lastSpeaker !== undefined)
      warnings.push({ line, message: `segment ${i + 1} names no speaker; it is given to the speaker before it` });
    speaker ??= lastSpeaker ?? UNKNOWN_SPEAKER;
    const previous = utterances[utterances.length - 1];
    if (!options.keepCues && previous?.speaker === speaker && speaker !== UNKNOWN_SPEAKER) previous.text += ` ${words}`;
    else utterances.push({ speaker, text: words, line, ...(typeof segment.start === 'number' && segment.start >= 0 ? { seconds: segment.start } : {}) });
    lastSpeaker = speaker === UNKNOWN_SPEAKER ? lastSpeaker : speaker;
  });
  if (utterances.length === 0) throw new ImportError('found no segments with text');
  return { utterances, warnings };
}

// The line each segment starts on, as WhisperX's indented output writes one object per segment: the
// lines holding `"start":` at the smallest indentation, which is the segments' own, not their words'.
function segmentLines(text: string): number[] {
  const starts = [...text.split(/\r\n|\r|\n/).entries()].flatMap(([i, line]) => {
    const match = /^(\s*)"start"\s*:/.exec(line);
    return match ? [{ line: i + 1, indent: match[1]!.length }] : [];
  });
  const indent = Math.min(...starts.map((s) => s.indent));
  return starts.filter((s) => s.indent === indent).map((s) => s.line);
}
