import type { PiiSpan } from './places';

// E-mail addresses and web addresses. Both start from a fixed character sequence (`@`, `://`,
// `www.`) that a fast search finds, and grow from there with bounded, anchored patterns.
// Denylisted names are found in names.ts.

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
