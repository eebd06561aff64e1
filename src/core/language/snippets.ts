import { annotatesCode, type Code, type Codebook, type Snippet } from '../codebook/codebook';
import type { PhaseDefinition, PhaseModel, Range, Role, Session } from '../model';
import { DEFAULT_SPEAKERS } from '../parse/session';
import { escapeMarkdown, joinMarkdown, markdownCodeBlock } from '../text/markdown';
import { sectionAt, turnIndexBefore } from './cursor';
import { parseSnippet, type SnippetNode } from './snippetSyntax';
import type { CompletionEntry } from './types';

/** A snippet of a library, with its code and where it may be used. */
export interface TechniqueSnippet {
  code: Code;
  snippet: Snippet;
  /** The library that provides it (a snippet of a merged codebook names its own). */
  library: string;
  /** Who says it: the snippet's `roles`, else its code's role. */
  roles?: string[];
  /** Whether it ships with the extension; any other snippet is file text. */
  builtin: boolean;
}

/** Every snippet of a codebook, with its library and roles, in codebook order. */
export function techniqueSnippets(codebook: Codebook): TechniqueSnippet[] {
  return [...codebook.codes.values()].flatMap((code) =>
    code.snippets.map((snippet) => {
      const tagged = snippet as { library?: string; libraryPath?: string };
      const library = tagged.library ?? code.codebook;
      const builtin = (tagged.libraryPath ?? codebook.path).startsWith('builtin:');
      const roles = snippet.roles ?? (code.role === 'any' ? undefined : [code.role]);
      return roles ? { code, snippet, library, roles, builtin } : { code, snippet, library, builtin };
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
 * for that role (`Therapist:`), so the inserted turn is not an undeclared speaker. Unless the
 * workspace is trusted, the variables of a snippet that is not built in stay literal text.
 */
export function snippetInsertText(entry: TechniqueSnippet, session?: Session, workspaceTrusted = false): string {
  const body = annotatesCode(entry.snippet.body, entry.code.id) ? entry.snippet.body : `${entry.snippet.body.replace(/\s+$/, '')} {${entry.code.id}}`;
  const text = session ? adaptLabel(body, session) : body;
  return entry.builtin || workspaceTrusted ? text : literalSnippetVariables(text);
}

const BODY_LABEL = /^((?:\[[^\]\n]*\][ \t]*)?(?:\*\*)?)([^:*\n{}]{1,40}?)((?:\*\*)?:(?:\*\*)?)/;

function adaptLabel(body: string, session: Session): string {
  const match = BODY_LABEL.exec(body);
  if (!match || session.speakers.some((s) => s.label === match[2])) return body;
  const role = DEFAULT_SPEAKERS.find((s) => s.label === match[2])?.role;
  const declared = role && session.speakers.find((s) => s.role === role);
  return declared ? match[1] + declared.label + match[3] + body.slice(match[0].length) : body;
}

/** A heading of "Insert Technique…" (a separator in the list) and the snippets under it. */
export interface TechniqueGroup {
  /** `Trainer library · Beginning`, or `Fits here · Middle · therapist's turn` for the snippets that fit the cursor. */
  title: string;
  /** The library of every snippet in the group; absent for the group that fits the cursor, which mixes libraries. */
  library?: string;
  /** The phase the group is for (`Any phase` for snippets without `phases:`). */
  phase: string;
  entries: TechniqueSnippet[];
}

/** Where a technique is to be inserted: the cursor's phase, and whose turn it probably is. */
export interface TechniquePlace {
  phase?: PhaseDefinition;
  role?: Role;
}

/** The phase at `offset` and the speaker expected there (the other party of the turn before). */
export function techniquePlace(session: Session, offset: number): TechniquePlace {
  const place: TechniquePlace = {};
  const phase = sectionAt(session, offset)?.phase;
  const role = expectedRole(session, offset);
  if (phase) place.phase = phase;
  if (role) place.role = role;
  return place;
}

/**
 * How well a snippet fits a place, lower first: 0 when it fits and is written for that very
 * phase, 1 when it fits because it is for any phase, 2 when it is for another phase or speaker.
 */
export function techniqueRank(entry: TechniqueSnippet, place: TechniquePlace): 0 | 1 | 2 {
  if (!snippetFits(entry, place.phase, place.role)) return 2;
  return entry.snippet.phases && entry.snippet.phases.length > 0 ? 0 : 1;
}

/**
 * Snippets grouped for "Insert Technique…": by library (in precedence order), then by phase (in
 * the model's order, then any phase). Given the cursor's place, the snippets that fit it come
 * first in one group (those written for its phase before those for any phase); the others keep
 * their library and phase groups below.
 */
export function techniqueGroups(codebook: Codebook, model: PhaseModel, place?: TechniquePlace): TechniqueGroup[] {
  const all = techniqueSnippets(codebook);
  if (!place) return libraryGroups(all, model);
  const ranks = new Map(all.map((entry) => [entry, techniqueRank(entry, place)]));
  // Nothing to set apart (everything fits, nothing names the phase): the plain groups read best.
  if (new Set(ranks.values()).size <= 1) return libraryGroups(all, model);
  const fitting = all.filter((e) => ranks.get(e)! < 2).sort((a, b) => ranks.get(a)! - ranks.get(b)!);
  const rest = libraryGroups(
    all.filter((e) => ranks.get(e) === 2),
    model,
  );
  if (fitting.length === 0) return rest;
  const where = [place.phase?.name, place.role && `${place.role}'s turn`].filter((w): w is string => !!w);
  const fits: TechniqueGroup = { title: ['Fits here', ...where].join(' · '), phase: place.phase?.name ?? 'Any phase', entries: fitting };
  return [fits, ...rest];
}

function libraryGroups(entries: TechniqueSnippet[], model: PhaseModel): TechniqueGroup[] {
  const phaseRank = (entry: TechniqueSnippet): number => {
    const first = entry.snippet.phases?.[0]?.toLowerCase();
    if (!first) return model.phases.length;
    const index = model.phases.findIndex((p) => [p.name, ...p.aliases].some((n) => n.toLowerCase() === first));
    return index === -1 ? model.phases.length + 1 : index;
  };
  const libraries = [...new Set(entries.map((e) => e.library))];
  const groups: TechniqueGroup[] = [];
  for (const library of libraries) {
    const inLibrary = entries.filter((e) => e.library === library);
    const ranks = [...new Set(inLibrary.map(phaseRank))].sort((a, b) => a - b);
    for (const rank of ranks) {
      const inGroup = inLibrary.filter((e) => phaseRank(e) === rank);
      const phase =
        rank < model.phases.length ? model.phases[rank]!.name : rank === model.phases.length ? 'Any phase' : (inGroup[0]!.snippet.phases ?? []).join(', ');
      groups.push({ title: `${library} · ${phase}`, library, phase, entries: inGroup });
    }
  }
  return groups;
}

/** Library snippets that fit the phase and the expected speaker at a line start, as completion entries. */
export function snippetCompletions(session: Session, offset: number, codebook: Codebook, range: Range, workspaceTrusted = false): CompletionEntry[] {
  const { phase, role } = techniquePlace(session, offset);
  return techniqueSnippets(codebook)
    .filter((entry) => snippetFits(entry, phase, role))
    .map((entry, i) => ({
      label: entry.snippet.label,
      kind: 'snippet',
      detail: `${entry.library} · ${entry.code.label}`,
      documentation: joinMarkdown(
        [entry.code.description, entry.snippet.description]
          .filter((t) => !!t)
          .map((t) => escapeMarkdown(t!))
          .concat(markdownCodeBlock(entry.snippet.body)),
        '\n\n',
      ),
      insertText: snippetInsertText(entry, session, workspaceTrusted),
      isSnippet: true,
      range,
      sortText: `z${String(i).padStart(4, '0')}`,
      filterText: `${entry.snippet.prefix ?? entry.code.id} ${entry.snippet.label}`,
    }));
}

/** Longer bodies are inserted entirely as written: reading them costs up to the square of their length. */
export const MAX_SNIPPET_BODY = 4000;

/**
 * The body with every variable (`$CLIPBOARD`, `${TM_FILEPATH}`, `${UUID:default}`, a transformed
 * `${TM_FILENAME/…/…/}`) escaped, so that VS Code inserts it as written instead of the clipboard
 * or a path. Tab stops, placeholders (also inside a variable's default) and choices stay; text
 * that is escaped already stays as it is.
 */
export function literalSnippetVariables(body: string): string {
  if (body.length > MAX_SNIPPET_BODY) return literalSnippet(body);
  let out = body;
  // Escaping a variable can change how the text around it reads; read again until none is left.
  for (let round = 0; round < 8; round++) {
    let nodes: SnippetNode[];
    try {
      nodes = parseSnippet(out);
    } catch {
      return literalSnippet(body); // nesting deeper than the stack
    }
    if (!nodes.some(hasVariable)) return out;
    const source = out;
    out = nodes.map((node) => literal(source, node)).join('');
  }
  return literalSnippet(body);
}

/** The whole text as a snippet that inserts it exactly as written. */
export function literalSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function hasVariable(node: SnippetNode): boolean {
  return node.kind === 'variable' || (node.kind === 'placeholder' && node.children.some(hasVariable));
}

function literal(source: string, node: SnippetNode): string {
  const slice = source.slice(node.start, node.end);
  const children = (n: { children: SnippetNode[] }): string => n.children.map((child) => literal(source, child)).join('');
  switch (node.kind) {
    case 'text':
    case 'tabstop':
      return slice;
    case 'placeholder':
      return source.slice(node.start, node.headEnd) + children(node) + '}';
    case 'variable':
      if (node.form === 'short') return `\\${slice}`;
      if (node.form === 'braced') return `\\${slice.slice(0, -1)}\\}`;
      if (node.form === 'default') return `\\${source.slice(node.start, node.headEnd)}${children(node)}\\}`;
      return literalSnippet(slice);
  }
}
