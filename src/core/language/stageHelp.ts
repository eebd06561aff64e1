import { BUILTIN_STAGES } from '../course/stages';
import type { Session } from '../model';
import { lineText, positionAt, rangeAt } from '../text/lines';
import { markdown, markdownCode, type Markdown } from '../text/markdown';
import type { CompletionEntry, HoverInfo } from './types';

// Completion and hover of the front matter's `stage:` value. Like completion under `ratings:`, it
// reads the line as written: while a value is half typed the front matter may be no valid YAML.

/** What each built-in stage is, after the seed's stages of a course of therapy. */
const STAGE_MEANING: Record<string, string> = {
  intake: 'An initial session: rapport, confidentiality and the framework, history and assessment, and goals set together.',
  working: 'A working session: exploring thoughts, feelings and behaviours, patterns, coping skills, homework and progress on the goals.',
  termination: 'A termination session, once the goals are largely met: reviewing the journey and every goal, relapse and follow-up plans, saying goodbye.',
  'follow-up': 'A follow-up after the termination: how the client is doing on their own.',
};

const STAGE_LINE = /^stage[ \t]*:[ \t]*/;

/** Proposals for the `stage:` value at `offset` (the stages in force, in course order), or undefined when the cursor is not there. */
export function stageCompletions(session: Session, offset: number, stages: readonly string[] = BUILTIN_STAGES): CompletionEntry[] | undefined {
  const line = stageLineAt(session, offset);
  if (!line) return undefined;
  const valueStart = line.start + line.prefix;
  if (offset < valueStart) return undefined;
  const valueEnd = line.start + line.text.replace(/[ \t]*(#.*)?$/, '').length;
  const range = rangeAt(session.lineStarts, valueStart, Math.max(valueEnd, offset));
  return stages.map((stage, i) => ({
    label: stage,
    kind: 'stage',
    detail: `Stage ${i + 1} of ${stages.length} of the course`,
    documentation: stageDoc(stage, stages),
    insertText: stage,
    range,
    sortText: String(i).padStart(4, '0'),
    filterText: stage,
  }));
}

/** Hover content for the front matter's `stage:` value at `offset`. */
export function stageHoverAt(session: Session, offset: number, stages: readonly string[] = BUILTIN_STAGES): HoverInfo | undefined {
  const fm = session.frontMatter;
  const value = fm?.keyRanges.get('stage')?.value;
  if (fm?.stage === undefined || !value || offset < value.start.offset || offset > value.end.offset) return undefined;
  return { markdown: stageDoc(fm.stage, stages), range: value };
}

function stageDoc(stage: string, stages: readonly string[]): Markdown {
  const index = stages.indexOf(stage);
  if (index < 0) return markdown`${markdownCode(stage)} is not a stage of the course: ${stages.join(', ')}.`;
  const meaning = STAGE_MEANING[stage];
  const where = markdown`**Stage ${String(index + 1)} of ${String(stages.length)}** of the course (${stages.join(' → ')})`;
  return meaning ? markdown`${where}\n\n${meaning}` : where;
}

// The cursor's line when it is the top-level `stage:` line of the front matter.
function stageLineAt(session: Session, offset: number): { start: number; text: string; prefix: number } | undefined {
  const fm = session.frontMatter;
  if (!fm || offset < fm.range.start.offset || offset > fm.range.end.offset) return undefined;
  const line = positionAt(session.lineStarts, offset).line;
  if (line <= 1 || line >= fm.range.end.line) return undefined;
  const text = lineText(session.text, session.lineStarts, line);
  const prefix = STAGE_LINE.exec(text);
  return prefix ? { start: session.lineStarts[line - 1]!, text, prefix: prefix[0].length } : undefined;
}
