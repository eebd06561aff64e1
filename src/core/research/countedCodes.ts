import { lookupCode, type Codebook } from '../codebook/codebook';
import { isFacilitative, type CountingRules } from '../codebook/counting';
import type { CodeAnnotation, Turn } from '../model';

// Which written codes count, under the codebook's counting rules (codebook/counting.ts). A code
// counts only if the codebook defines it, and only on a turn of its role, as rule
// code-role-mismatch demands. Per utterance (MISC 2.5, the default), each coded utterance counts
// each of its codes once. Per volley (MITI 4.2.1, section E.1.a), the clinician's turns up to the
// client's next words form a volley, which earns each code once, one code of each `onePerVolley`
// list (one reflection: complex if any) and at most `maxCodesPerVolley` codes. In both, a trumped
// code is dropped from an utterance that has the code trumping it, and a bare parent counts as its
// declared subtype. The trees count again after every edit, so this reads each turn once.

/** The codebook parts counting reads; without `counting`, per utterance. */
export type CountingCodebook = Partial<Pick<Codebook, 'codes' | 'counting'>>;

/** A code that counts: its id (a bare parent's declared subtype) and where it was written. */
export interface CountedCode {
  id: string;
  annotation: CodeAnnotation;
  turn: Turn;
}

/** The codes one unit of counting earns: an utterance, or a volley of the clinician. */
export type CountedUnit =
  | { kind: 'utterance'; codes: CountedCode[] }
  | {
      kind: 'volley';
      turns: Turn[];
      /** Every code the volley earns, in the order first written, before the cap of `maxCodesPerVolley`. */
      earned: CountedCode[];
      /** The codes that count: the first `maxCodesPerVolley` earned. */
      codes: CountedCode[];
    };

/** How many times each code id counts over `turns`, under the codebook's counting rules. */
export function countCodes(turns: readonly Turn[], codebook: CountingCodebook | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of countedUnits(turns, codebook)) for (const { id } of unit.codes) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * The units of counting over `turns`, in order. A volley ends at a turn that is not the
 * clinician's, unless its words are all facilitative (`C: Mm-hmm.`), and at a gap in the turns'
 * numbers (turns of another phase left out), since what came between is not known here.
 */
export function countedUnits(turns: readonly Turn[], codebook: CountingCodebook | undefined): CountedUnit[] {
  const rules = codebook?.counting;
  const units: CountedUnit[] = [];
  const perUtterance = (turn: Turn): void => {
    for (const codes of utteranceCodes(turn, codebook)) units.push({ kind: 'utterance', codes });
  };
  if (rules?.unit !== 'volley') {
    for (const turn of turns) perUtterance(turn);
    return units;
  }
  let volley: Turn[] = [];
  const close = (): void => {
    if (volley.length > 0) units.push(volleyUnit(volley, codebook!, rules));
    volley = [];
  };
  let previous: Turn | undefined;
  for (const turn of turns) {
    if (previous && turn.index !== previous.index + 1) close();
    previous = turn;
    if (turn.role === 'therapist') {
      volley.push(turn);
      continue;
    }
    if (volley.length > 0 && !isFacilitative(turn.text, rules)) close();
    perUtterance(turn);
  }
  close();
  return units;
}

/** The codes of each coded utterance of a turn that count: defined, of the turn's role, a bare parent as its subtype, once each, without trumped ones. */
export function utteranceCodes(turn: Turn, codebook: CountingCodebook | undefined): CountedCode[][] {
  const utterances: { index: number; codes: CountedCode[] }[] = [];
  const unspecified = codebook?.counting?.unspecified;
  for (const annotation of turn.codes) {
    if (!countsOnTurn(turn, annotation.id, codebook)) continue;
    const id = unspecified?.get(annotation.id) ?? annotation.id;
    let utterance = utterances.find((u) => u.index === annotation.utterance);
    if (!utterance) utterances.push((utterance = { index: annotation.utterance, codes: [] }));
    if (!utterance.codes.some((c) => c.id === id)) utterance.codes.push({ id, annotation, turn });
  }
  const trumps = codebook?.counting?.trumps;
  if (!trumps || trumps.size === 0) return utterances.map((u) => u.codes);
  return utterances.map((u) => u.codes.filter((c) => !trumped(c.id, u.codes, trumps)));
}

/** Whether a written code counts on its turn: one the codebook defines (code-unknown reports others), for the turn's role (code-role-mismatch reports others). */
export function countsOnTurn(turn: Turn, id: string, codebook: CountingCodebook | undefined): boolean {
  if (!codebook?.codes) return true;
  const code = lookupCode(codebook as Pick<Codebook, 'codes'>, id);
  return code !== undefined && (!turn.role || code.role === 'any' || code.role === turn.role);
}

/** Whether another code of the same utterance trumps `id` (MITI: Persuade with Permission trumps Persuade). */
export function trumped(id: string, utterance: readonly CountedCode[], trumps: ReadonlyMap<string, readonly string[]>): boolean {
  return utterance.some((other) => other.id !== id && trumps.get(other.id)?.includes(id));
}

function volleyUnit(turns: Turn[], codebook: CountingCodebook, rules: CountingRules): CountedUnit {
  const written: CountedCode[] = [];
  for (const turn of turns) for (const codes of utteranceCodes(turn, codebook)) written.push(...codes);
  const earned: CountedCode[] = [];
  const seen = new Set<string>();
  const placed = new Set<readonly string[]>();
  for (const code of written) {
    if (seen.has(code.id)) continue;
    seen.add(code.id);
    const list = rules.onePerVolley.find((l) => l.includes(code.id));
    if (!list) {
      earned.push(code);
      continue;
    }
    if (placed.has(list)) continue;
    placed.add(list);
    // The volley's one code of the list, where the first of them was written: the first of the list it has.
    const winner = list.find((id) => written.some((c) => c.id === id))!;
    earned.push(written.find((c) => c.id === winner)!);
  }
  return { kind: 'volley', turns, earned, codes: rules.maxCodesPerVolley === undefined ? earned : earned.slice(0, rules.maxCodesPerVolley) };
}
