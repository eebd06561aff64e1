import type { PiiSpan } from './places';

// Denylisted names, found at a cost that does not grow with the list. The text is read once,
// word by word; each word is looked up (case-folded) among the first words of the names, and only
// the names that begin with it are tried there, by a pattern that holds those names alone. A
// list of 50,000 names thus costs one map look-up per word of the transcript.
//
// What matches is what one pattern of all the names would match (docs/confidentiality.md):
// case-insensitive as JavaScript's `iu` patterns are (simple case folding), on word boundaries,
// any run of white space between the words of a name, `'` and `’` alike, NFC and NFD spellings.

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}\\p{M}_])';
/** A word (a run of letters, digits, marks and `_`) or one other character that is not white space: where a name can begin. */
const TOKEN = /[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu;
const ASCII = /^[\0-\x7f]*$/;

/** The names that begin with one word: their pattern is compiled the first time that word occurs. */
interface NameGroup {
  sources: string[];
  pattern?: RegExp;
}

const indexes = new WeakMap<readonly string[], Map<string, NameGroup>>();

/** Every occurrence of a denylisted name, ignoring case, on word boundaries: `Ann` finds "ANN" but not "Annual" or "Joanne". */
export function findNames(text: string, names: readonly string[]): PiiSpan[] {
  const index = nameIndex(names);
  const spans: PiiSpan[] = [];
  if (index.size === 0) return spans;
  const tokens = new RegExp(TOKEN.source, TOKEN.flags);
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    const group = index.get(foldKey(m[0]));
    // A word run always starts after a non-word character; a lone other character may not.
    if (!group || (m.index > 0 && !WORD_CHAR.test(m[0]) && WORD_CHAR.test(charBefore(text, m.index)))) continue;
    group.pattern ??= new RegExp(`(?:${group.sources.join('|')})${NOT_WORD_AFTER}`, 'iuy');
    group.pattern.lastIndex = m.index;
    const name = group.pattern.exec(text);
    if (!name) continue;
    spans.push({ start: m.index, end: m.index + name[0].length });
    tokens.lastIndex = m.index + name[0].length;
  }
  return spans;
}

// The names grouped by the case-folded first word of each spelling, built once per list. Within a
// group the longest spelling comes first, so the longest name that matches at a place wins.
function nameIndex(names: readonly string[]): Map<string, NameGroup> {
  let index = indexes.get(names);
  if (index) return index;
  index = new Map();
  const forms = new Set<string>();
  for (const name of names) for (const form of [name.normalize('NFC'), name.normalize('NFD')]) forms.add(form);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    const words = form.trim().split(/\s+/);
    const first = new RegExp(TOKEN.source, 'u').exec(words[0] ?? '');
    if (!first || first.index !== 0) continue;
    const key = foldKey(first[0]);
    let group = index.get(key);
    if (!group) index.set(key, (group = { sources: [] }));
    group.sources.push(words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]")).join('\\s+'));
  }
  indexes.set(names, index);
  return index;
}

/**
 * A word in a form where every spelling an `iu` pattern takes for it looks the same: each
 * character lower-cased through its upper case (`ſ`, `K` (Kelvin) and `s`, `k` meet), and
 * `’` as `'`. It may join more than the pattern does (`ı` and `i`): the pattern decides.
 */
export function foldKey(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  let key = '';
  for (const char of word) key += foldChar(char);
  return key;
}

// Simple case foldings that lower-casing through upper case misses, because the upper case of both is several characters.
const EXTRA_FOLDINGS: Readonly<Record<string, string>> = { '\u1fd3': '\u0390', '\u1fe3': '\u03b0', '\ufb05': '\ufb06' };

// Folded characters, kept for the first few thousand distinct ones a process meets.
const folded = new Map<string, string>();
const MAX_FOLDED = 10_000;

function foldChar(char: string): string {
  let result = folded.get(char);
  if (result === undefined) {
    const single = (s: string): boolean => s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);
    const lower = single(char.toLowerCase()) ? char.toLowerCase() : char;
    const upper = lower.toUpperCase();
    result = char === '’' ? "'" : (EXTRA_FOLDINGS[char] ?? (single(upper) && single(upper.toLowerCase()) ? upper.toLowerCase() : lower));
    if (folded.size < MAX_FOLDED) folded.set(char, result);
  }
  return result;
}

function charBefore(text: string, index: number): string {
  const code = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.charAt(index - 1);
}
