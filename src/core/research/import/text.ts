import { readClock } from './time';
import { ImportError, type ImportedTranscript, type ImportWarning, type Utterance } from './types';

// `[00:01:02] Name: words`, `(01:02) Name: words`, `00:01:02 Name: words` or `Name: words`; a name has at most four words.
const SPEAKER_LINE = /^\s*(?:[[(]?(\d{1,2}(?::\d{1,3}){1,2}(?:[.,]\d+)?)[\])]?\s+)?([\p{L}\p{N}][\p{L}\p{N} ._'’()-]{0,59}?)\s*:(?:\s+(.*))?$/u;

/**
 * Reads a plain transcript of `Speaker: text` lines, each optionally after a time such as
 * `[00:01:02]`. Lines without a speaker continue the utterance before them; text before the
 * first speaker line is left out with a warning.
 */
export function readPlainText(text: string): ImportedTranscript {
  const utterances: Utterance[] = [];
  const warnings: ImportWarning[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      const match = SPEAKER_LINE.exec(raw);
      const name = match?.[2]!.trim();
      if (match && name!.split(/\s+/).length <= 4) {
        utterances.push(utterance(name!, match[3] ?? '', match[1], line, warnings));
        return;
      }
      const last = utterances[utterances.length - 1];
      if (last) last.text += `\n${raw}`;
      else warnings.push({ line, message: 'text before the first "Speaker: text" line is left out' });
    });
  if (utterances.length === 0) throw new ImportError('found no "Speaker: text" line');
  return { utterances, warnings };
}

function utterance(speaker: string, text: string, time: string | undefined, line: number, warnings: ImportWarning[]): Utterance {
  const found: Utterance = { speaker, text, line };
  if (time === undefined) return found;
  const clock = readClock(time);
  if (clock.warning) warnings.push({ line, message: clock.warning });
  if (clock.seconds !== undefined) found.seconds = clock.seconds;
  return found;
}
