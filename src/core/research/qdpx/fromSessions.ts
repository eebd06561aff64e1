import type { Codebook } from '../../codebook/codebook';
import type { Session } from '../../model';
import { projectCodes } from './codeTree';
import { stableGuid } from './guid';
import { SESSION_MD_ORIGIN, type QdaCase, type QdaNote, type QdaProject, type QdaSelection, type QdaSource } from './model';
import { sourceTextOf, type TurnSpan } from './sourceText';
import { frontMatterVariables } from './variables';

// Sessions as a REFI-QDA project: each session a text source whose coded utterances are
// selections with their codings; code notes are notes on the coding, memos notes on the turn's
// selection; front-matter fields are the sources' variables; each client is a case holding its
// sessions, and each goal a case (named `#id`) holding the turns that refer to it.

/** A session to export, with its file (as shown to the user, the source's name) and the codebook in force. */
export interface ProjectInput {
  file: string;
  session: Session;
  codebook?: Codebook;
}

/** The project of the sessions, named `name`; its sources' texts are in `sources[i].text`. */
export function projectOf(inputs: readonly ProjectInput[], name: string): QdaProject {
  const used = inputs.flatMap((input) => input.session.turns.flatMap((turn) => turn.codes.map((c) => c.id)));
  const codebooks = [...new Set(inputs.flatMap((input) => (input.codebook ? [input.codebook] : [])))];
  const { codes, guids, sets } = projectCodes(codebooks, used);
  const { variables, values } = frontMatterVariables(inputs.map((input) => input.session.frontMatter?.data ?? {}));
  const notes: QdaNote[] = [];
  const goalTurns = new Map<string, { text?: string; selections: string[] }>();
  const sources = inputs.map((input, i): QdaSource => {
    const { text, turns } = sourceTextOf(input.session);
    const source: QdaSource = { guid: stableGuid(`source:${input.file}`), name: input.file, text, selections: [], values: values[i]!, notes: [] };
    const title = titleOf(input.session);
    if (title !== undefined) source.description = title;
    for (const goal of input.session.frontMatter?.goals ?? []) if (!goalTurns.has(goal.id)) goalTurns.set(goal.id, { text: goal.text, selections: [] });
    for (const span of turns) source.selections.push(...turnSelections(input.file, span, guids, notes, goalTurns));
    return source;
  });
  const users = [{ guid: stableGuid('user:session-md'), name: 'session-md' }];
  return { name, origin: SESSION_MD_ORIGIN, users, codes, variables, cases: [...clientCases(inputs, sources), ...goalCases(goalTurns)], sources, notes, sets };
}

// One selection per coded utterance, and one for the whole turn when its memos or goal references need one the utterances do not give.
function turnSelections(
  file: string,
  span: TurnSpan,
  guids: ReadonlyMap<string, string>,
  notes: QdaNote[],
  goalTurns: Map<string, { text?: string; selections: string[] }>,
): QdaSelection[] {
  const { turn } = span;
  const key = `${file}#${turn.index}`;
  const selections = span.utterances.map((u): QdaSelection => {
    const selection: QdaSelection = { guid: stableGuid(`selection:${key}.${u.index}`), start: u.start, end: u.end, codings: [], notes: [] };
    turn.codes.forEach((code, k) => {
      if (code.utterance !== u.index) return;
      const coding = { guid: stableGuid(`coding:${key}:${k}`), code: guids.get(code.id)!, notes: [] as string[] };
      if (code.note !== undefined) coding.notes.push(note(notes, `note:${key}:${k}`, code.note, `Note on ${code.id}`));
      selection.codings.push(coding);
    });
    return selection;
  });
  if (turn.memos.length === 0 && turn.goals.length === 0) return selections;
  let whole = selections.find((s) => s.start === span.start && s.end === span.end);
  if (!whole) {
    whole = { guid: stableGuid(`selection:${key}`), start: span.start, end: span.end, codings: [], notes: [] };
    selections.push(whole);
  }
  const guid = whole.guid;
  turn.memos.forEach((memo, m) => whole.notes.push(note(notes, `memo:${key}:${m}`, memo.text, `Memo on turn ${turn.index}`)));
  for (const goal of turn.goals) {
    const entry = goalTurns.get(goal.id) ?? { selections: [] };
    goalTurns.set(goal.id, entry);
    if (!entry.selections.includes(guid)) entry.selections.push(guid);
  }
  return selections;
}

function note(notes: QdaNote[], key: string, text: string, name: string): string {
  const guid = stableGuid(key);
  notes.push({ guid, name, text });
  return guid;
}

function clientCases(inputs: readonly ProjectInput[], sources: readonly QdaSource[]): QdaCase[] {
  const cases = new Map<string, QdaCase>();
  inputs.forEach((input, i) => {
    const client = input.session.frontMatter?.client;
    if (client === undefined) return;
    const entry = cases.get(client) ?? { guid: stableGuid(`case:client:${client}`), name: client, values: [], sources: [], selections: [] };
    cases.set(client, entry);
    entry.sources.push(sources[i]!.guid);
  });
  return [...cases.values()];
}

function goalCases(goals: ReadonlyMap<string, { text?: string; selections: string[] }>): QdaCase[] {
  return [...goals].map(([id, goal]) => ({
    guid: stableGuid(`case:goal:${id}`),
    name: `#${id}`,
    ...(goal.text !== undefined ? { description: goal.text } : {}),
    values: [],
    sources: [],
    selections: goal.selections,
  }));
}

/** The session's `# title`, as written. */
export function titleOf(session: Session): string | undefined {
  for (const node of session.mdast.children) {
    if (node.type !== 'heading' || node.depth !== 1 || node.position === undefined) continue;
    const line = session.text.slice(node.position.start.offset, node.position.end.offset);
    return line
      .replace(/^#\s*/, '')
      .replace(/\s+#+\s*$/, '')
      .trim();
  }
  return undefined;
}
