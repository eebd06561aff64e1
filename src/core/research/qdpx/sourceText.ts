import type { Session, Turn } from '../../model';

// The plain text a session becomes in a project: a phase heading (`## Middle`) where the phase
// changes, and one paragraph per turn, `[timestamp] Label: words`, with the codes, goal
// references and memos left out (they are the project's codings, cases and notes). Positions
// count Unicode code points, as REFI-QDA's character positions do.

/** Where a turn's words, and each of its coded utterances, lie in the source text (code points, end exclusive). */
export interface TurnSpan {
  turn: Turn;
  start: number;
  end: number;
  utterances: { index: number; start: number; end: number }[];
}

/** A session's plain text and where its turns are in it. */
export interface SourceText {
  text: string;
  turns: TurnSpan[];
}

/** The number of code points of a string (what REFI-QDA positions count). */
export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The plain text of a session, with the span of each turn and of each of its coded utterances. */
export function sourceTextOf(session: Session): SourceText {
  const parts: string[] = [];
  const turns: TurnSpan[] = [];
  let length = 0;
  let section = -1;
  // Paragraphs are separated by a blank line; `push` returns where the paragraph starts.
  const push = (paragraph: string): number => {
    if (parts.length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    const at = length;
    parts.push(paragraph);
    length += codePoints(paragraph);
    return at;
  };
  for (const turn of session.turns) {
    if (turn.sectionIndex !== section && turn.sectionIndex >= 0) push(`## ${session.sections[turn.sectionIndex]!.title}`);
    section = turn.sectionIndex;
    const head = `${turn.timestamp ? `[${turn.timestamp.raw.replace(/^\[|\]$/g, '')}] ` : ''}${turn.label}: `;
    const start = push(`${head}${turn.text}`) + codePoints(head);
    turns.push({ turn, start, end: length, utterances: utteranceSpans(turn, start) });
  }
  return { text: parts.length === 0 ? '' : `${parts.join('')}\n`, turns };
}

// Each utterance's words are found in order in the turn's text, which is made of them (and the uncoded words).
function utteranceSpans(turn: Turn, start: number): TurnSpan['utterances'] {
  const spans: TurnSpan['utterances'] = [];
  let from = 0;
  for (const utterance of turn.utterances) {
    const at = utterance.text === '' ? -1 : turn.text.indexOf(utterance.text, from);
    const index = at === -1 ? from : at;
    const end = at === -1 ? from : at + utterance.text.length;
    spans.push({ index: utterance.index, start: start + codePoints(turn.text.slice(0, index)), end: start + codePoints(turn.text.slice(0, end)) });
    from = end;
  }
  return spans;
}
