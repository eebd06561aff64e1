import type { Session } from '../../model';
import { closestName } from '../../text/spelling';
import { addFrontMatterEntry, entryMode } from '../frontMatterEdits';
import { listNames } from '../ruleHelpers';
import type { Fix, Rule, TextEdit } from '../types';

/** The shape the front matter schema allows for a goal id. */
const GOAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A `{#goal}` reference to a goal the front matter does not declare. */
export const goalUndeclared: Rule = {
  id: 'goal-undeclared',
  description: 'Every goal reference {#id} must name a goal declared under `goals:` in the front matter.',
  defaultSeverity: 'error',
  check({ session, report }) {
    const fm = session.frontMatter;
    // Unreadable YAML hides what the file declares; front-matter-invalid reports it.
    if (fm?.problems.some((p) => p.kind === 'syntax')) return;
    const { ids: declared, canAdd } = declaredGoals(session);
    const undeclared = [...new Set(session.turns.flatMap((t) => t.goals.map((g) => g.id)).filter((id) => GOAL_ID.test(id) && !declared.includes(id)))];
    for (const turn of session.turns) {
      for (const reference of turn.goals) {
        if (declared.includes(reference.id)) continue;
        if (!reference.id) {
          report({ message: 'Empty goal reference; write a goal id after #, e.g. {#sleep}', range: reference.range });
          continue;
        }
        const closest = closestName(reference.id, declared);
        const fixes: Fix[] = [];
        // An id the front matter could not hold (`{#sleep well}`) gets no declare fix.
        const declare = canAdd && GOAL_ID.test(reference.id) ? declareGoal(session, reference.id, undeclared) : undefined;
        // Declaring a goal is safe for --fix unless the id looks like a typo of a declared one.
        if (declare) fixes.push({ title: declare.title, edits: [declare.edit], safe: closest === undefined });
        if (closest) fixes.push({ title: `Change to '${closest}'`, edits: [{ range: reference.idRange, newText: closest }], safe: false });
        report({
          message: `Goal '${reference.id}' is not declared; declared goals are ${listNames(declared)}${closest ? `; did you mean '${closest}'?` : ''}`,
          range: reference.range,
          fixes,
        });
      }
    }
  },
};

/**
 * The goal ids the file declares. A goal with a mistyped field (say `status: finished`) is
 * left off the model, but its id is still declared: reporting its references, or declaring
 * it a second time, would be wrong (the bad field is front-matter-invalid's finding).
 */
function declaredGoals(session: Session): { ids: string[]; canAdd: boolean } {
  const fm = session.frontMatter;
  const ids = (fm?.goals ?? []).map((g) => g.id);
  const raw = fm?.data['goals'];
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
    }
  }
  // `goals:` holding a mapping or a scalar cannot take a new `- id:` item.
  return { ids, canAdd: raw === undefined || raw === null || Array.isArray(raw) };
}

function declareGoal(session: Session, id: string, undeclared: string[]): { title: string; edit: TextEdit } | undefined {
  const goal = (goalId: string): string[] => [`- id: ${goalId}`, `  text: "TODO: describe this goal"`, `  status: open`];
  if (entryMode(session, 'goals') !== 'create') {
    const edit = addFrontMatterEntry(session, 'goals', goal(id));
    return edit && { title: `Declare goal '${id}' in the front matter`, edit };
  }
  // Every undeclared goal goes in at once: each finding then carries the same edit, and applying
  // all of them (fix all, --fix) writes one `goals:` key rather than one per goal.
  const edit = addFrontMatterEntry(session, 'goals', goal(id), undeclared.flatMap(goal));
  const title = undeclared.length > 1 ? `Declare goals ${undeclared.map((g) => `'${g}'`).join(', ')} in the front matter` : `Declare goal '${id}' in the front matter`;
  return edit && { title, edit };
}
