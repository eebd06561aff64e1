import { RE2JS } from 're2js';

// How `text:` reads its pattern: a word, a "quoted phrase" or a /regular expression/flags. Words
// and phrases match whole words without regard to case, and `*` in them stands for any letters,
// so `text:anx*` finds "anxious" and "anxiety" but `text:sad` not "saddle". A regular expression
// is typed by the user (in the editor's filter box too), and JavaScript's engine backtracks: on
// /(a+)+$/ a long turn would take longer than anyone waits. So it runs on RE2 (re2js, the
// JavaScript port of Google's RE2), which matches in time linear in the text; its syntax is
// JavaScript's without look-around and back-references. The word and phrase patterns are built
// here, need look-around for "whole word", and cannot backtrack badly, so they stay RegExps.

/** What a `text:` atom tests a turn's words with: a RegExp, or a compiled RE2 pattern. */
export interface TextMatcher {
  test(text: string): boolean;
}

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
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(`${WORD_CHAR}*`);
}

/** The matcher of `/source/flags` (RE2 syntax), or why it is not one. */
export function regexpPattern(source: string, flags: string): TextMatcher | { problem: string; inFlags: boolean } {
  if (!REGEXP_FLAGS.test(flags)) return { problem: `a /regular expression/ takes only the flags i, m, s and u, not '${flags.slice(0, 10)}'`, inFlags: true };
  if (/\(\?<?[=!]/.test(source)) return { problem: 'look-around ((?=, (?!, (?<=, (?<!) is not supported in text:/…/', inFlags: false };
  let options = 0;
  if (flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) options |= RE2JS.MULTILINE;
  if (flags.includes('s')) options |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(source, options);
  } catch (error) {
    // RE2's message says what is wrong and then quotes the pattern, which the column already points at.
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '').replace(/: `[^]*`$/, '') : String(error);
    return { problem: `not a valid regular expression: ${reason.slice(0, 80)}`, inFlags: false };
  }
}
