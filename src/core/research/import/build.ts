import { Document, isMap, isScalar } from 'yaml';
import type { Role } from '../../model';
import { roleFor } from './maps';
import { labelOfName } from './speakerNames';
import { formatClock } from './time';
import type { ImportWarning, RoleMap, Utterance } from './types';

/** What the front matter and title of an imported session say. */
export interface SessionMeta {
  /** The `# title` line. */
  title: string;
  /** The imported file's name, written as `source:`. */
  source: string;
  session?: number;
  date?: string;
  client?: string;
  /** A built-in codebook name, or a path relative to the session file. */
  codebook?: string;
  roles?: RoleMap;
  /** Transcript-level values (`--meta-columns`), written after `source:` as strings. */
  fields?: ReadonlyMap<string, string>;
  /** Speaker names left out of `speakers:`, as they were in an exported session (an empty `role`). */
  undeclared?: ReadonlySet<string>;
  /** The utterances are a session-md export's turns: a code or goal listed twice on a turn is written twice, as the session had it. */
  asExported?: boolean;
}

/** A built `.session.md` text and what building it changed. */
export interface BuiltSession {
  text: string;
  /** The turn label each speaker name became. */
  labels: Map<string, string>;
  warnings: ImportWarning[];
}

/** The words written for an utterance with no words at all, so the turn is not empty. */
export const EMPTY_TEXT = '[inaudible]';

const MAX_LABEL = 40;

/**
 * A turn label for a speaker name: only the characters the parser accepts in a label
 * (letters, digits, spaces, `.`, `_`, `'`, `’`, `-`), starting with a letter or digit, at
 * most 40 characters; `Speaker` when nothing is left. Pronouns in parentheses and an e-mail's
 * domain are left out first (`Jane Doe (she/her)` is `Jane Doe`, `jane.doe@example.org` is `jane.doe`).
 */
export function safeLabel(name: string): string {
  const label = labelOfName(name)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._'’-]+/gu, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    // `1. Sam:` at the start of a line would be an ordered list, not a turn.
    .replace(/^(\p{N}+)\.(?=\s|$)/u, '$1')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_LABEL)
    .trim();
  return label === '' ? 'Speaker' : label;
}

/** A distinct label for each speaker name, in order of appearance: `Sam`, `Sam 2`, … when two names clean up to the same label. */
export function speakerLabels(names: Iterable<string>): Map<string, string> {
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (labels.has(name)) continue;
    const base = safeLabel(name);
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base.slice(0, MAX_LABEL - String(n).length - 1).trimEnd()} ${n}`;
    labels.set(name, label);
    taken.add(label);
  }
  return labels;
}

/**
 * An utterance's words made safe for a one-line turn: control characters and line breaks
 * become spaces, runs of white space one space, braces (which would read as codes) become
 * parentheses and backticks (which could open a code span hiding codes) apostrophes.
 * Nothing else needs changing: the words follow `Label: ` on the turn's own line, so a `#`,
 * `>`, `-`, `1.` or `Name:` at their start cannot start a heading, quote, list or turn.
 */
export function safeTurnText(text: string): string {
  const words = safeWords(text);
  return words === '' ? EMPTY_TEXT : words;
}

/** Words made safe for one line of a turn, heading or note, as `safeTurnText` says; empty when there are none. */
export function safeWords(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/`/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A memo's text made safe for one `> Memo:` line: control characters and line breaks become spaces. */
function safeMemoText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
}

/** A source value as a code id: letters, digits, `.`, `_` and `-`, other runs replaced by `-`; empty when nothing is left. */
export function safeCode(value: string): string {
  return value
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** A goal id as the front matter accepts it (ASCII letters, digits, `_`, `.`, `-`, starting with a letter or digit); other characters become `-`. */
export function safeGoalId(value: string): string {
  return value
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[-._]+|[-.]+$/g, '');
}

/** Builds the `.session.md` text of imported utterances: front matter, a title and one turn per utterance, without phase headings. */
export function buildSession(utterances: readonly Utterance[], meta: SessionMeta): BuiltSession {
  const labels = speakerLabels(utterances.map((u) => u.speaker));
  const warnings = backwardTimes(utterances);
  const roles = meta.roles ?? new Map<string, Role>();
  const declared = [...labels].filter(([name]) => meta.undeclared?.has(name) !== true);
  const speakers = new Map(declared.map(([name, label]) => [label, roleFor(name, roles, label)]));
  const goals = [...new Set(utterances.flatMap((u) => (u.goals ?? []).map(safeGoalId)).filter((g) => g !== ''))];
  const lines = ['---', frontMatter(meta, speakers, goals, warnings.length > 0).trimEnd(), '---', '', `# ${safeTurnText(meta.title)}`];
  let phase: string | undefined;
  for (const u of utterances) {
    // A heading where an exported session's phase changes; the phase model maps it back to the same name.
    if (u.phase !== undefined && u.phase !== phase) lines.push('', `## ${safeTurnText(u.phase)}`);
    phase = u.phase ?? phase;
    lines.push('', turnLine(u, labels.get(u.speaker)!, meta.asExported === true));
    if (u.memo !== undefined) lines.push('', `> Memo: ${safeMemoText(u.memo)}`);
  }
  lines.push('');
  return { text: lines.join('\n'), labels, warnings };
}

function turnLine(u: Utterance, label: string, repeats: boolean): string {
  const stamp = u.clock !== undefined ? `[${u.clock}] ` : u.seconds === undefined ? '' : `[${formatClock(u.seconds)}] `;
  const once = (ids: string[]): string[] => (repeats ? ids : [...new Set(ids)]);
  const codes = once((u.codes ?? []).map(safeCode).filter((c) => c !== ''));
  const goals = once((u.goals ?? []).map(safeGoalId).filter((g) => g !== ''));
  return `${stamp}${label}: ${safeTurnText(u.text)}${codes.map((c) => ` {${c}}`).join('')}${goals.map((g) => ` {#${g}}`).join('')}`;
}

// The source's own order is kept; a time earlier than the one before (overlapping speech) is reported once per turn.
function backwardTimes(utterances: readonly Utterance[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  let previous: number | undefined;
  for (const u of utterances) {
    if (u.seconds === undefined) continue;
    const seconds = Math.floor(u.seconds);
    if (previous !== undefined && seconds < previous) {
      warnings.push({
        line: u.line,
        message: `timestamp ${formatClock(seconds)} is earlier than the one before it (${formatClock(previous)}); kept as written, and timestamp-order is turned off for this session`,
      });
    }
    previous = seconds;
  }
  return warnings;
}

function frontMatter(meta: SessionMeta, speakers: Map<string, Role>, goals: string[], timesGoBack: boolean): string {
  const data: Record<string, unknown> = {};
  if (meta.session !== undefined) data['session'] = meta.session;
  if (meta.date !== undefined) data['date'] = meta.date;
  if (meta.client !== undefined) data['client'] = meta.client;
  data['source'] = meta.source;
  // The yaml library quotes what would read as another type or as YAML syntax (`"3"`, `"true"`, `": x"`).
  for (const [key, value] of meta.fields ?? []) data[key] = value;
  data['speakers'] = speakers;
  if (meta.codebook !== undefined) data['codebook'] = meta.codebook;
  // The source names goals by id only; each is declared with its id as its text, to be described.
  if (goals.length > 0) data['goals'] = goals.map((id) => ({ id, text: id, status: 'open' }));
  if (timesGoBack) data['rules'] = { 'timestamp-order': 'off' };
  const doc = new Document(data);
  const rules = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'rules') : undefined;
  if (rules && isScalar(rules.key)) rules.key.commentBefore = ' The source has timestamps that go backwards (overlapping speech); they are kept as written.';
  return doc.toString({ lineWidth: 0 });
}
