import type { Range, YamlProblem } from '../model';
import { rangeOf, type YamlData } from '../schema/yamlData';

// How a codebook's codes are counted for the summary scores (docs/format.md#counting-rules).
// MISC 2.5 counts every coded utterance. MITI 4.2.1 (Moyers, Manuel & Ernst 2015), section
// E.1.a, counts per volley, the clinician's speech until the client speaks: a volley earns each
// code once, one reflection (complex if any is), one question, and 8 codes at most. The rules are
// data of the codebook, so that a codebook, not the program, says which ids they are about.

/** The unit a codebook counts its codes in. */
export type CountingUnit = 'utterance' | 'volley';

/** The counting rules a codebook declares under `counting:`; without it, per utterance and nothing else. */
export interface CountingRules {
  unit: CountingUnit;
  /** Words and phrases, as written, that alone in another speaker's turn do not end a volley. */
  facilitative: string[];
  /** The same, each as its normalized words (see `normalizedWords`). */
  facilitativeWords: string[][];
  maxCodesPerUtterance?: number;
  maxCodesPerVolley?: number;
  /** Lists of codes of which a volley earns one at most: the first of the list that it has. */
  onePerVolley: string[][];
  /** A code → the codes it replaces when both code one utterance. */
  trumps: Map<string, string[]>;
  /** A parent → the subtype it counts as when written bare. */
  unspecified: Map<string, string>;
}

/** `counting:` as the schema lets it be written. */
export interface RawCountingRules {
  unit?: CountingUnit;
  facilitative?: string[];
  maxCodesPerUtterance?: number;
  maxCodesPerVolley?: number;
  onePerVolley?: string[][];
  trumps?: Record<string, string[]>;
  unspecified?: Record<string, string>;
}

/** Whether the codebook defines an id (a parent of defined codes counts), and the ids it defines. */
interface DefinedCodes {
  has(id: string): boolean;
  ids: Iterable<string>;
}

const VOLLEY_ONLY = ['facilitative', 'maxCodesPerVolley', 'onePerVolley'] as const;

/** Reads `counting:` (already valid by the schema), with every problem the schema cannot see positioned in the file. */
export function readCountingRules(raw: RawCountingRules, codes: DefinedCodes, yaml: YamlData, problems: YamlProblem[]): CountingRules {
  const at = (path: (string | number)[], part: 'key' | 'value' = 'value'): Range => rangeOf(yaml, ['counting', ...path], part);
  const report = (message: string, range: Range): void => void problems.push({ kind: 'type', message, range });
  const unit = raw.unit ?? 'utterance';
  if (unit !== 'volley') {
    // In the order written, so the problems read top to bottom.
    for (const key of Object.keys(raw).filter((k): k is (typeof VOLLEY_ONLY)[number] => (VOLLEY_ONLY as readonly string[]).includes(k)))
      report(`'counting.${key}' applies only to a codebook that counts per volley (unit: volley)`, at([key], 'key'));
  }
  const defined = (id: string, where: string, range: Range): void => {
    if (!codes.has(id)) report(`'counting.${where}' lists '${id}', which this codebook does not define`, range);
  };
  (raw.onePerVolley ?? []).forEach((list, i) => list.forEach((id, k) => defined(id, 'onePerVolley', at(['onePerVolley', i, k]))));
  const trumps = new Map<string, string[]>();
  for (const [code, over] of Object.entries(raw.trumps ?? {})) {
    if (!codes.has(code)) report(`'counting.trumps' names '${code}', which this codebook does not define`, at(['trumps', code], 'key'));
    over.forEach((id, k) => {
      if (id === code) report(`Code '${code}' cannot trump itself`, at(['trumps', code, k]));
      else if (raw.trumps?.[id]?.includes(code)) report(`Codes '${code}' and '${id}' cannot trump each other`, at(['trumps', code, k]));
      else defined(id, 'trumps', at(['trumps', code, k]));
    });
    trumps.set(code, [...over]);
  }
  const unspecified = new Map<string, string>();
  for (const [parent, subtype] of Object.entries(raw.unspecified ?? {})) {
    const subtypes = [...codes.ids].filter((id) => id.startsWith(`${parent}.`));
    if (subtypes.length === 0)
      report(`'counting.unspecified' names '${parent}', which is no parent of codes this codebook defines`, at(['unspecified', parent], 'key'));
    else if (!subtypes.includes(subtype))
      report(
        `'counting.unspecified' should give '${parent}' one of its subtypes, such as '${subtypes[0]}'; '${subtype}' is not one`,
        at(['unspecified', parent]),
      );
    unspecified.set(parent, subtype);
  }
  const facilitative = raw.facilitative ?? [];
  const facilitativeWords = facilitative.map(normalizedWords);
  facilitativeWords.forEach((words, i) => {
    if (words.length === 0) report(`Facilitative word '${facilitative[i]}' has no letters or digits, so no turn can consist of it`, at(['facilitative', i]));
  });
  const rules: CountingRules = {
    unit,
    facilitative: [...facilitative],
    facilitativeWords: facilitativeWords.filter((w) => w.length > 0),
    onePerVolley: (raw.onePerVolley ?? []).map((l) => [...l]),
    trumps,
    unspecified,
  };
  if (raw.maxCodesPerUtterance !== undefined) rules.maxCodesPerUtterance = raw.maxCodesPerUtterance;
  if (raw.maxCodesPerVolley !== undefined) rules.maxCodesPerVolley = raw.maxCodesPerVolley;
  return rules;
}

// Transcription marks such as (laughs) or [inaudible] are no words (as in countWords).
const MARK = /\([a-z][a-z' -]*\)|\[[a-z][a-z' -]*\]/gi;
const NOT_WORD = /[^\p{L}\p{N}\s]/gu;
const SPACES = /\s+/;

/** The words of a text as facilitative words are compared: lower case, without marks and punctuation, so `Mm-hmm!` is `mmhmm`. */
export function normalizedWords(text: string): string[] {
  return text.replace(MARK, ' ').toLowerCase().replace(NOT_WORD, '').split(SPACES).filter(Boolean);
}

/** The words of the facilitative phrases, built once per set of rules: counts run again after every edit. */
const vocabularies = new WeakMap<readonly string[][], Set<string>>();

/**
 * Whether a turn's text is made only of the facilitative words and phrases (MITI 4.2.1: such a
 * turn of the client does not end the clinician's volley). A turn without words, such as
 * `C: (laughs)`, is too. Most turns are sentences, given up at their first word that is in no
 * phrase; the rest are covered with phrases left to right.
 */
export function isFacilitative(text: string, rules: Pick<CountingRules, 'facilitativeWords'>): boolean {
  const phrases = rules.facilitativeWords;
  if (phrases.length === 0) return false;
  let vocabulary = vocabularies.get(phrases);
  if (!vocabulary) vocabularies.set(phrases, (vocabulary = new Set(phrases.flat())));
  const spoken = text.includes('(') || text.includes('[') ? text.replace(MARK, ' ') : text;
  const words: string[] = [];
  for (const token of spoken.split(SPACES)) {
    const word = token.toLowerCase().replace(NOT_WORD, '');
    if (word === '') continue;
    if (!vocabulary.has(word)) return false;
    words.push(word);
  }
  // reachable[i]: the first i words are a sequence of phrases.
  const reachable = new Array<boolean>(words.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < words.length; i++) {
    if (!reachable[i]) continue;
    for (const phrase of phrases) {
      if (i + phrase.length <= words.length && phrase.every((w, k) => words[i + k] === w)) reachable[i + phrase.length] = true;
    }
  }
  return reachable[words.length]!;
}
