import { Document } from 'yaml';
import { BUILTIN_CODEBOOKS } from '../../codebook/loader';
import { EMPTY_TEXT, roleFor, safeWords as words, slug, speakerLabels, UNKNOWN_SPEAKER, type RoleMap } from '../import';
import { codesBack, groupsBack, type CodeBack, type GroupBack } from './codesBack';
import { SESSION_MD_ORIGIN, type QdaCase, type QdaProject, type QdaSource, type QdaVariable } from './model';
import { readSourceLayout, type SourceTurn } from './sourceLines';
import { frontMatterValue } from './variables';
import { normalGuid } from './xmlRead';
import { excerpt } from '../../text/excerpt';

// A project read back into sessions: each text source a session whose turns are the source's
// `Label: words` lines. A selection's codings become codes written where the selection ends, in
// the turn it ends in (so the words from the codes before up to there are their utterance, as
// the utterance rule reads them); a note on a coding is the code's note (`{code | note}`), a note
// on a selection a memo after its turn. Variable values become front-matter fields; a case that
// holds a source gives its name as `client:` and its values as fields the source lacks; a case
// named `#id` (as session-md writes goals) gives its selections' turns the goal reference `{#id}`.

/** How to read a project back: the speakers' roles (`--role-map`) and the codebook file written beside the sessions. */
export interface ProjectReadOptions {
  roles: RoleMap;
  /** The codebook file's name; by default `<project name>.codebook.yaml`, or the one local codebook file the sessions name. */
  codebookFile?: string;
}

/** A session read back from a project: its path below the output folder ('/'-separated), text and turn count. */
export interface SessionBack {
  path: string;
  text: string;
  turns: number;
  /** What was changed or left out, with the source's name. */
  warnings: string[];
}

/** A project's sessions, its codebook (a `*.codebook.yaml` text, absent without codes) and what was left out of the project as a whole. */
export interface ProjectBack {
  sessions: SessionBack[];
  codebook?: { file: string; text: string; codes: number };
  warnings: string[];
}

interface Placed {
  offset: number;
  codes: string[];
}

interface TurnBack {
  turn: SourceTurn;
  placed: Placed[];
  memos: string[];
  goals: string[];
}

/** The sessions and codebook of a project whose text sources' texts are in `texts` (by normalized GUID). */
export function projectBack(project: QdaProject, texts: ReadonlyMap<string, string>, options: ProjectReadOptions): ProjectBack {
  const ours = project.origin?.startsWith(SESSION_MD_ORIGIN) === true;
  const { codes, ids } = codesBack(project.codes, project.origin);
  const groups = groupsBack(project.sets, ids);
  const variables = new Map(project.variables.map((v) => [normalGuid(v.guid), v]));
  const notes = new Map(project.notes.map((n) => [normalGuid(n.guid), n.text]));
  const codebookFile = options.codebookFile ?? codebookFileOf(project, variables);
  const warnings: string[] = [];
  const taken = new Set<string>();
  const sessions = project.sources.flatMap((source): SessionBack[] => {
    const text = texts.get(normalGuid(source.guid));
    if (text === undefined) {
      warnings.push(`source '${excerpt(source.name)}' has no plain text in the project (only a rich-text or external file); it is left out`);
      return [];
    }
    const path = fileName(source.name, taken);
    const back = sessionBack(source, text, { project, ids, variables, notes, ours, options, codebook: codes.length > 0 ? codebookFile : undefined });
    return [{ path, ...back }];
  });
  const result: ProjectBack = { sessions, warnings };
  if (codes.length > 0) result.codebook = { file: codebookFile, text: codebookYaml(project.name, codes, groups), codes: codes.length };
  return result;
}

interface Context {
  project: QdaProject;
  ids: ReadonlyMap<string, string>;
  variables: ReadonlyMap<string, QdaVariable>;
  notes: ReadonlyMap<string, string>;
  ours: boolean;
  options: ProjectReadOptions;
  codebook: string | undefined;
}

function sessionBack(source: QdaSource, text: string, context: Context): Omit<SessionBack, 'path'> {
  const warnings: string[] = [];
  const layout = readSourceLayout(text, UNKNOWN_SPEAKER);
  if (layout.unnamed && layout.blocks.length > 0) warnings.push(`no line names a speaker ("Label: words"), so each line is a turn of ${UNKNOWN_SPEAKER}`);
  const turns: TurnBack[] = layout.blocks.filter((b): b is SourceTurn => b.kind === 'turn').map((turn) => ({ turn, placed: [], memos: [], goals: [] }));
  const byGuid = new Map<string, TurnBack>();
  let dropped = 0;
  for (const selection of source.selections) {
    const placed = placeOf(turns, selection.end);
    if (!placed) {
      dropped += selection.codings.length + selection.notes.length;
      continue;
    }
    byGuid.set(normalGuid(selection.guid), placed.turn);
    const codes = selection.codings.flatMap((coding) => {
      const id = context.ids.get(normalGuid(coding.code));
      if (id === undefined) {
        dropped++;
        return [];
      }
      const note = coding.notes.map((n) => context.notes.get(normalGuid(n)) ?? '').join(' ');
      const cleaned = words(note).replace(/\|/g, '/');
      return [cleaned === '' ? `{${id}}` : `{${id} | ${cleaned}}`];
    });
    if (codes.length > 0) placed.turn.placed.push({ offset: placed.offset, codes });
    for (const guid of selection.notes) placed.turn.memos.push(context.notes.get(normalGuid(guid)) ?? '');
  }
  if (dropped > 0) warnings.push(`${dropped} coding(s) or note(s) name no code of the codebook or lie outside every turn; they are left out`);
  const fields = frontMatterOf(source, context, turns, byGuid);
  const labels = speakerLabels(turns.map((t) => t.turn.speaker));
  const speakers = fields['speakers'];
  if (typeof speakers !== 'object' || speakers === null || Array.isArray(speakers))
    fields['speakers'] = Object.fromEntries([...labels].map(([name, label]) => [label, roleFor(name, context.options.roles, label)]));
  // A project's own roles stand, but for the speakers the role map names (by name or label, in any case).
  else
    for (const [name, label] of labels)
      if (namesSpeaker(context.options.roles, name, label)) (speakers as Record<string, unknown>)[label] = roleFor(name, context.options.roles, label);
  const lines = [
    '---',
    new Document(fields).toString({ lineWidth: 0 }).trimEnd(),
    '---',
    '',
    `# ${words(source.description?.split('\n')[0] ?? '') || words(source.name.replace(/^.*[\\/]/, '').replace(/(\.session)?\.[a-z0-9]{1,5}$/i, '')) || 'Session'}`,
  ];
  for (const guid of source.notes) lines.push('', `> Note: ${memoText(context.notes.get(normalGuid(guid)) ?? '')}`);
  let next = 0;
  for (const block of layout.blocks) {
    if (block.kind === 'heading') lines.push('', `## ${words(block.title)}`);
    else if (block.kind === 'prose') lines.push('', proseLine(layout.points.slice(block.run.start, block.run.end).join('')));
    else {
      const turn = turns[next++]!;
      lines.push('', turnLine(turn, labels.get(turn.turn.speaker)!, layout.points));
      for (const memo of turn.memos) if (memoText(memo) !== '') lines.push('', `> Memo: ${memoText(memo)}`);
    }
  }
  lines.push('');
  return { text: lines.join('\n'), turns: turns.length, warnings: warnings.map((w) => `source '${excerpt(source.name)}': ${w}`) };
}

function namesSpeaker(roles: RoleMap, name: string, label: string): boolean {
  return [...roles.keys()].some((key) => key.toLowerCase() === name.toLowerCase() || key.toLowerCase() === label.toLowerCase());
}

// The turn a position falls in (the last whose words start at or before it) and its offset among the turn's words, runs joined by one space.
function placeOf(turns: readonly TurnBack[], position: number): { turn: TurnBack; offset: number } | undefined {
  // Turns are in text order: a binary search keeps a project of many selections and turns fast.
  let low = 0;
  let high = turns.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (turns[middle]!.turn.runs[0]!.start <= position) low = middle;
    else high = middle - 1;
  }
  const chosen = turns[low];
  if (!chosen) return undefined;
  let offset = 0;
  for (const [i, run] of chosen.turn.runs.entries()) {
    if (i > 0) offset++;
    if (position <= run.end) return { turn: chosen, offset: offset + Math.max(0, position - run.start) };
    offset += run.end - run.start;
  }
  return { turn: chosen, offset };
}

// Codes placed inside a word are written against it (`fe{code}el`), so the words stay as they were; elsewhere they stand apart.
function turnLine(back: TurnBack, label: string, points: readonly string[]): string {
  const chars = Array.from(back.turn.runs.map((run) => points.slice(run.start, run.end).join('')).join(' '));
  const placed = [...back.placed].sort((a, b) => a.offset - b.offset);
  let line = '';
  const add = (text: string, glued: boolean): void => {
    if (text !== '') line = line === '' || glued ? line + text : `${line} ${text}`;
  };
  let from = 0;
  let glued = false;
  for (const p of placed) {
    const inWord = p.offset > 0 && p.offset < chars.length && /\S/u.test(chars[p.offset - 1]!) && /\S/u.test(chars[p.offset]!);
    add(words(chars.slice(from, p.offset).join('')), glued);
    add(p.codes.join(' '), inWord);
    glued = inWord;
    from = Math.max(from, p.offset);
  }
  add(words(chars.slice(from).join('')), glued);
  if (line === '') line = EMPTY_TEXT;
  for (const goal of back.goals) line += ` {#${goal}}`;
  return `${back.turn.stamp !== undefined ? `${back.turn.stamp} ` : ''}${label}: ${line}`;
}

// A memo is one `> Memo:` line; codes, goal references and code spans in it are only text.
function memoText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Prose before the first turn stays a paragraph; one that Markdown would read as a heading, quote, list or HTML is escaped.
function proseLine(text: string): string {
  const line = words(text);
  return /^([#>+*=_~<|-]|\d+[.)])/.test(line) ? `\\${line}` : line;
}

function frontMatterOf(source: QdaSource, context: Context, turns: TurnBack[], byGuid: ReadonlyMap<string, TurnBack>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const value of source.values) {
    const variable = context.variables.get(normalGuid(value.variable));
    if (!variable || variable.name.trim() === '') continue;
    const data = frontMatterValue(value, variable);
    if (data !== undefined) fields[context.ours ? variable.name : fieldName(variable.name)] = data;
  }
  const sourceGuid = normalGuid(source.guid);
  const goals: { id: string; text: string }[] = [];
  for (const c of context.project.cases) {
    if (context.ours && c.name.startsWith('#')) {
      const id = c.name.slice(1);
      for (const guid of c.selections) {
        const turn = byGuid.get(normalGuid(guid));
        if (turn && !turn.goals.includes(id)) turn.goals.push(id);
      }
      if (turns.some((t) => t.goals.includes(id))) goals.push({ id, text: words(c.description ?? '') || id });
    } else if (c.sources.some((g) => normalGuid(g) === sourceGuid)) caseFields(c, context, fields);
  }
  const declared = Array.isArray(fields['goals']) ? (fields['goals'] as unknown[]) : [];
  const declaredIds = new Set(declared.map((g) => (typeof g === 'object' && g !== null ? (g as { id?: unknown }).id : undefined)));
  const missing = goals.filter((g) => !declaredIds.has(g.id)).map((g) => ({ ...g, status: 'open' }));
  if (missing.length > 0) fields['goals'] = [...declared, ...missing];
  const codebook = fields['codebook'];
  const builtin = typeof codebook === 'string' && (BUILTIN_CODEBOOKS as readonly string[]).includes(codebook);
  if (context.codebook !== undefined && !builtin && (codebook !== undefined || !context.ours)) fields['codebook'] = context.codebook;
  return fields;
}

// Another tool's case holding the source: its name is the client, its values are fields the source does not give itself.
function caseFields(c: QdaCase, context: Context, fields: Record<string, unknown>): void {
  if (fields['client'] === undefined && c.name.trim() !== '') fields['client'] = c.name.trim();
  for (const value of c.values) {
    const variable = context.variables.get(normalGuid(value.variable));
    if (!variable) continue;
    const name = fieldName(variable.name);
    const data = frontMatterValue(value, variable);
    if (fields[name] === undefined && data !== undefined) fields[name] = data;
  }
}

// Another tool's variable name as a front-matter key: `Age group` is `age_group`.
function fieldName(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_-]+/gu, '_')
      .replace(/^_+|_+$/g, '') || 'field'
  );
}

// The one local codebook file the sessions name, when they name one by a plain file name; otherwise one named after the project.
function codebookFileOf(project: QdaProject, variables: ReadonlyMap<string, QdaVariable>): string {
  const named = new Set<string>();
  for (const source of project.sources)
    for (const value of source.values) {
      const text = value.value.trim();
      if (variables.get(normalGuid(value.variable))?.name === 'codebook' && !(BUILTIN_CODEBOOKS as readonly string[]).includes(text)) named.add(text);
    }
  const [only] = named;
  return named.size === 1 && /^[\p{L}\p{N}_-][\p{L}\p{N} ._-]*\.codebook\.yaml$/u.test(only!) ? only! : `${slug(project.name)}.codebook.yaml`;
}

// A source's name as a session path below the output folder: kept when it is a safe relative path of a .session.md, otherwise made one.
function fileName(name: string, taken: Set<string>): string {
  const safe = /\.session\.md$/i.test(name) && name.split('/').every((part) => /^[\p{L}\p{N}_-][\p{L}\p{N} ._'-]*$/u.test(part));
  const base = safe ? name.replace(/\.session\.md$/i, '') : slug(name.replace(/^.*[\\/]/, '').replace(/(\.session)?\.[^.]*$/i, ''));
  let path = `${base}.session.md`;
  for (let n = 2; taken.has(path.toLowerCase()); n++) path = `${base}-${n}.session.md`;
  taken.add(path.toLowerCase());
  return path;
}

function codebookYaml(name: string, codes: readonly CodeBack[], groups: readonly GroupBack[]): string {
  const data: Record<string, unknown> = { name: name.trim() === '' ? 'Imported codebook' : name, codes };
  if (groups.length > 0) data['groups'] = groups;
  return new Document(data).toString({ lineWidth: 0 });
}
