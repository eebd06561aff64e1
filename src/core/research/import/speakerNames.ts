// Speaker names as meeting and ASR tools write them, told apart from prose that happens to hold a colon.

/** A display name's characters: letters, digits, spaces and what Zoom and Teams names hold (`.`, `'`, `-`, `,`, `&`, `@`, `+`, `/`, parentheses). */
const NAME = String.raw`[\p{L}\p{N}][\p{L}\p{N} ._'’(),&@+/-]{0,79}?`;

/** whisper.cpp's `-di` label in SRT and text output: `(speaker 0) words`, `(speaker ?)` where it could not tell. */
const WHISPER_CPP = /^\(speaker ([^)\s]{1,8})\)(?:\s+(.*))?$/;

/** The speaker name for whisper.cpp's `(speaker 0)` label: `Speaker 0`, and `Unknown speaker` for `?`. */
export function whisperCppSpeaker(label: string): string {
  return label === '?' ? 'Unknown speaker' : `Speaker ${label}`;
}

/** `Name: words` at the start of a line (after a dialogue dash), or WhisperX's `[SPEAKER_00]: words`. */
const PREFIX = new RegExp(String.raw`^(?:-\s*)?(?:\[([\p{L}\p{N}_ .-]{1,40})\]|(${NAME}))\s*:(?:\s+(.*))?$`, 'u');

const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const PRONOUNS = /\s*\((?:[a-z]+\/[a-z]+(?:\/[a-z]+)?|any pronouns)\)/giu;
// Words a long name may hold in lower case: particles of family names and `and`.
const PARTICLES = new Set([
  'de',
  'da',
  'das',
  'del',
  'della',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ten',
  'ter',
  'den',
  'het',
  'los',
  'las',
  'dei',
  'degli',
  'zu',
  'bin',
  'binti',
  'ibn',
  'ben',
  'al',
  'el',
  'y',
  'e',
  'and',
]);

/** A speaker prefix read from a line: the name as written and the words after it. */
export interface SpeakerPrefix {
  name: string;
  text: string;
  /** The name is a diarizer's label: WhisperX's `[SPEAKER_00]:` or whisper.cpp's `(speaker 0)`. */
  bracketed: boolean;
}

/** The `Name: words` (or WhisperX's `[SPEAKER_00]: words`, whisper.cpp's `(speaker 0) words`) prefix of a line, when what comes before the colon reads as a speaker's name. */
export function speakerPrefix(line: string): SpeakerPrefix | undefined {
  const asr = WHISPER_CPP.exec(line.trim());
  if (asr) return { name: whisperCppSpeaker(asr[1]!), text: asr[2] ?? '', bracketed: true };
  const match = PREFIX.exec(line.trim());
  if (!match) return undefined;
  const text = match[3] ?? '';
  if (match[1] !== undefined) return { name: match[1].trim(), text, bracketed: true };
  const name = match[2]!.trim();
  return isSpeakerName(name) ? { name, text, bracketed: false } : undefined;
}

/**
 * Whether text before a colon reads as a speaker's name: an e-mail address; up to four words
 * (`Dr Rivera`, `Jane Doe (she/her)`); or a name whose words start with a capital but for particles such as `de` or `van`, which a name with a comma or `&` must be too
 * (`Inglis, Jake`, `Sam & Alex`, `Maria de la Cruz Fernández`), so that a clause such as
 * `well, what I mean is this:` is not taken for a name.
 */
export function isSpeakerName(name: string): boolean {
  if (EMAIL.test(name)) return true;
  if (/[@/]/.test(name.replace(PRONOUNS, ''))) return false;
  const words = name
    .replace(PRONOUNS, '')
    .split(/[\s,&]+/)
    .filter((w) => w !== '');
  if (words.length === 0) return false;
  const capitalised = words.every((w) => /^[\p{Lu}\p{Lt}\p{N}(]/u.test(w) || PARTICLES.has(w.toLowerCase()));
  // `Inglis, Jake` and `Sam & Alex` are names; `Well, you know` is not.
  if (words.length <= 4 && !/[,&]/.test(name)) return true;
  return words.length <= 10 && capitalised;
}

/**
 * A display name as a turn label would say it: pronouns in parentheses dropped (`Jane Doe
 * (she/her)` is `Jane Doe`), an e-mail address cut to its local part (`jane.doe@example.org`
 * is `jane.doe`) and `&` written `and`; the label is then made safe by the session builder.
 */
export function labelOfName(name: string): string {
  const trimmed = name.trim();
  if (EMAIL.test(trimmed)) return trimmed.slice(0, trimmed.indexOf('@'));
  const cleaned = trimmed
    .replace(PRONOUNS, '')
    .replace(/\s*&\s*/g, ' and ')
    .trim();
  return cleaned === '' ? trimmed : cleaned;
}
