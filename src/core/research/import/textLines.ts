import { isSpeakerName, speakerPrefix } from './speakerNames';

// What one line of a plain transcript is, in the shapes that transcription tools write.

/** A line that starts an utterance: the speaker, the words on the line (maybe none) and the time written before or after the name. */
export interface SpeakerLine {
  kind: 'speaker';
  name: string;
  text: string;
  time?: string;
}

/** A whisper.cpp segment: `[00:00:00.000 --> 00:00:02.000]  (speaker 0) words`, the speaker given by `-di`, a turn after it by tinydiarize's `[SPEAKER_TURN]`. */
export interface AsrSegmentLine {
  kind: 'segment';
  time: string;
  /** The label of `(speaker 0)`: `0`, `1` or `?`. */
  speaker?: string;
  text: string;
  turnAfter: boolean;
}

/** A header line above the transcript, such as `Date: 2024-01-01`: not a speaker. */
export interface HeaderLine {
  kind: 'header';
}

export type TextLine = SpeakerLine | AsrSegmentLine | HeaderLine;

const CLOCK = String.raw`\d{1,2}(?::\d{1,3}){1,2}(?:[.,]\d+)?`;
const LEADING_TIME = new RegExp(String.raw`^\s*[[(]?(${CLOCK})[\])]?\s+(.*)$`);
const SEGMENT = /^\s*\[(\d{2}:\d{2}:\d{2}[.,]\d{3}) --> \d{2}:\d{2}:\d{2}[.,]\d{3}\]\s*(?:\(speaker ([^)\s]{1,8})\))?(.*)$/;
const TURN_MARK = /\s*\[SPEAKER_TURN\]\s*$/;
// Otter: `Speaker 1  0:03` or `Jane Doe  1:02:03`, the words on the lines below.
const OTTER_HEADING = /^(\S.{0,79}?)(?: {2,}|\t)\s*(\d{1,2}(?::\d{2}){1,2})\s*$/u;
// Rev: `Speaker 1 (00:00):` or `Jane Doe (01:02:03): words`.
const REV = /^(\S.{0,79}?)\s+\((\d{1,2}(?::\d{2}){1,2})\):(?:\s+(.*))?$/u;
// Zoom chat: `00:01:23 From Jane Doe to Everyone: words` (the words may follow, indented), or the older `00:01:23\t From  Jane Doe : words`.
const ZOOM_CHAT = new RegExp(String.raw`^\s*(${CLOCK})\s+From\s+(\S.{0,79}?)(?:\s+to\s+[^:]{1,120}?)?\s*:(?:\s+(.*))?$`);
const HEADER_KEYS = new Set([
  'date',
  'time',
  'duration',
  'title',
  'subject',
  'topic',
  'location',
  'meeting',
  'recorded',
  'recording',
  'participants',
  'attendees',
  'speakers',
  'transcript',
  'transcribed',
  'language',
  'created',
]);
// A whole value that is a date or a time of day: `Therapist: 10:30 suits me` is a turn.
const DATE_VALUE = /^(?:\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$/i;

/** What a line of a plain transcript is, or undefined when it continues the utterance before it. `atStart`: no utterance has begun yet, where `Date: …` is a header. */
export function classifyLine(raw: string, atStart: boolean): TextLine | undefined {
  const segment = SEGMENT.exec(raw);
  if (segment) {
    const turnAfter = TURN_MARK.test(segment[3]!);
    return {
      kind: 'segment',
      time: segment[1]!,
      ...(segment[2] !== undefined ? { speaker: segment[2] } : {}),
      text: segment[3]!.replace(TURN_MARK, '').trim(),
      turnAfter,
    };
  }
  const chat = ZOOM_CHAT.exec(raw);
  if (chat && isSpeakerName(chat[2]!.trim())) return { kind: 'speaker', name: chat[2]!.trim(), text: chat[3] ?? '', time: chat[1]! };
  const line = raw.trim();
  const otter = OTTER_HEADING.exec(raw.trimEnd());
  if (otter && isSpeakerName(otter[1]!.trim())) return { kind: 'speaker', name: otter[1]!.trim(), text: '', time: otter[2]! };
  const rev = REV.exec(line);
  if (rev && isSpeakerName(rev[1]!)) return { kind: 'speaker', name: rev[1]!, text: rev[3] ?? '', time: rev[2]! };
  const timed = LEADING_TIME.exec(raw);
  const prefix = speakerPrefix(timed ? timed[2]! : line);
  if (!prefix) return undefined;
  if (atStart && !timed && isHeader(prefix.name, prefix.text)) return { kind: 'header' };
  return { kind: 'speaker', name: prefix.name, text: prefix.text, ...(timed ? { time: timed[1]! } : {}) };
}

// `Date: 2024-01-01`, `Title: Session 3` above the first utterance describe the file, not a speaker.
function isHeader(name: string, text: string): boolean {
  return HEADER_KEYS.has(name.toLowerCase()) || DATE_VALUE.test(text.trim());
}
