import type { Session } from '../../model';
import { closestName } from '../../text/spelling';
import { addFrontMatterEntry, entryMode } from '../frontMatterEdits';
import { listNames } from '../ruleHelpers';
import type { Fix, Rule, TextEdit } from '../types';

/** A `Label:` turn whose label the front matter does not declare. */
export const speakerUndeclared: Rule = {
  id: 'speaker-undeclared',
  description: 'Every turn label must be a speaker declared in the front matter (or T, Therapist, C, Client by default).',
  defaultSeverity: 'error',
  check({ session, report }) {
    const fm = session.frontMatter;
    // Unreadable YAML hides what the file declares; front-matter-invalid reports it, and guessing here would only add noise.
    if (fm?.problems.some((p) => p.kind === 'syntax')) return;
    const declaredSpeakers = declaredLabels(session);
    const declared = new Set(declaredSpeakers.labels);
    const undeclared = [...new Set(session.turns.map((t) => t.label).filter((label) => !declared.has(label)))];
    for (const turn of session.turns) {
      if (declared.has(turn.label)) continue;
      const fixes: Fix[] = [];
      const declare = declaredSpeakers.canAdd ? declareSpeaker(session, turn.label, undeclared) : undefined;
      if (declare) fixes.push({ title: declare.title, edits: [declare.edit], safe: false });
      const closest = closestName(turn.label, declaredSpeakers.labels);
      if (closest) fixes.push({ title: `Change '${turn.label}' to '${closest}'`, edits: [{ range: turn.labelRange, newText: closest }], safe: false });
      report({ message: `Unknown speaker '${turn.label}'; declared speakers are ${listNames(declaredSpeakers.labels)}`, range: turn.labelRange, fixes });
    }
  },
};

/**
 * The labels the file declares. When `speakers:` is a mapping with a mistyped role the parser
 * falls back to the defaults, but the labels written there are still the declared ones (the
 * bad role is front-matter-invalid's finding), and declaring them again would duplicate a key.
 */
function declaredLabels(session: Session): { labels: string[]; canAdd: boolean } {
  const fm = session.frontMatter;
  const raw = fm?.data['speakers'];
  if (fm?.speakers || raw === undefined || raw === null) return { labels: session.speakers.map((s) => s.label), canAdd: true };
  if (typeof raw === 'object' && !Array.isArray(raw)) return { labels: Object.keys(raw), canAdd: true };
  // `speakers:` holds a list or a scalar: adding a `Label: role` line to it would not make valid YAML.
  return { labels: session.speakers.map((s) => s.label), canAdd: false };
}

function declareSpeaker(session: Session, label: string, undeclared: string[]): { title: string; edit: TextEdit } | undefined {
  const entry = (name: string): string => `${yamlKey(name)}: other`;
  if (entryMode(session, 'speakers') !== 'create') {
    const edit = addFrontMatterEntry(session, 'speakers', [entry(label)]);
    return edit && { title: `Declare speaker '${label}' in the front matter`, edit };
  }
  // Without a `speakers:` key the defaults apply, so the new key must keep the default labels the file uses.
  // Every undeclared label goes in at once: each finding then carries the same edit, and applying
  // all of them (fix all, --fix) writes one `speakers:` key rather than one per label.
  const used = new Set(session.turns.map((t) => t.label));
  const defaults = session.speakers.filter((s) => used.has(s.label)).map((s) => `${yamlKey(s.label)}: ${s.role}`);
  const edit = addFrontMatterEntry(session, 'speakers', [entry(label)], [...defaults, ...undeclared.map(entry)]);
  const title = undeclared.length > 1 ? `Declare speakers ${undeclared.map((l) => `'${l}'`).join(', ')} in the front matter` : `Declare speaker '${label}' in the front matter`;
  return edit && { title, edit };
}

function yamlKey(label: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(label) && !/^(true|false|null|yes|no|on|off|~)$/i.test(label) ? label : JSON.stringify(label);
}
