import { stagesInForce } from '../../course/stages';
import { stagePlace } from '../../course/sessionStage';
import type { Fix } from '../../model';
import { excerpt } from '../../text/excerpt';
import { Speller } from '../../text/spelling';
import { listNames } from '../ruleHelpers';
import type { Rule } from '../types';

/** A `stage:` that names no stage of the list in force. */
export const stageUnknown: Rule = {
  id: 'stage-unknown',
  description:
    "A session's `stage:` names a stage of the course: `intake`, `working`, `termination` or `follow-up`, or one of the `stages:` a `.sessionmdrc.yaml` lists.",
  defaultSeverity: 'warning',
  check({ session, config, report }) {
    const stage = session.frontMatter?.stage;
    const stages = stagesInForce(config);
    if (stage === undefined || stages.includes(stage)) return;
    const range = stagePlace(session);
    const closest = new Speller(stages).suggest(stage);
    const fixes: Fix[] = closest ? [{ title: `Change to '${closest}'`, edits: [{ range, newText: closest }], safe: false }] : [];
    const from = config.stages ? 'the stages the configuration lists' : 'the built-in stages';
    report({
      message: `Unknown stage '${excerpt(stage)}': use one of ${from} (${listNames(stages)})${closest ? `; did you mean '${closest}'?` : ''}`,
      range,
      fixes,
    });
  },
};
