import type { Session } from '../../model';
import { closestName } from '../../text/spelling';
import { addFrontMatterEntry } from '../frontMatterEdits';
import { listNames } from '../ruleHelpers';
import type { Fix, Rule, TextEdit } from '../types';

/** A `Label:` turn whose label the front matter does not declare. */
export const speakerUndeclared: Rule = {
  id: 'speaker-undeclared',
  description: 'Every turn label must be a speaker declared in the front matter (or T, Therapist, C, Client by default).',
  defaultSeverity: 'error',
  check({ session, report }) {
    const declared = session.speakers.map((s) => s.label);
    for (const turn of session.turns) {
      if (turn.role !== undefined) continue;
      const fixes: Fix[] = [];
      const declare = declareSpeaker(session, turn.label);
      if (declare) fixes.push({ title: `Declare speaker '${turn.label}' in the front matter`, edits: [declare], safe: false });
      const closest = closestName(turn.label, declared);
      if (closest) fixes.push({ title: `Change '${turn.label}' to '${closest}'`, edits: [{ range: turn.labelRange, newText: closest }], safe: false });
      report({ message: `Unknown speaker '${turn.label}'; declared speakers are ${listNames(declared)}`, range: turn.labelRange, fixes });
    }
  },
};

function declareSpeaker(session: Session, label: string): TextEdit | undefined {
  const entry = `${yamlKey(label)}: other`;
  // Without a `speakers:` key the defaults apply, so the new key must keep the default labels the file uses.
  const used = new Set(session.turns.map((t) => t.label));
  const defaults = session.speakers.filter((s) => used.has(s.label)).map((s) => `${yamlKey(s.label)}: ${s.role}`);
  return addFrontMatterEntry(session, 'speakers', [entry], [...defaults, entry]);
}

function yamlKey(label: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(label) && !/^(true|false|null|yes|no|on|off|~)$/i.test(label) ? label : JSON.stringify(label);
}
