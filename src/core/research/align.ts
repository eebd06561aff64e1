import { excerpt } from '../text/excerpt';
import type { Turn } from '../model';

// Aligns several coders' copies of one transcript, turn by turn. Each copy is aligned against
// the first by a longest common subsequence of the turns' speakers and texts (annotations
// removed, whitespace and case normalised), in linear memory (Hirschberg 1975), so a client's
// "Okay." never pairs with the therapist's "Okay." while the therapist's own is there. Then,
// only inside the gaps between those aligned turns, turns with the same text and another
// speaker are aligned (a coder who corrected a speaker label), and reported; and a turn whose
// text a coder edited still aligns when it sits alone in the same gap between aligned
// neighbours, with the same speaker and similar words, and is reported as edited. The gaps
// hold fewer turns than the copies, so the cost stays within that of one alignment.

/** One turn present in every copy: `turns[k]` is its turn in copy k. */
export interface AlignedUnit {
  turns: Turn[];
}

/** A turn left out of the statistics because some copy lacks it. */
export interface UnalignedTurn {
  /** The copy (0-based) the turn belongs to. */
  copy: number;
  /** Its 1-based index in that copy. */
  turn: number;
  line: number;
  preview: string;
  /** The copies that have no counterpart of it. */
  missingFrom: number[];
}

/** A turn aligned by its position although its text differs from the first copy's. */
export interface EditedTurn {
  copy: number;
  turn: number;
  line: number;
  preview: string;
  /** The counterpart in the first copy. */
  reference: { turn: number; line: number; preview: string };
}

/** A turn aligned by its text although its speaker differs from the first copy's (whose speaker decides the unit's role). */
export type SpeakerMismatch = EditedTurn;

/** The aligned units in the first copy's order, and the turns that could not be aligned. */
export interface Alignment {
  units: AlignedUnit[];
  unaligned: UnalignedTurn[];
  edited: EditedTurn[];
  speakerMismatches: SpeakerMismatch[];
}

/** The minimum word overlap (Dice) for an edited turn to align by position. */
export const EDIT_SIMILARITY = 0.5;

/** A turn's text as alignment compares it: whitespace collapsed, trimmed, lower case. */
export function normaliseTurnText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Aligns the turns of several copies of one transcript against the first copy. */
export function alignTurns(copies: readonly (readonly Turn[])[]): Alignment {
  const [first = [], ...others] = copies;
  const spoken = new Map<string, number>();
  const written = new Map<string, number>();
  const bySpeaker = (turns: readonly Turn[]): Int32Array =>
    Int32Array.from(turns, (t) => idOf(spoken, `${normaliseTurnText(t.label)}\u0000${normaliseTurnText(t.text)}`));
  const byText = (turns: readonly Turn[]): Int32Array => Int32Array.from(turns, (t) => idOf(written, normaliseTurnText(t.text)));
  const firstIds = bySpeaker(first);
  const firstTexts = byText(first);
  const pairedByPosition: { copy: number; i: number; j: number }[] = [];
  const pairedAcrossSpeakers: { copy: number; i: number; j: number }[] = [];
  // maps[k][i]: the turn of copy k+1 aligned with turn i of the first copy, or -1.
  const maps = others.map((turns, k) => {
    const map = lcsMatches(firstIds, bySpeaker(turns));
    for (const [i, j] of matchInGaps(firstTexts, byText(turns), map)) {
      map[i] = j;
      pairedAcrossSpeakers.push({ copy: k + 1, i, j });
    }
    for (const [i, j] of pairEditedTurns(first, turns, map)) {
      map[i] = j;
      pairedByPosition.push({ copy: k + 1, i, j });
    }
    return map;
  });
  const complete = (i: number): boolean => maps.every((map) => map[i]! >= 0);
  const units: AlignedUnit[] = [];
  const unaligned: UnalignedTurn[] = [];
  first.forEach((turn, i) => {
    if (complete(i)) units.push({ turns: [turn, ...maps.map((map, k) => others[k]![map[i]!]!)] });
    else unaligned.push({ ...where(turn, 0), missingFrom: missingFrom(maps, i) });
  });
  others.forEach((turns, k) => unaligned.push(...unalignedInCopy(turns, k + 1, maps)));
  const report = (pairs: { copy: number; i: number; j: number }[]): EditedTurn[] =>
    pairs.filter((p) => complete(p.i)).map((p) => ({ ...where(others[p.copy - 1]![p.j]!, p.copy), reference: place(first[p.i]!) }));
  return { units, unaligned, edited: report(pairedByPosition), speakerMismatches: report(pairedAcrossSpeakers) };
}

function missingFrom(maps: Int32Array[], i: number): number[] {
  return maps.flatMap((map, k) => (map[i]! < 0 ? [k + 1] : []));
}

// The turns of copy `copy` that belong to no complete unit, with the copies that lack them.
function unalignedInCopy(turns: readonly Turn[], copy: number, maps: Int32Array[]): UnalignedTurn[] {
  const own = maps[copy - 1]!;
  const firstOf = new Int32Array(turns.length).fill(-1);
  own.forEach((j, i) => {
    if (j >= 0) firstOf[j] = i;
  });
  return turns.flatMap((turn, j) => {
    const i = firstOf[j]!;
    const lacking = i < 0 ? [0] : missingFrom(maps, i);
    return lacking.length === 0 ? [] : [{ ...where(turn, copy), missingFrom: lacking }];
  });
}

function where(turn: Turn, copy: number): { copy: number; turn: number; line: number; preview: string } {
  return { copy, ...place(turn) };
}

function place(turn: Turn): { turn: number; line: number; preview: string } {
  return { turn: turn.index, line: turn.range.start.line, preview: preview(turn) };
}

/**
 * A short, one-line view of a turn for reports and their notes on stderr: `label: text…`, masked
 * as every message shows transcript text (`C: I g**** s*.`); the line number says where it is.
 */
export function preview(turn: Turn): string {
  return `${excerpt(turn.label)}: ${excerpt(turn.text.replace(/\s+/g, ' ').trim())}`;
}

function idOf(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = ids.size));
  return id;
}

/** For each element of `a`, the index of its partner in `b` in a longest common subsequence, or -1. */
export function lcsMatches(a: Int32Array, b: Int32Array): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) match[lo] = lo++;
  let endA = a.length;
  let endB = b.length;
  while (endA > lo && endB > lo && a[endA - 1] === b[endB - 1]) match[--endA] = --endB;
  hirschberg(a, lo, endA, b, lo, endB, match);
  return match;
}

function hirschberg(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, match: Int32Array): void {
  if (a1 <= a0 || b1 <= b0) return;
  if (a1 - a0 === 1) {
    const j = b.subarray(b0, b1).indexOf(a[a0]!);
    if (j >= 0) match[a0] = b0 + j;
    return;
  }
  const mid = (a0 + a1) >> 1;
  const front = lcsLengths(a, a0, mid, b, b0, b1, false);
  const back = lcsLengths(a, mid, a1, b, b0, b1, true);
  const width = b1 - b0;
  let best = -1;
  let split = b0;
  for (let k = 0; k <= width; k++) {
    const total = front[k]! + back[width - k]!;
    if (total > best) [best, split] = [total, b0 + k];
  }
  hirschberg(a, a0, mid, b, b0, split, match);
  hirschberg(a, mid, a1, b, split, b1, match);
}

// row[k]: the LCS length of a[a0, a1) and the first k of b[b0, b1) (or the last k, reversed).
function lcsLengths(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, reverse: boolean): Int32Array {
  const width = b1 - b0;
  let previous = new Int32Array(width + 1);
  let current = new Int32Array(width + 1);
  for (let i = 0; i < a1 - a0; i++) {
    const x = reverse ? a[a1 - 1 - i] : a[a0 + i];
    for (let k = 1; k <= width; k++) {
      const y = reverse ? b[b1 - k] : b[b0 + k - 1];
      current[k] = x === y ? previous[k - 1]! + 1 : Math.max(previous[k]!, current[k - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous;
}

/** A gap between aligned neighbours: the unaligned turns [i0, i1) of the first copy and [j0, j1) of another. */
interface Gap {
  i0: number;
  i1: number;
  j0: number;
  j1: number;
}

// The gaps of a monotone alignment `map` of the first copy (map.length turns) with another of `otherLength` turns.
function gapsOf(map: Int32Array, otherLength: number): Gap[] {
  const gaps: Gap[] = [];
  let i = 0;
  let j = 0;
  while (i <= map.length) {
    let end = i;
    while (end < map.length && map[end]! < 0) end++;
    const nextJ = end < map.length ? map[end]! : otherLength;
    if (end > i && nextJ > j) gaps.push({ i0: i, i1: end, j0: j, j1: nextJ });
    i = end + 1;
    j = nextJ + 1;
  }
  return gaps;
}

// Inside each gap, a longest common subsequence of the texts alone: the turns it pairs differ in speaker,
// since turns with the same speaker and text would have extended the first alignment.
function matchInGaps(first: Int32Array, other: Int32Array, map: Int32Array): [number, number][] {
  return gapsOf(map, other.length).flatMap(({ i0, i1, j0, j1 }) => {
    const inGap = lcsMatches(first.subarray(i0, i1), other.subarray(j0, j1));
    return [...inGap].flatMap((j, k): [number, number][] => (j < 0 ? [] : [[i0 + k, j0 + j]]));
  });
}

// Gaps of equal length between aligned neighbours: pair their turns in order when speaker and words match.
function pairEditedTurns(first: readonly Turn[], other: readonly Turn[], map: Int32Array): [number, number][] {
  return gapsOf(map, other.length).flatMap(({ i0, i1, j0, j1 }) => {
    if (i1 - i0 !== j1 - j0) return [];
    return Array.from({ length: i1 - i0 }, (_, k): [number, number] => [i0 + k, j0 + k]).filter(([i, j]) => similarTurns(first[i]!, other[j]!));
  });
}

function similarTurns(a: Turn, b: Turn): boolean {
  return a.label === b.label && wordSimilarity(a.text, b.text) >= EDIT_SIMILARITY;
}

/** The Dice coefficient of two texts' words (as multisets, case-insensitive): 1 for the same words, 0 for none shared. */
export function wordSimilarity(a: string, b: string): number {
  const words = (s: string): string[] => normaliseTurnText(s).match(/[\p{L}\p{N}']+/gu) ?? [];
  const wa = words(a);
  const wb = words(b);
  if (wa.length + wb.length === 0) return 1;
  const tally = new Map<string, number>();
  for (const w of wa) tally.set(w, (tally.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const n = tally.get(w) ?? 0;
    if (n === 0) continue;
    tally.set(w, n - 1);
    shared++;
  }
  return (2 * shared) / (wa.length + wb.length);
}
