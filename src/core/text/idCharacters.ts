// Ids of codes and goals are ASCII (letters, digits, `-`, `_`, `.`). A character from outside
// ASCII in one is almost always a mistake that the eye cannot see: a zero-width space pasted
// from a word processor, or a Cyrillic `е` that looks exactly like a Latin `e`. Naming it by its
// code point tells the writer what to delete, without quoting the transcript.

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Cc}\p{Cf}]/u;
const LETTER = /\p{L}/u;

/**
 * Why an id cannot be what its writer meant, when it holds a character from outside ASCII: for
 * the first such character, `it contains U+200B, an invisible character` or `it contains U+0435,
 * a letter outside A–Z that may look like one`; undefined for an id in plain ASCII.
 */
export function hiddenIdCharacter(id: string): string | undefined {
  for (const ch of id) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) continue;
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (INVISIBLE.test(ch)) return `it contains ${name}, an invisible character`;
    if (LETTER.test(ch)) return `it contains ${name}, a letter outside A–Z that may look like one`;
    return `it contains ${name}, a character outside ASCII`;
  }
  return undefined;
}
