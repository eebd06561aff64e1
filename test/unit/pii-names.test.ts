import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findNames, foldKey } from '../../src/core/lint/pii/names';
import { generatedNames } from '../../bench/boundedInputs';
import { runs } from '../support/fuzz';

// The denylist matcher as it was: one case-insensitive pattern of every name, longest first. The
// word-indexed matcher must find exactly what it found.
function patternMatcher(text: string, names: readonly string[]): { start: number; end: number }[] {
  const forms = new Set<string>();
  for (const name of names) for (const form of [name.normalize('NFC'), name.normalize('NFD')]) forms.add(form);
  const sources = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((name) =>
      name
        .trim()
        .split(/\s+/)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]"))
        .join('\\s+'),
    );
  if (sources.length === 0) return [];
  const pattern = new RegExp(`(?:${sources.join('|')})(?![\\p{L}\\p{N}\\p{M}_])`, 'giu');
  const wordChar = /[\p{L}\p{N}\p{M}_]/u;
  const spans: { start: number; end: number }[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const code = text.charCodeAt(m.index - 1);
    const before = code >= 0xdc00 && code <= 0xdfff && m.index >= 2 ? text.slice(m.index - 2, m.index) : text.charAt(m.index - 1);
    if (m.index > 0 && wordChar.test(before)) {
      // On by one character, not one UTF-16 unit: inside a surrogate pair the search would start at the same match again, for ever.
      pattern.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

// Letters that case folding treats specially (long s, Kelvin sign, dotless and dotted i, sharp s,
// final sigma), accents written both ways, apostrophes, hyphens and every kind of space.
const PIECES = [
  'a',
  'n',
  'N',
  'Ann',
  'ANN',
  'Jo',
  'Jane',
  'Doe',
  'ſ',
  's',
  'S',
  'K',
  'k',
  'ı',
  'i',
  'I',
  'İ',
  'ß',
  'ẞ',
  'ss',
  'Σ',
  'σ',
  'ς',
  'é',
  'É',
  'e\u0301',
  '\u0301',
  'Zoë',
  'Zoe\u0308',
  'ø',
  'Ø',
  "'",
  '’',
  'O',
  "O'Brien",
  'o’brien',
  '-',
  '.',
  '_',
  '1',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '😀',
  '𐐀',
  '𐐨',
  '\ud800',
];
const piece = fc.constantFrom(...PIECES);
const text = fc.array(piece, { maxLength: 25 }).map((p) => p.join(''));
const name = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((p) => p.join('').trim())
  .filter((n) => [...n].length >= 2);

describe('pii-name matcher', () => {
  it('finds exactly what one pattern of all the names found, on random text and names', () => {
    fc.assert(
      fc.property(text, fc.array(name, { minLength: 1, maxLength: 6 }), (t, names) => {
        assert.deepEqual(findNames(t, names), patternMatcher(t, names));
      }),
      runs(1500),
    );
  });

  it('finds a name whatever the case, spacing, apostrophe or accent form, and only as a whole word', () => {
    const names = ['Jane Doe', 'Søren', "O'Brien", 'Zoë', 'Ann'];
    const t = 'JANE   doe met søren, SØREN and o’brien; Zoe\u0308 saw Annual Joanne ann';
    const found = findNames(t, names).map((s) => t.slice(s.start, s.end));
    assert.deepEqual(found, ['JANE   doe', 'søren', 'SØREN', 'o’brien', 'Zoe\u0308', 'ann']);
    assert.deepEqual(findNames(t, names), patternMatcher(t, names));
  });

  it('goes on past a name that begins with a letter beyond U+FFFF right after a letter (it used to search there for ever)', () => {
    assert.deepEqual(findNames('x𐐀b 𐐀b', ['𐐀b']), [{ start: 5, end: 8 }]);
  });

  it('takes a list of 200,000 names, more than one pattern can hold', () => {
    const names = generatedNames(200_000);
    const t = `C: I talked to ${names[123_456]} and to ${names[7]!.toUpperCase()} yesterday.`;
    const found = findNames(t, names).map((s) => t.slice(s.start, s.end));
    assert.deepEqual(found, [names[123_456], names[7]!.toUpperCase()]);
  });

  it('folds every character as `iu` patterns compare them: characters a pattern takes for each other share a key', () => {
    // Every character with a case mapping, grouped by key; a pattern of one group must match no character of another.
    const cased: string[] = [];
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (c.toLowerCase() !== c || c.toUpperCase() !== c) cased.push(c);
    }
    const groups = new Map<string, string[]>();
    for (const c of cased) {
      const key = foldKey(c);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const all = cased.join('');
    const wordChar = /^[\p{L}\p{N}\p{M}_]$/u;
    for (const members of groups.values()) {
      const escaped = members.map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('');
      const matched = all.match(new RegExp(`[${escaped}]`, 'giu')) ?? [];
      assert.deepEqual([...new Set(matched)].sort(), [...members].sort(), `folding of ${members.join(' ')}`);
      assert.equal(new Set(members.map((c) => wordChar.test(c))).size, 1, `word characters ${members.join(' ')}`);
    }
  });
});
