import type { Codebook } from '../../codebook/codebook';
import { stagePlace } from '../../course/sessionStage';
import type { Session } from '../../model';
import type { Rule } from '../types';

/** The code family that records explaining confidentiality and the framework: `confidentiality` and its children. */
export const CONFIDENTIALITY_FAMILY = 'confidentiality';

const inFamily = (id: string): boolean => id === CONFIDENTIALITY_FAMILY || id.startsWith(`${CONFIDENTIALITY_FAMILY}.`);

/**
 * An intake session that does not explain confidentiality or sets no goal. The seed's initial
 * sessions explain confidentiality and the framework and set goals together. The confidentiality
 * check needs a codebook with the family; under one without it (miti-4.2.1, a project's own) it is skipped.
 */
export const intakeIncomplete: Rule = {
  id: 'intake-incomplete',
  description:
    'A session with `stage: intake` explains confidentiality (a turn coded `{confidentiality}` or one of its children, when the codebook in force defines that family) and declares at least one goal under `goals:`.',
  defaultSeverity: 'warning',
  codebook: true,
  check({ session, codebook, report }) {
    const fm = session.frontMatter;
    if (fm?.stage !== 'intake' || fm.problems.some((p) => p.kind === 'syntax')) return;
    if (definesFamily(codebook) && !explainsConfidentiality(session)) {
      report({
        message: `This intake session explains no confidentiality: no turn is coded {${CONFIDENTIALITY_FAMILY}} or one of its children; code the turn where the therapist explains confidentiality and the framework`,
        range: stagePlace(session),
      });
    }
    const goals = fm.data['goals'];
    if (!Array.isArray(goals) || goals.length === 0) {
      report({
        message: "This intake session declares no goal; an intake sets the goals of the course together: declare them under 'goals:'",
        range: stagePlace(session),
      });
    }
  },
};

function definesFamily(codebook: Codebook | undefined): boolean {
  if (!codebook) return false;
  for (const id of codebook.codes.keys()) if (inFamily(id)) return true;
  return false;
}

function explainsConfidentiality(session: Session): boolean {
  return session.turns.some((turn) => turn.codes.some((code) => inFamily(code.id)));
}
