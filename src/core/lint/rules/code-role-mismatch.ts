import { lookupCode } from '../../codebook/codebook';
import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A code on a turn of a role it does not apply to, such as a therapist technique on a client turn. */
export const codeRoleMismatch: Rule = {
  id: 'code-role-mismatch',
  description:
    "A code's role (therapist or client) must match the role of the turn it sits in; `session-md stats` does not count a code on a turn of another role.",
  // An error, not a warning: the code is left out of every count (MITI 4.2.1 and MISC 2.5 code each speaker's own behaviour), so the figures differ from what the coder wrote.
  defaultSeverity: 'error',
  codebook: true,
  check({ session, codebook, report }) {
    if (!codebook) return;
    for (const turn of session.turns) {
      if (!turn.role) continue;
      for (const annotation of turn.codes) {
        const code = lookupCode(codebook, annotation.id);
        if (!code || code.role === 'any' || code.role === turn.role) continue;
        report({
          // The id is one the codebook defines (vocabulary); the speaker label is the transcript's own.
          message: `Code '${annotation.id}' is for ${code.role} turns, but '${excerpt(turn.label)}' is ${turn.role === 'other' ? 'neither therapist nor client' : `the ${turn.role}`}`,
          range: annotation.range,
        });
      }
    }
  },
};
