import type { PiiSpan } from './places';

// E-mail addresses, web addresses and denylisted names. The first two start from a fixed
// character sequence (`@`, `://`, `www.`) that a fast search finds, and grow from there with
// bounded, anchored patterns; names are one alternation compiled once per denylist.

const LOCAL_CHAR = /[\p{L}\p{N}._%+\-]/u;
const MAX_LOCAL = 64;
const DOMAIN = /(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-])/uy;
const URL_START = /:\/\/|[wW]{3}\./g;
const SCHEME_BEFORE = /(?:https?|ftp)$/i;
const WWW_HOST = /[wW]{3}\.(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-])/uy;
const URL_STOP = /[\s<>"{}|\\^`[\]]/;
const MAX_URL = 2048;
const TRAILING_PUNCTUATION = /[.,;:!?'"*_’”)]+$/;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** Every e-mail address in `text` (`jane.doe@example.org`). */
export function findEmails(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text.charAt(start - 1))) start--;
    if (start > 0 && LOCAL_CHAR.test(text.charAt(start - 1))) continue; // longer than any local part
    while (start < at && text.charAt(start) === '.') start++;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (!domain) continue;
    spans.push({ start, end: at + 1 + domain[0].length });
    at += domain[0].length;
  }
  return spans;
}

/** Every web address with a scheme (`https://…`, `http://…`, `ftp://…`) or a `www.` host. */
export function findUrls(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    let start = m.index;
    if (m[0] === '://') {
      const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, start - 5), start));
      if (!scheme || !/[\p{L}\p{N}]/u.test(text.charAt(start + 3))) continue;
      start -= scheme[0].length;
    } else {
      WWW_HOST.lastIndex = start;
      if (!WWW_HOST.test(text)) continue;
    }
    if (start > 0 && (WORD_CHAR.test(text.charAt(start - 1)) || text.charAt(start - 1) === '.' || text.charAt(start - 1) === '/')) continue;
    const end = urlEnd(text, m.index + m[0].length);
    spans.push({ start, end });
    URL_START.lastIndex = end;
  }
  return spans;
}

// Where an address that goes on from `from` ends: at white space or a character URLs do not hold, without trailing punctuation or an unmatched `)`.
function urlEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && end - from < MAX_URL && !URL_STOP.test(text.charAt(end))) end++;
  let url = text.slice(from, end);
  for (let trimmed = url.replace(TRAILING_PUNCTUATION, ''); trimmed !== url; trimmed = url.replace(TRAILING_PUNCTUATION, '')) {
    // A `)` the address opened is part of it (Wikipedia links); one it did not open closes the text around it.
    const cut = url.slice(trimmed.length);
    const opened = (trimmed.match(/\(/g) ?? []).length - (trimmed.match(/\)/g) ?? []).length;
    if (cut.startsWith(')') && opened > 0) {
      url = trimmed + ')';
      break;
    }
    url = trimmed;
  }
  return from + url.length;
}

const nameMatchers = new WeakMap<readonly string[], RegExp | null>();

/** Every occurrence of a denylisted name, ignoring case, on word boundaries: `Ann` finds "ANN" but not "Annual" or "Joanne". */
export function findNames(text: string, names: readonly string[]): PiiSpan[] {
  const pattern = nameMatcher(names);
  const spans: PiiSpan[] = [];
  if (!pattern) return spans;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    // The pattern checks the right boundary itself (so "Jane" still matches where "Jane Doe" ran on into a word); the left one is the same for every name.
    if (m.index > 0 && WORD_CHAR.test(charBefore(text, m.index))) {
      pattern.lastIndex = m.index + 1;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

// One case-insensitive alternation, longest names first; spaces match any run of white space, apostrophes either kind; NFC and NFD spellings both.
function nameMatcher(names: readonly string[]): RegExp | null {
  let pattern = nameMatchers.get(names);
  if (pattern !== undefined) return pattern;
  const forms = new Set<string>();
  for (const name of names) for (const form of [name.normalize('NFC'), name.normalize('NFD')]) forms.add(form);
  const sources = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]")).join('\\s+'));
  pattern = sources.length === 0 ? null : new RegExp(`(?:${sources.join('|')})(?![\\p{L}\\p{N}\\p{M}_])`, 'giu');
  nameMatchers.set(names, pattern);
  return pattern;
}

function charBefore(text: string, index: number): string {
  const code = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.charAt(index - 1);
}
