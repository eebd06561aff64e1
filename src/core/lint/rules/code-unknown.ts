import { codeSpeller, lookupCode } from '../../codebook/codebook';
import type { Codebook } from '../../codebook/codebook';
import { excerpt } from '../../text/excerpt';
import { hiddenIdCharacter } from '../../text/idCharacters';
import type { Rule } from '../types';
import type { Fix } from '../../model';

/** A `{code}` that the codebook in force does not define. */
export const codeUnknown: Rule = {
  id: 'code-unknown',
  description: 'Every code must be defined by the codebook in force (a parent such as `reflection` of a defined code counts).',
  defaultSeverity: 'error',
  codebook: true,
  check({ session, codebook, report }) {
    if (!codebook) return;
    const speller = codeSpeller(codebook);
    for (const turn of session.turns) {
      for (const code of turn.codes) {
        if (code.id && lookupCode(codebook, code.id)) continue;
        if (!code.id) {
          report({ message: 'Empty code annotation; write a code id inside the braces, e.g. {open-question}', range: code.range });
          continue;
        }
        const closest = speller.suggest(code.id) ?? definedAncestor(codebook, code.id);
        const fixes: Fix[] = closest ? [{ title: `Change to '${closest}'`, edits: [{ range: code.idRange, newText: closest }], safe: false }] : [];
        // An invisible or look-alike character is named by its code point: the masked id cannot show it.
        const hidden = hiddenIdCharacter(code.id);
        report({
          // The code as written is masked; the suggestion is a code the codebook defines.
          message: `Unknown code '${excerpt(code.id)}' in codebook '${codebook.name}'${hidden ? `: ${hidden}` : ''}${closest ? `; did you mean '${closest}'?` : ''}`,
          range: code.range,
          fixes,
        });
      }
    }
  },
};

/** The nearest defined ancestor of a subtype the codebook does not have: `reflection` for `reflection.complex` in a codebook without subtypes. */
function definedAncestor(codebook: Codebook, id: string): string | undefined {
  const parts = id.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const ancestor = parts.slice(0, n).join('.');
    if (lookupCode(codebook, ancestor)) return ancestor;
  }
  return undefined;
}
