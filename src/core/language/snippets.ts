import { annotatesCode, type Code, type Codebook, type Snippet } from '../codebook/codebook';
import type { PhaseDefinition, PhaseModel, Range, Role, Session } from '../model';
import { DEFAULT_SPEAKERS } from '../parse/session';
import { escapeMarkdown, joinMarkdown, markdownCodeBlock } from '../text/markdown';
import { sectionAt, turnIndexBefore } from './cursor';
import type { CompletionEntry } from './types';

/** A snippet of a library, with its code and where it may be used. */
export interface TechniqueSnippet {
  code: Code;
  snippet: Snippet;
  /** The library that provides it (a snippet of a merged codebook names its own). */
  library: string;
  /** Who says it: the snippet's `roles`, else its code's role. */
  roles?: string[];
}

/** Every snippet of a codebook, with its library and roles, in codebook order. */
export function techniqueSnippets(codebook: Codebook): TechniqueSnippet[] {
  return [...codebook.codes.values()].flatMap((code) =>
    code.snippets.map((snippet) => {
      const library = (snippet as { library?: string }).library ?? code.codebook;
      const roles = snippet.roles ?? (code.role === 'any' ? undefined : [code.role]);
      return roles ? { code, snippet, library, roles } : { code, snippet, library };
    }),
  );
}

/**
 * Whether a snippet fits where the cursor is: its `phases` (names or aliases) include the
 * current phase, and its roles include the speaker whose turn it is.
 */
export function snippetFits(entry: TechniqueSnippet, phase: PhaseDefinition | undefined, role: Role | undefined): boolean {
  const phases = entry.snippet.phases;
  if (phases && phases.length > 0) {
    if (!phase) return false;
    const names = [phase.name, ...phase.aliases].map((n) => n.toLowerCase());
    if (!phases.some((p) => names.includes(p.toLowerCase()))) return false;
  }
  return !entry.roles || role === undefined || entry.roles.includes(role);
}

/**
 * Whose turn it probably is at `offset`: the other party of the turn before (a therapist
 * answers a client and the other way round); unknown after another speaker or at the start.
 */
export function expectedRole(session: Session, offset: number): Role | undefined {
  const previous = session.turns[turnIndexBefore(session, offset)]?.role;
  return previous === 'therapist' ? 'client' : previous === 'client' ? 'therapist' : undefined;
}

/**
 * The text a snippet inserts: its body, with its code's annotation added when the body lacks
 * it, and its speaker label (`T:` in a library) replaced by the label this session declares
 * for that role (`Therapist:`), so the inserted turn is not an undeclared speaker.
 */
export function snippetInsertText(entry: TechniqueSnippet, session?: Session): string {
  const body = annotatesCode(entry.snippet.body, entry.code.id) ? entry.snippet.body : `${entry.snippet.body.replace(/\s+$/, '')} {${entry.code.id}}`;
  return session ? adaptLabel(body, session) : body;
}

const BODY_LABEL = /^((?:\[[^\]\n]*\][ \t]*)?(?:\*\*)?)([^:*\n{}]{1,40}?)((?:\*\*)?:(?:\*\*)?)/;

function adaptLabel(body: string, session: Session): string {
  const match = BODY_LABEL.exec(body);
  if (!match || session.speakers.some((s) => s.label === match[2])) return body;
  const role = DEFAULT_SPEAKERS.find((s) => s.label === match[2])?.role;
  const declared = role && session.speakers.find((s) => s.role === role);
  return declared ? match[1] + declared.label + match[3] + body.slice(match[0].length) : body;
}

/** Snippets grouped for "Insert Technique…": by library (in precedence order), then by phase (in the model's order, then any phase). */
export function techniqueGroups(codebook: Codebook, model: PhaseModel): { library: string; phase: string; entries: TechniqueSnippet[] }[] {
  const phaseRank = (entry: TechniqueSnippet): number => {
    const first = entry.snippet.phases?.[0]?.toLowerCase();
    if (!first) return model.phases.length;
    const index = model.phases.findIndex((p) => [p.name, ...p.aliases].some((n) => n.toLowerCase() === first));
    return index === -1 ? model.phases.length + 1 : index;
  };
  const libraries = [...new Set(techniqueSnippets(codebook).map((e) => e.library))];
  const groups: { library: string; phase: string; entries: TechniqueSnippet[] }[] = [];
  for (const library of libraries) {
    const entries = techniqueSnippets(codebook).filter((e) => e.library === library);
    const ranks = [...new Set(entries.map(phaseRank))].sort((a, b) => a - b);
    for (const rank of ranks) {
      const inGroup = entries.filter((e) => phaseRank(e) === rank);
      const phase = rank < model.phases.length ? model.phases[rank]!.name : rank === model.phases.length ? 'Any phase' : (inGroup[0]!.snippet.phases ?? []).join(', ');
      groups.push({ library, phase, entries: inGroup });
    }
  }
  return groups;
}

/** Library snippets that fit the phase and the expected speaker at a line start, as completion entries. */
export function snippetCompletions(session: Session, offset: number, codebook: Codebook, range: Range): CompletionEntry[] {
  const phase = sectionAt(session, offset)?.phase;
  const role = expectedRole(session, offset);
  return techniqueSnippets(codebook)
    .filter((entry) => snippetFits(entry, phase, role))
    .map((entry, i) => ({
      label: entry.snippet.label,
      kind: 'snippet',
      detail: `${entry.library} · ${entry.code.label}`,
      documentation: joinMarkdown([entry.code.description, entry.snippet.description].filter((t) => !!t).map((t) => escapeMarkdown(t!)).concat(markdownCodeBlock(entry.snippet.body)), '\n\n'),
      insertText: snippetInsertText(entry, session),
      isSnippet: true,
      range,
      sortText: `z${String(i).padStart(4, '0')}`,
      filterText: `${entry.snippet.prefix ?? entry.code.id} ${entry.snippet.label}`,
    }));
}
