import { decodeHTML } from 'entities';
import { speakerPrefix } from './speakerNames';
import { ImportError, type ImportedTranscript, type Utterance } from './types';

/** A subtitle cue: its start in seconds, its text lines and the line of its timing. */
export interface Cue {
  seconds: number;
  lines: string[];
  line: number;
}

/** How cues become utterances. */
export interface CueOptions {
  /** One turn per cue; by default consecutive cues of the same speaker are joined into one turn. */
  keepCues?: boolean;
}

/** The speaker of cues that name none, when no earlier cue named one. */
export const UNKNOWN_SPEAKER = 'Speaker';

// Looser than WebVTT's own timestamps (SRT's `,`, one-digit minutes, fewer decimals), as real files write them.
const TIME = String.raw`(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const TIMING = new RegExp(String.raw`^\s*(${TIME})\s*-->\s*(${TIME})(?:\s.*)?$`);

function clockSeconds(time: string): number | undefined {
  const [clock, fraction] = time.split(/[.,]/);
  const [s, m = 0, h = 0] = clock!.split(':').map(Number).reverse();
  if (m >= 60 || s! >= 60) return undefined;
  return h * 3600 + m * 60 + s! + (fraction ? Number(`0.${fraction}`) : 0);
}

/**
 * The start of a cue timing line (`00:00:01.000 --> 00:00:04.000`, with `,` in SRT) in seconds, or
 * undefined when the line is not one or either time is impossible (`00:00:69.000`), as browsers drop such a cue.
 */
export function cueStart(line: string): number | undefined {
  const match = TIMING.exec(line);
  if (!match || clockSeconds(match[2]!) === undefined) return undefined;
  return clockSeconds(match[1]!);
}

const VOICE = /<v(?:\.[^\s>]*)*(?:[ \t]+([^>]*))?>/g;
// The formatting tags of SRT (`<i>`, `<b>`, `<u>`, `<font …>`) and WebVTT (`<c.x>`, `<lang en>`, `<ruby>`, `<rt>`, `<00:00:01.000>`);
// any other `<` or `>` is the speaker's (`rate it < 5`, `<laughs>`). Voice tags are matched by VOICE.
// Only `<lang …>` and `<font …>` take words after the name, so `<i love you>` stays.
const FORMATTING = /<\/?(?:[ibuc]|ruby|rt)(?:\.[^\s<>]*)?>|<\/?(?:lang|font)(?:\.[^\s<>]*)?(?:[ \t][^<>]*)?>|<\/v>|<(?:\d+:)?\d{2}:\d{2}\.\d{3}>|\{\\[^}]*\}/gi;

/** Cue text without its formatting tags and SRT's `{\an8}`, voice tags (`<v Name>`) kept; other `<` and `>` are words and stay. */
export function withoutFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

/** Cue text as words: no formatting or voice tags, HTML character references decoded as WebVTT says (`&hellip;`, `&lrm;`), white space collapsed. */
export function plainCueText(text: string): string {
  return decodeHTML(withoutFormatting(text).replace(VOICE, '')).replace(/\s+/g, ' ').trim();
}

interface Segment {
  speaker?: string;
  text: string;
}

// A `Name: words` line names its speaker when it is the cue's first line, starts with `-`
// (a dialogue line) or uses a name seen before; WhisperX writes `[SPEAKER_00]: words`. What
// reads as a name is `speakerPrefix`'s to say, so prose is rarely mistaken.
function prefixSegments(text: string, known: Set<string>): Segment[] {
  const segments: Segment[] = [];
  text.split('\n').forEach((line, i) => {
    const prefix = speakerPrefix(line);
    const named = prefix && prefix.text !== '' && (i === 0 || line.trim().startsWith('-') || known.has(prefix.name));
    if (named) {
      known.add(prefix.name);
      segments.push({ speaker: prefix.name, text: prefix.text });
    } else if (segments.length > 0) segments[segments.length - 1]!.text += `\n${line}`;
    else segments.push({ text: line });
  });
  return segments;
}

/** Splits a cue's text at its voice tags (`<v Name>`, `<v.loud Name>`), or else at `Name:` prefixes, into speaker segments. */
function segments(lines: string[], known: Set<string>): Segment[] {
  // Formatting tags (`<i>`, `<c.x>`, `</v>`, SRT's `{\an8}`) go first, so `<i>Sam:</i> hi` still names Sam.
  const text = withoutFormatting(lines.join('\n'));
  const tags = [...text.matchAll(VOICE)];
  if (tags.length === 0) return prefixSegments(text, known);
  const found: Segment[] = prefixSegments(text.slice(0, tags[0]!.index), known);
  tags.forEach((tag, i) => {
    const end = i + 1 < tags.length ? tags[i + 1]!.index : text.length;
    const speaker = plainCueText(tag[1] ?? '');
    found.push({ ...(speaker ? { speaker } : {}), text: text.slice(tag.index + tag[0].length, end) });
  });
  return found;
}

/** Turns cues into utterances: each voice or `Name:` starts one; a cue naming nobody continues the speaker before it. */
export function cuesToTranscript(cues: readonly Cue[], options: CueOptions = {}): ImportedTranscript {
  const utterances: Utterance[] = [];
  const known = new Set<string>();
  let lastSpeaker: string | undefined;
  for (const cue of cues) {
    let first = true;
    for (const segment of segments(cue.lines, known)) {
      const text = plainCueText(segment.text);
      if (text === '') continue;
      const speaker = segment.speaker ?? lastSpeaker ?? UNKNOWN_SPEAKER;
      const previous = utterances[utterances.length - 1];
      const join = previous?.speaker === speaker && speaker !== UNKNOWN_SPEAKER && (!options.keepCues || !first);
      if (join && previous) previous.text += ` ${text}`;
      else utterances.push({ speaker, text, seconds: cue.seconds, line: cue.line });
      lastSpeaker = speaker;
      first = false;
    }
  }
  if (utterances.length === 0) throw new ImportError('found no cues with text');
  return { utterances, warnings: [] };
}
