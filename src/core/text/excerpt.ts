import { escapeControlCharacter, isControlCharacter } from './controls';

/** About how many characters of transcript text a message may show, before `…`. */
export const EXCERPT_LENGTH = 24;

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{N}/u;

/**
 * The only form in which a message may show text from a transcript (a speaker label, a
 * heading, a code or goal id as written, a front matter value or key): bounded and masked, so
 * CI logs, SARIF uploads and caches never repeat a name or a number. Each run of letters keeps
 * its first letter and the rest become `*`, every digit becomes `#`, punctuation and spaces
 * stay, control characters become visible escapes, and after about 24 characters comes `…`:
 * `Jane Doe` gives `J*** D**`, `4111 1111` gives `#### ####`.
 */
export function excerpt(text: string): string {
  let out = '';
  let inWord = false;
  for (const ch of text) {
    if (out.length >= EXCERPT_LENGTH) return `${out}…`;
    // A combining mark belongs to the letter before it, which is already shown or masked.
    if (MARK.test(ch)) continue;
    if (isControlCharacter(ch)) {
      out += escapeControlCharacter(ch);
      inWord = false;
    } else if (LETTER.test(ch)) {
      out += inWord ? '*' : ch;
      inWord = true;
    } else {
      out += DIGIT.test(ch) ? '#' : ch;
      inWord = false;
    }
  }
  return out;
}
