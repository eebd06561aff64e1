// "Did you mean": the known name closest in spelling to an unknown one. It runs on every
// keystroke, over names that come from files (goal ids, speaker labels, a codebook's codes), so
// every cost is bounded: long names get no suggestion, the edit distance stops as soon as it
// exceeds what could still be suggested, and one check spends a fixed amount of work at most.

/** Names longer than this get no suggestion: typos are looked for in ids and labels, not in long text. */
export const MAX_SUGGESTED_LENGTH = 64;

/** The work one check may spend on suggestions (known names looked at plus distance-table cells); past it, findings come without one. */
export const SPELLING_BUDGET = 2_000_000;

/** The most known names compared with one unknown name; the closest lengths come first. */
export const MAX_COMPARED = 10_000;

/** What the suggestions of one check may still spend; shared by its `Speller`s and `closestName` calls. */
export interface SpellingBudget {
  remaining: number;
}

/** A fresh budget for one check. */
export function spellingBudget(units = SPELLING_BUDGET): SpellingBudget {
  return { remaining: units };
}

interface KnownName {
  /** Its place in the original order: the first of equally close names wins. */
  index: number;
  name: string;
  folded: string;
}

/** Known names made ready for suggestions: each lower-cased once and grouped by length. Keep one for a set that outlives a check, such as a codebook. */
export interface KnownNames {
  byLength: ReadonlyMap<number, readonly KnownName[]>;
}

/** Prepares `names` for `Speller`s. */
export function knownNames(names: Iterable<string>): KnownNames {
  const byLength = new Map<number, KnownName[]>();
  let index = 0;
  for (const name of names) {
    const folded = name.toLowerCase();
    let group = byLength.get(folded.length);
    if (!group) byLength.set(folded.length, (group = []));
    group.push({ index: index++, name, folded });
  }
  return { byLength };
}

/** Suggests, for the unknown names of one check, the closest known name that is likely meant; each distinct name is looked up once. */
export class Speller {
  private readonly known: KnownNames;
  private readonly memo = new Map<string, string | undefined>();

  constructor(
    known: KnownNames | Iterable<string>,
    private readonly budget: SpellingBudget = spellingBudget(),
  ) {
    this.known = 'byLength' in known ? known : knownNames(known);
  }

  /** The known name closest in spelling to `name` (ignoring case), if close enough to be a likely typo; the first of equally close ones. */
  suggest(name: string): string | undefined {
    if (!this.memo.has(name)) this.memo.set(name, this.search(name));
    return this.memo.get(name);
  }

  private search(name: string): string | undefined {
    if (name.length > MAX_SUGGESTED_LENGTH || this.budget.remaining <= 0) return undefined;
    const folded = name.toLowerCase();
    // As close as a suggestion may be: a third of the name, at least 2, and never the whole name.
    let limit = Math.min(Math.max(2, Math.floor(name.length / 3)), name.length - 1);
    let best: KnownName | undefined;
    let compared = 0;
    for (const length of lengthsNear(folded.length, limit)) {
      for (const candidate of this.known.byLength.get(length) ?? []) {
        // Past the nearest lengths, or with an exact match found (later names of its length come after it), nothing can win.
        if (Math.abs(length - folded.length) > limit || (best && limit === 0)) break;
        // Out of work: the closest of the names compared so far, if any.
        if (++compared > MAX_COMPARED || --this.budget.remaining <= 0) return best?.name;
        const distance = boundedEditDistance(folded, candidate.folded, limit, this.budget);
        if (distance > limit) continue;
        if (!best || distance < limit || candidate.index < best.index) {
          best = candidate;
          limit = distance;
        }
      }
    }
    return best?.name;
  }
}

/** The candidate closest in spelling to `name`, if close enough to be a likely typo; for one look-up in a small set (a check with many uses a `Speller`). */
export function closestName(name: string, candidates: Iterable<string>, budget?: SpellingBudget): string | undefined {
  return new Speller(candidates, budget).suggest(name);
}

// The name lengths within `limit` of `length`, nearest first: a name of the same length is the likeliest typo.
function* lengthsNear(length: number, limit: number): Generator<number> {
  yield length;
  for (let d = 1; d <= limit; d++) {
    yield length - d;
    yield length + d;
  }
}

// Two rows of the distance table, reused by every call (names are short, so they stay small).
let scratch: [Int32Array, Int32Array] = [new Int32Array(256), new Int32Array(256)];

/**
 * The Levenshtein distance of `a` and `b` (UTF-16 units) if it is at most `limit`, else `limit + 1`.
 * Only the cells within `limit` of the diagonal are computed, and it stops at the first row whose
 * cells all exceed `limit`; the cells computed are taken from `budget`.
 */
export function boundedEditDistance(a: string, b: string, limit: number, budget?: SpellingBudget): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  if (a === b) return 0;
  const n = b.length;
  if (scratch[0].length <= n) scratch = [new Int32Array(2 * n + 2), new Int32Array(2 * n + 2)];
  let [previous, current] = scratch;
  for (let j = 0; j <= n; j++) previous[j] = Math.min(j, over);
  let cells = 0;
  try {
    for (let i = 1; i <= a.length; i++) {
      const from = Math.max(1, i - limit);
      const to = Math.min(n, i + limit);
      current[from - 1] = from === 1 ? Math.min(i, over) : over;
      let rowMinimum = current[from - 1]!;
      const unit = a.charCodeAt(i - 1);
      for (let j = from; j <= to; j++) {
        const value = Math.min(previous[j - 1]! + (unit === b.charCodeAt(j - 1) ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1, over);
        current[j] = value;
        if (value < rowMinimum) rowMinimum = value;
      }
      cells += to - from + 1;
      // The cell right of the band is read by the next row, whose band reaches one further.
      if (to < n) current[to + 1] = over;
      if (rowMinimum > limit) return over;
      [previous, current] = [current, previous];
    }
    return previous[n]!;
  } finally {
    if (budget) budget.remaining -= cells;
  }
}
