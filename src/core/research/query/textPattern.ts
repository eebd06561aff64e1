// How `text:` reads its pattern: a word, a "quoted phrase" or a /regular expression/flags. Words
// and phrases match whole words without regard to case, and `*` in them stands for any letters,
// so `text:anx*` finds "anxious" and "anxiety" but `text:sad` not "saddle".

/** The longest pattern read: a query is typed by hand, and a bound keeps every match cheap to build. */
export const MAX_PATTERN_LENGTH = 500;

/** The flags a /regular expression/ may carry: `g` and `y` would make matching depend on the last match. */
const REGEXP_FLAGS = /^[imsu]*$/;

const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;

/** The regular expression of a word or a phrase (its words separated by any white space). */
export function wordsPattern(words: string): RegExp {
  const parts = words.trim().split(/\s+/u).map(wordSource);
  return new RegExp(`(?<!${WORD_CHAR})${parts.join(String.raw`\s+`)}(?!${WORD_CHAR})`, 'iu');
}

function wordSource(word: string): string {
  return word
    .split('*')
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join(`${WORD_CHAR}*`);
}

/** The regular expression of `/source/flags`, or why it is not one; `offset` is where in `source` the problem is, when known. */
export function regexpPattern(source: string, flags: string): RegExp | { problem: string; inFlags: boolean } {
  if (!REGEXP_FLAGS.test(flags)) return { problem: `a /regular expression/ takes only the flags i, m, s and u, not '${flags.slice(0, 10)}'`, inFlags: true };
  try {
    return new RegExp(source, flags);
  } catch (error) {
    // The engine's message names the pattern and what is wrong with it, e.g. "Unterminated group".
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(error);
    return { problem: `not a valid regular expression: ${reason}`, inFlags: false };
  }
}
