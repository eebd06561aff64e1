import type { PiiSpan } from './places';

// Phone numbers, ID numbers and dates, found in one pass. A cheap regular expression finds
// candidates: a digit followed by at least three more digits, spaces, dots, dashes, slashes or
// parentheses (so `[00:01:02]`, `10:30`, `7 drinks` and `12%` never are). Each candidate is cut into
// groups of digits and the groups are classified in plain code, so nothing can backtrack.

/** Numbers found in a text by kind; each span is reported by one rule only. */
export interface NumberSpans {
  phone: PiiSpan[];
  idNumber: PiiSpan[];
  date: PiiSpan[];
}

const CANDIDATE = /\d[\d ().\/-]{3,}/g;
const MAX_GROUPS = 8;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
// The day and month written before a year: `14 March `, `14th of March `, `March 14, `, `Mar. 14 `.
const MONTH_DAY_BEFORE = new RegExp(`(?:${DAY}(?:\\s+of)?\\s+(?:${MONTHS})\\.?|(?:${MONTHS})\\.?\\s+${DAY}),?\\s+$`, 'i');
const NI_BEFORE = /[A-Z]{2} ?$/;
const NI = /[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/uy;
const IBAN_BEFORE = /[A-Z]{2}(?:\d{2}(?: ?[A-Z0-9]{4}){0,7} ?)?$/;
const IBAN = /[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/uy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CURRENCY = /[$£€¥₹]\s?$/;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator before the group: ' ', '-', '.', '/', or '' (first group, or right after a parenthesis). */
  sep: string;
  paren: boolean;
}

/** Every phone number, ID-like number and full date in `text` between `from` and `to`. */
export function findNumbers(text: string, from = 0, to = text.length): NumberSpans {
  const found: NumberSpans = { phone: [], idNumber: [], date: [] };
  CANDIDATE.lastIndex = from;
  for (let m = CANDIDATE.exec(text); m && m.index < to; m = CANDIDATE.exec(text)) {
    const start = m.index;
    let rest = from; // groups before it were taken by an IBAN or NI number
    const prefixed = letterPrefixed(text, from, start);
    if (prefixed) {
      found.idNumber.push(prefixed);
      rest = prefixed.end;
    }
    for (const sequence of sequences(text, start, Math.min(start + m[0].length, to))) {
      const groups = sequence.filter((g) => g.start >= rest);
      if (groups.length > 0) classify(text, from, groups, groups.length === sequence.length, found);
    }
    if (CANDIDATE.lastIndex < rest) CANDIDATE.lastIndex = rest;
  }
  return found;
}

// An IBAN (`DE89 3704 0044 0532 0130 00`) or a UK National Insurance number (`QQ 12 34 56 C`) whose digits start the candidate.
function letterPrefixed(text: string, from: number, start: number): PiiSpan | undefined {
  const before = text.slice(Math.max(from, start - 40), start);
  for (const [shape, pattern] of [
    [NI_BEFORE, NI],
    [IBAN_BEFORE, IBAN],
  ] as const) {
    const lead = shape.exec(before);
    if (!lead) continue;
    const at = start - before.length + lead.index;
    if (at > from && WORD_CHAR.test(text.charAt(at - 1))) continue;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match && at + match[0].length > start) return { start: at, end: at + match[0].length };
  }
  return undefined;
}

// The candidate cut into runs of digit groups joined by single separators; two separators in a row, or a stray parenthesis, start a new run.
function sequences(text: string, start: number, end: number): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let sep = '';
  let open = -1;
  const cut = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
    sep = '';
    open = -1;
  };
  let i = start > 0 && text.charAt(start - 1) === '(' ? start - 1 : start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const paren = open >= 0 && text.charAt(j) === ')';
      if (open >= 0 && !paren) cut();
      const group = { start: paren ? open : i, end: paren ? j + 1 : j, digits: text.slice(i, j), sep, paren };
      run.push(group);
      sep = '';
      open = -1;
      i = group.end;
    } else if (c === 40 /* ( */ && open < 0) {
      open = i++;
    } else if (c !== 41 /* ) */ && sep === '' && open < 0 && run.length > 0) {
      sep = text.charAt(i++);
    } else {
      cut();
      i++;
    }
  }
  cut();
  return runs;
}

// Dates and phone numbers first, at each group that can start one; ID numbers in what is left.
function classify(text: string, from: number, groups: Group[], whole: boolean, found: NumberSpans): void {
  const taken: boolean[] = new Array(groups.length).fill(false);
  for (let k = 0; k < groups.length;) {
    const first = groups[k]!;
    const canStart = k === 0 ? !(first.start > from && WORD_CHAR.test(text.charAt(first.start - 1))) : first.sep === ' ';
    const monthDate = k === 0 && whole && canStart ? monthNameDate(text, from, groups) : undefined;
    if (monthDate) {
      found.date.push(monthDate);
      taken[0] = true;
      k = 1;
      continue;
    }
    const date = canStart && numericDate(text, groups, k);
    const plus = k === 0 && whole && first.start > 0 && text.charAt(first.start - 1) === '+' && !first.paren;
    const n = date ? 3 : canStart ? phoneLength(text, groups, k, plus) : 0;
    if (n === 0) {
      k++;
      continue;
    }
    const end = groups[k + n - 1]!.end;
    if (date) found.date.push({ start: first.start, end });
    else found.phone.push({ start: plus ? first.start - 1 : first.start, end });
    for (let i = k; i < k + n; i++) taken[i] = true;
    k += n;
  }
  idNumbers(text, groups, taken, found.idNumber);
}

// `14 March 2026`, `March 14, 2026`, `14th of March 2026`: a four-digit year with a day and a month before it.
function monthNameDate(text: string, from: number, groups: Group[]): PiiSpan | undefined {
  const year = groups[0]!;
  if (!isYear(year.digits) || year.paren || !endsHere(text, groups, 1)) return undefined;
  const before = text.slice(Math.max(from, year.start - 32), year.start);
  const match = MONTH_DAY_BEFORE.exec(before);
  if (!match) return undefined;
  const start = year.start - before.length + match.index;
  if (start > from && WORD_CHAR.test(text.charAt(start - 1))) return undefined;
  return { start, end: year.end };
}

// `2026-03-14`, `14/03/2026`, `3/14/26`, `14.03.2026`: three groups with one separator, a valid day and month.
function numericDate(text: string, groups: Group[], k: number): boolean {
  if (k + 3 > groups.length) return false;
  const [a, b, c] = [groups[k]!, groups[k + 1]!, groups[k + 2]!];
  if (a.paren || b.paren || c.paren || b.sep === '' || !'/-.'.includes(b.sep) || c.sep !== b.sep || !endsHere(text, groups, k + 3)) return false;
  const [x, y, z] = [Number(a.digits), Number(b.digits), Number(c.digits)];
  if (a.digits.length === 4) return isYear(a.digits) && b.digits.length <= 2 && c.digits.length <= 2 && isMonth(y) && isDay(z);
  if (a.digits.length > 2 || b.digits.length > 2) return false;
  const yearOk = isYear(c.digits) || (c.digits.length === 2 && b.sep === '/');
  return yearOk && ((isDay(x) && isMonth(y)) || (isMonth(x) && isDay(y)));
}

/** How many groups from `k` make a phone number (the longest that does), or 0. */
function phoneLength(text: string, groups: Group[], k: number, plus: boolean): number {
  // Only a `+`, a leading 0 or a North American shape can start one; the rest is ruled out at once (a megabyte of `1 1 1 …` stays cheap).
  const lead = groups[k]!.digits;
  const most = Math.min(MAX_GROUPS, groups.length - k);
  const variable = plus || lead.charCodeAt(0) === 48;
  const fixed = lead.length === 3 ? 3 : lead === '1' ? 4 : 0;
  for (let n = variable ? most : Math.min(fixed, most); n > 0 && (variable || n === fixed); n--) {
    if (!endsHere(text, groups, k + n)) continue;
    if (isPhone(groups.slice(k, k + n), plus)) return n;
  }
  return 0;
}

function isPhone(groups: Group[], plus: boolean): boolean {
  if (groups.slice(1).some((g) => g.sep === '/' || (g.sep === '' && !groups[groups.indexOf(g) - 1]!.paren))) return false;
  const digits = groups.map((g) => g.digits).join('');
  const first = groups[0]!;
  // International: +44 20 7946 0958, +1 (555) 123-4567, 0044 20 7946 0958.
  if (plus) return digits.length >= 8 && digits.length <= 15;
  if (/^00[1-9]\d{0,2}$/.test(first.digits) && !first.paren && groups.length >= 2) return digits.length - 2 >= 8 && digits.length - 2 <= 15;
  // North American: (555) 123-4567, 555-123-4567, 1-800-555-0199.
  const nanp = first.digits === '1' && groups.length === 4 ? groups.slice(1) : groups;
  if (
    nanp.length === 3 &&
    /^[2-9]\d\d$/.test(nanp[0]!.digits) &&
    nanp[1]!.digits.length === 3 &&
    nanp[2]!.digits.length === 4 &&
    !nanp[1]!.paren &&
    !nanp[2]!.paren
  )
    return true;
  // National with a trunk 0: 07700 900123, 030 1234567, 020 7946 0958, 01 23 45 67 89; or unbroken, 07700900123.
  if (!/^0[1-9]/.test(first.digits) || groups.slice(1).some((g) => g.paren || g.sep === '.')) return false;
  if (groups.length === 1) return digits.length >= 10 && digits.length <= 11;
  return first.digits.length <= 5 && groups.every((g) => g.digits.length >= 2) && digits.length >= 9 && digits.length <= 11;
}

// Runs of groups nobody took, joined by a space, dash or dot, of 8 digits or more: account, card, social security numbers.
function idNumbers(text: string, groups: Group[], taken: boolean[], out: PiiSpan[]): void {
  for (let k = 0; k < groups.length;) {
    if (taken[k] || groups[k]!.paren) {
      k++;
      continue;
    }
    let n = 1;
    while (
      k + n < groups.length &&
      !taken[k + n] &&
      !groups[k + n]!.paren &&
      ' -.'.includes(groups[k + n]!.sep) &&
      groups[k + n]!.sep !== '' &&
      groups[k + n]!.digits.length >= 2
    )
      n++;
    const run = groups.slice(k, k + n);
    if (isIdNumber(text, run)) out.push({ start: run[0]!.start, end: run[n - 1]!.end });
    k += n;
  }
}

function isIdNumber(text: string, run: Group[]): boolean {
  const digits = run.reduce((sum, g) => sum + g.digits.length, 0);
  if (digits < 8) return false;
  if (run.length > 1 && run.every((g) => isYear(g.digits))) return false; // 1990-2000, 2019 2020 2021
  if (run.length === 2 && run[1]!.sep === '.') return false; // a decimal: 3.14159265
  const seps = new Set(run.slice(1).map((g) => g.sep));
  const thousands = run[0]!.digits.length <= 3 && run.slice(1).every((g) => g.digits.length === 3) && seps.size === 1 && !seps.has('-');
  if (thousands) return false; // 12 000 000, 12.000.000
  const start = run[0]!.start;
  const after = text.charAt(run[run.length - 1]!.end);
  return !CURRENCY.test(text.slice(Math.max(0, start - 2), start)) && after !== '%';
}

// Whether the groups before `index` end a number: nothing follows, or the next group is only a space away.
function endsHere(text: string, groups: Group[], index: number): boolean {
  if (index < groups.length && groups[index]!.sep !== ' ') return false;
  const last = groups[index - 1]!;
  return !WORD_CHAR.test(text.charAt(last.end)) || index < groups.length;
}

function isYear(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith('1') || digits.startsWith('2'));
}

function isMonth(n: number): boolean {
  return n >= 1 && n <= 12;
}

function isDay(n: number): boolean {
  return n >= 1 && n <= 31;
}
