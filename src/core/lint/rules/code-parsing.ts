import { countedUnits, trumped, utteranceCodes, type CountedCode } from '../../research/countedCodes';
import { listNames } from '../ruleHelpers';
import type { Rule } from '../types';

/**
 * Codes that break the counting rules of their codebook (`counting:`), which `session-md stats`
 * would otherwise resolve silently: a trumped code beside the one trumping it on one utterance
 * (MITI 4.2.1: Persuade with Permission trumps Persuade), more codes on one utterance than the
 * codebook gives it (MITI and MISC: one), and a volley that earns more codes than it may (MITI
 * 4.2.1, E.1.a: eight). Only codes that count are looked at: a code of another role is
 * code-role-mismatch's.
 */
export const codeParsing: Rule = {
  id: 'code-parsing',
  description:
    "Codes follow their codebook's counting rules (`counting:`): no more codes on one utterance and in one volley than it allows (MITI 4.2.1: one per utterance, eight per volley), and no code on the utterance of a code that trumps it (Persuade with Permission trumps Persuade).",
  defaultSeverity: 'warning',
  codebook: true,
  check({ session, codebook, report }) {
    const rules = codebook?.counting;
    if (!rules) return;
    const book = `codebook '${codebook!.name}'`;
    // Only what the codebook limits is looked at: lint runs again after every edit.
    const perUtterance = rules.trumps.size > 0 || rules.maxCodesPerUtterance !== undefined;
    for (const turn of perUtterance ? session.turns : []) {
      for (const utterance of utteranceCodes(turn, { codes: codebook!.codes, counting: { ...rules, trumps: new Map() } })) {
        const kept = utterance.filter((c) => !trumped(c.id, utterance, rules.trumps));
        for (const code of utterance.filter((c) => !kept.includes(c))) {
          const by = utterance.find((c) => c !== code && rules.trumps.get(c.id)?.includes(code.id))!;
          report({
            message: `'${code.id}' and '${by.id}' code one utterance: '${by.id}' trumps '${code.id}' (${book}), so '${code.id}' is not counted`,
            range: code.annotation.range,
          });
        }
        const max = rules.maxCodesPerUtterance;
        if (max !== undefined && kept.length > max) {
          report({
            message: `This utterance has ${kept.length} codes (${listNames(ids(kept))}), but ${book} gives an utterance at most ${max}: write each code after its own words`,
            range: kept[max]!.annotation.range,
          });
        }
      }
    }
    if (rules.unit !== 'volley' || rules.maxCodesPerVolley === undefined) return;
    for (const unit of countedUnits(session.turns, codebook)) {
      if (unit.kind !== 'volley' || unit.codes.length === unit.earned.length) continue;
      const left = unit.earned.slice(unit.codes.length);
      const turns = unit.turns.length === 1 ? `turn ${unit.turns[0]!.index}` : `turns ${unit.turns[0]!.index}–${unit.turns[unit.turns.length - 1]!.index}`;
      report({
        message: `This volley (${turns}) earns ${unit.earned.length} codes, but ${book} counts at most ${unit.codes.length} per volley; ${listNames(ids(left))} ${left.length === 1 ? 'is' : 'are'} not counted`,
        range: left[0]!.annotation.range,
      });
    }
  },
};

function ids(codes: readonly CountedCode[]): string[] {
  return codes.map((c) => c.id);
}
