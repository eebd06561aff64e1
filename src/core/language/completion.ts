import type { Code, Codebook } from '../codebook/codebook';
import type { Role, Session } from '../model';
import { matchTurnStart, SPEAKER_LABEL } from '../parse/turns';
import { rangeAt } from '../text/lines';
import { escapeMarkdown, joinMarkdown, markdown } from '../text/markdown';
import { turnAt } from './cursor';
import { isInsideNonTranscript, lineAround } from './locate';
import { ratingCompletions } from './ratingCompletion';
import { snippetCompletions } from './snippets';
import { stageCompletions } from './stageHelp';
import type { CompletionEntry } from './types';

// Before the cursor at a line start: up to three spaces, an optional timestamp, then a partial label.
const LINE_START = new RegExp(String.raw`^ {0,3}(?:\[[0-9:.,]*\][ \t]*)?(${SPEAKER_LABEL})?$`, 'u');
// Before the cursor inside braces: an unclosed `{…` on the same line.
const OPEN_BRACE = /\{([^{}]*)$/;

/**
 * Completion proposals at `offset`: speaker labels and fitting library snippets at a line start,
 * codes after `{`, goal ids after `{#`, rating scales and their levels under `ratings:` and the
 * `stages` of the course (the config's, else the built-in ones) after `stage:` in the front
 * matter. Snippet variables resolve only in a trusted workspace.
 */
export function completionsAt(session: Session, offset: number, codebook?: Codebook, workspaceTrusted = false, stages?: readonly string[]): CompletionEntry[] {
  const at = Math.max(0, Math.min(offset, session.text.length));
  const ratings = ratingCompletions(session, at, codebook) ?? stageCompletions(session, at, stages);
  if (ratings) return ratings;
  if (isInsideNonTranscript(session, at)) return [];
  const line = lineAround(session, at);
  const column = at - line.start;
  const before = line.text.slice(0, column);
  const after = line.text.slice(column);
  const brace = OPEN_BRACE.exec(before);
  if (brace) return braceCompletions(session, at, brace[1]!, after, codebook);
  const start = LINE_START.exec(before);
  if (!start) return [];
  const speakers = speakerCompletions(session, line, at, start[1] ?? '');
  // Whole-turn snippets only where no label or timestamp is written yet: they bring their own.
  if (!codebook || before.trim() !== (start[1] ?? '') || after.trim() !== '') return speakers;
  return [...speakers, ...snippetCompletions(session, at, codebook, rangeAt(session.lineStarts, line.start, at), workspaceTrusted)];
}

function speakerCompletions(session: Session, line: { start: number; text: string }, offset: number, partial: string): CompletionEntry[] {
  let from = offset - partial.length;
  let to = offset;
  // On a line that already has a label, the proposal replaces it (and its colon and space).
  const existing = matchTurnStart(line.text);
  if (existing && !existing.bold && line.start + existing.labelStart <= from && offset <= line.start + existing.bodyStart) {
    from = line.start + existing.labelStart;
    to = line.start + existing.bodyStart + (line.text.charAt(existing.bodyStart) === ' ' ? 1 : 0);
  }
  const range = rangeAt(session.lineStarts, from, to);
  return session.speakers.map((speaker, i) => ({
    label: speaker.label,
    kind: 'speaker',
    detail: speaker.role,
    insertText: `${speaker.label}: `,
    range,
    sortText: pad(i),
    filterText: speaker.label,
  }));
}

function braceCompletions(session: Session, offset: number, inner: string, after: string, codebook: Codebook | undefined): CompletionEntry[] {
  if (inner.includes('|')) return [];
  const closed = /^[^{}]*\}/.test(after);
  const goal = /^\s*#/.exec(inner);
  if (goal) {
    const partial = inner.slice(goal[0].length).trimStart();
    return goalCompletions(session, rangeAt(session.lineStarts, offset - partial.length, offset), closed);
  }
  if (!codebook) return [];
  const partial = inner.trimStart();
  const role = turnAt(session, offset)?.role;
  const range = rangeAt(session.lineStarts, offset - partial.length, offset);
  return [...codebook.codes.values()].map((code, i) => codeEntry(code, codebook.name, `${fits(code, role) ? 'a' : 'b'}${pad(i)}`, closed, range));
}

function codeEntry(code: Code, codebookName: string, sortText: string, closed: boolean, range: CompletionEntry['range']): CompletionEntry {
  const documentation = joinMarkdown([...(code.description ? [escapeMarkdown(code.description)] : []), markdown`Codebook: ${codebookName}`], '\n\n');
  return {
    label: code.id,
    kind: 'code',
    detail: `${code.label} (${code.role})`,
    documentation,
    insertText: closed ? code.id : `${code.id}}`,
    range,
    sortText,
    filterText: code.id,
  };
}

function goalCompletions(session: Session, range: CompletionEntry['range'], closed: boolean): CompletionEntry[] {
  return (session.frontMatter?.goals ?? []).map((goal, i) => ({
    label: goal.id,
    kind: 'goal',
    detail: `${goal.text} (${goal.status})`,
    documentation: markdown`${goal.text}\n\nStatus: ${goal.status}`,
    insertText: closed ? goal.id : `${goal.id}}`,
    range,
    sortText: pad(i),
    filterText: goal.id,
  }));
}

/** Whether a code may sit on a turn of this role: `any` always, otherwise the same role; unknown roles accept all. */
function fits(code: Code, role: Role | undefined): boolean {
  return role === undefined || code.role === 'any' || code.role === role;
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}
