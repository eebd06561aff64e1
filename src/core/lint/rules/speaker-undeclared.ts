import type { Fix, Session, TextEdit } from '../../model';
import { excerpt } from '../../text/excerpt';
import { Speller } from '../../text/spelling';
import { addFrontMatterEntry, entryMode } from '../frontMatterEdits';
import { listNames } from '../ruleHelpers';
import type { Rule } from '../types';

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
    const declare = declaredSpeakers.canAdd ? speakerDeclarations(session, undeclared) : undefined;
    const speller = new Speller(declaredSpeakers.labels);
    // Labels are the transcript's own text, so the message masks them; the built-in defaults are vocabulary.
    const message = `; declared speakers are ${listNames(declaredSpeakers.labels, declaredSpeakers.fromFrontMatter ? excerpt : undefined)}`;
    for (const turn of session.turns) {
      if (declared.has(turn.label)) continue;
      const fixes: Fix[] = [];
      const declaration = declare?.(turn.label);
      if (declaration) fixes.push({ title: declaration.title, edits: [declaration.edit], safe: false });
      const closest = speller.suggest(turn.label);
      if (closest) fixes.push({ title: `Change '${turn.label}' to '${closest}'`, edits: [{ range: turn.labelRange, newText: closest }], safe: false });
      report({ message: `Unknown speaker '${excerpt(turn.label)}'${message}`, range: turn.labelRange, fixes });
    }
  },
};

/**
 * The labels the file declares. When `speakers:` is a mapping with a mistyped role the parser
 * falls back to the defaults, but the labels written there are still the declared ones (the
 * bad role is front-matter-invalid's finding), and declaring them again would duplicate a key.
 */
function declaredLabels(session: Session): { labels: string[]; canAdd: boolean; fromFrontMatter: boolean } {
  const fm = session.frontMatter;
  const raw = fm?.data['speakers'];
  if (fm?.speakers || raw === undefined || raw === null)
    return { labels: session.speakers.map((s) => s.label), canAdd: true, fromFrontMatter: fm?.speakers !== undefined };
  if (typeof raw === 'object' && !Array.isArray(raw)) return { labels: Object.keys(raw), canAdd: true, fromFrontMatter: true };
  // `speakers:` holds a list or a scalar: adding a `Label: role` line to it would not make valid YAML.
  return { labels: session.speakers.map((s) => s.label), canAdd: false, fromFrontMatter: false };
}

type Declaration = { title: string; edit: TextEdit } | undefined;

/**
 * The declare fix of each undeclared label. Each edit is built once per check and shared by every
 * finding that needs it, so a file with many undeclared labels does not copy the edit per finding.
 */
function speakerDeclarations(session: Session, undeclared: string[]): (label: string) => Declaration {
  const entry = (name: string): string => `${yamlKey(name)}: other`;
  if (entryMode(session, 'speakers') !== 'create') {
    const byLabel = new Map<string, Declaration>();
    return (label) => {
      if (!byLabel.has(label)) {
        const edit = addFrontMatterEntry(session, 'speakers', [entry(label)]);
        byLabel.set(label, edit && { title: `Declare speaker '${label}' in the front matter`, edit });
      }
      return byLabel.get(label);
    };
  }
  // Without a `speakers:` key the defaults apply, so the new key must keep the default labels the file uses.
  // Every undeclared label goes in at once: each finding then carries the same edit, and applying
  // all of them (fix all, --fix) writes one `speakers:` key rather than one per label.
  const used = new Set(session.turns.map((t) => t.label));
  const defaults = session.speakers.filter((s) => used.has(s.label)).map((s) => `${yamlKey(s.label)}: ${s.role}`);
  const edit = addFrontMatterEntry(session, 'speakers', [...defaults, ...undeclared.map(entry)]);
  const names = undeclared.map((l) => `'${l}'`).join(', ');
  const title = undeclared.length > 1 ? `Declare speakers ${names} in the front matter` : `Declare speaker ${names} in the front matter`;
  const declaration = edit && { title, edit };
  return () => declaration;
}

function yamlKey(label: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(label) && !/^(true|false|null|yes|no|on|off|~)$/i.test(label) ? label : JSON.stringify(label);
}
