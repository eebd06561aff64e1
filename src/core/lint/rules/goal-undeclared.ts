import type { Fix, Session, TextEdit } from '../../model';
import { GOAL_ID } from '../../parse/frontMatter';
import { excerpt } from '../../text/excerpt';
import { hiddenIdCharacter } from '../../text/idCharacters';
import { Speller } from '../../text/spelling';
import { addFrontMatterEntry, entryMode } from '../frontMatterEdits';
import type { Rule } from '../types';

/** A `{#goal}` reference to a goal the front matter does not declare. */
export const goalUndeclared: Rule = {
  id: 'goal-undeclared',
  description: 'Every goal reference `{#id}` must name a goal declared under `goals:` in the front matter.',
  defaultSeverity: 'error',
  check({ session, report }) {
    const fm = session.frontMatter;
    // Unreadable YAML hides what the file declares; front-matter-invalid reports it.
    if (fm?.problems.some((p) => p.kind === 'syntax')) return;
    const { ids: declared, canAdd } = declaredGoals(session);
    const isDeclared = new Set(declared);
    const undeclared = [...new Set(session.turns.flatMap((t) => t.goals.map((g) => g.id)).filter((id) => GOAL_ID.test(id) && !isDeclared.has(id)))];
    const declare = canAdd ? goalDeclarations(session, undeclared) : undefined;
    // Goal ids are the transcript's own text, so a list of them masked would say nothing: the message counts them.
    const declaredCount = declared.length === 0 ? 'no goals are declared' : `${declared.length} goal${declared.length === 1 ? ' is' : 's are'} declared`;
    const speller = new Speller(declared);
    for (const turn of session.turns) {
      for (const reference of turn.goals) {
        if (isDeclared.has(reference.id)) continue;
        if (!reference.id) {
          report({ message: 'Empty goal reference; write a goal id after #, e.g. {#sleep}', range: reference.range });
          continue;
        }
        const closest = speller.suggest(reference.id);
        const fixes: Fix[] = [];
        // An id the front matter could not hold (`{#sleep well}`) gets no declare fix.
        const declaration = GOAL_ID.test(reference.id) ? declare?.(reference.id) : undefined;
        // Declaring a goal is safe for --fix unless the id looks like a typo of a declared one. Goal ids are the
        // transcript's own text: the message masks them, and the fix titles (shown beside the text) name them.
        if (declaration) fixes.push({ title: declaration.title, edits: [declaration.edit], safe: closest === undefined });
        if (closest) fixes.push({ title: `Change to '${closest}'`, edits: [{ range: reference.idRange, newText: closest }], safe: false });
        const hidden = hiddenIdCharacter(reference.id);
        report({
          message: `Goal '${excerpt(reference.id)}' is not declared in the front matter (${declaredCount})${hidden ? `; ${hidden}` : ''}${closest ? '; a declared goal has a nearly identical id: check the spelling' : ''}`,
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
  const ids = new Set((fm?.goals ?? []).map((g) => g.id));
  const raw = fm?.data['goals'];
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  // `goals:` holding a mapping or a scalar cannot take a new `- id:` item.
  return { ids: [...ids], canAdd: raw === undefined || raw === null || Array.isArray(raw) };
}

type Declaration = { title: string; edit: TextEdit } | undefined;

/**
 * The declare fix of each undeclared goal id. Each edit is built once per check and shared by
 * every finding that needs it, so a file with many undeclared goals does not copy it per finding.
 */
function goalDeclarations(session: Session, undeclared: string[]): (id: string) => Declaration {
  const goal = (goalId: string): string[] => [`- id: ${goalId}`, `  text: "TODO: describe this goal"`, `  status: open`];
  if (entryMode(session, 'goals') !== 'create') {
    const byId = new Map<string, Declaration>();
    return (id) => {
      if (!byId.has(id)) {
        const edit = addFrontMatterEntry(session, 'goals', goal(id));
        byId.set(id, edit && { title: `Declare goal '${id}' in the front matter`, edit });
      }
      return byId.get(id);
    };
  }
  // Every undeclared goal goes in at once: each finding then carries the same edit, and applying
  // all of them (fix all, --fix) writes one `goals:` key rather than one per goal.
  const edit = addFrontMatterEntry(session, 'goals', undeclared.flatMap(goal));
  const names = undeclared.map((g) => `'${g}'`).join(', ');
  const declaration = edit && {
    title: undeclared.length > 1 ? `Declare goals ${names} in the front matter` : `Declare goal ${names} in the front matter`,
    edit,
  };
  return () => declaration;
}
