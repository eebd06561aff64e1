import { addFrontMatterEntry } from '../frontMatterEdits';
import { listNames } from '../ruleHelpers';
import type { Fix, Rule } from '../types';

/** A `{#goal}` reference to a goal the front matter does not declare. */
export const goalUndeclared: Rule = {
  id: 'goal-undeclared',
  description: 'Every goal reference {#id} must name a goal declared under `goals:` in the front matter.',
  defaultSeverity: 'error',
  check({ session, report }) {
    const declared = (session.frontMatter?.goals ?? []).map((g) => g.id);
    for (const turn of session.turns) {
      for (const reference of turn.goals) {
        if (declared.includes(reference.id)) continue;
        if (!reference.id) {
          report({ message: 'Empty goal reference; write a goal id after #, e.g. {#sleep}', range: reference.range });
          continue;
        }
        const goal = [`- id: ${reference.id}`, `  text: "TODO: describe this goal"`, `  status: open`];
        const edit = addFrontMatterEntry(session, 'goals', goal);
        const fixes: Fix[] = edit ? [{ title: `Declare goal '${reference.id}' in the front matter`, edits: [edit], safe: true }] : [];
        report({ message: `Goal '${reference.id}' is not declared; declared goals are ${listNames(declared)}`, range: reference.range, fixes });
      }
    }
  },
};
