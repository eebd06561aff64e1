import type { CodeAnnotation, Utterance } from '../model';
import { rangeAt } from '../text/lines';

// A code written after some words codes them (docs/format.md#utterances). Codes with nothing but
// white space, goal references and HTML comments between them form a run, and a run codes the
// words between the run before it (or the start of the turn's words) and its first code. A run
// with no words before it, at the start of a turn, codes the words after it, with the run that
// follows them if there is one. Words after the last run are coded by none.

/** A code or goal reference read in a turn, with its offsets in the turn's source. */
export interface Annotation {
  from: number;
  to: number;
  /** Absent for a goal reference. */
  code?: CodeAnnotation;
}

const NON_SPACE = /\S/g;
const SPACES = /\s+/g;

/**
 * Reads the utterances of a turn and numbers each code's `utterance`. `source` is the turn's
 * words with comments blanked, `base` its offset in the document, `annotations` its codes and goal
 * references in order, and `turnText` the turn's text, shared when one utterance holds all of it.
 */
export function readUtterances(source: string, base: number, lineStarts: number[], annotations: readonly Annotation[], turnText: string): Utterance[] {
  const reader = new UtteranceReader(source);
  for (const annotation of annotations) reader.read(annotation);
  return reader.finish(base, lineStarts, turnText);
}

interface Pending {
  from: number;
  to: number;
  /** The goal references inside, whose text is left out. */
  goals: Annotation[];
}

class UtteranceReader {
  private readonly spans: Pending[] = [];
  /** Where the words of the next utterance may start: just after the last run, or at the start. */
  private wordsFrom = 0;
  private previousEnd = 0;
  /** Whether a run is open: no words came since its last code. */
  private inRun = false;
  /** The codes of a run that had no words before it, waiting for the words after them. */
  private leading: CodeAnnotation[] = [];
  private goalsSinceRun: Annotation[] = [];
  private wordsAfterLastRun = false;

  constructor(private readonly source: string) {}

  read(annotation: Annotation): void {
    if (this.hasWords(this.previousEnd, annotation.from)) {
      this.inRun = false;
      this.wordsAfterLastRun = true;
    }
    this.previousEnd = annotation.to;
    const { code } = annotation;
    if (!code) {
      this.goalsSinceRun.push(annotation);
      return;
    }
    if (!this.inRun) this.startRun(annotation.from);
    code.utterance = this.spans.length;
    if (code.utterance === 0) this.leading.push(code);
    this.inRun = true;
    this.wordsFrom = annotation.to;
    this.wordsAfterLastRun = false;
    this.goalsSinceRun = [];
  }

  finish(base: number, lineStarts: number[], turnText: string): Utterance[] {
    if (this.hasWords(this.previousEnd, this.source.length)) this.wordsAfterLastRun = true;
    if (this.leading.length > 0) {
      // Codes at the start and nothing after them: they code the words that follow, or no words.
      const span = this.trimmed(this.wordsFrom, this.source.length, this.goalsSinceRun);
      const at = span ?? { from: this.leading[0]!.range.start.offset - base, to: this.leading[0]!.range.start.offset - base, goals: [] };
      this.spans.push(at);
      for (const code of this.leading) code.utterance = 1;
      if (span) this.wordsAfterLastRun = false;
    }
    const whole = this.spans.length === 1 && !this.wordsAfterLastRun;
    return this.spans.map((span, i) => ({
      index: i + 1,
      text: whole ? turnText : this.textOf(span),
      range: rangeAt(lineStarts, base + span.from, base + span.to),
    }));
  }

  private startRun(codeFrom: number): void {
    const span = this.trimmed(this.wordsFrom, codeFrom, this.goalsSinceRun);
    // Without words before it, a run waits for the words after it (only the first run can).
    if (!span) return;
    this.spans.push(span);
    for (const code of this.leading) code.utterance = this.spans.length;
    this.leading = [];
  }

  /** The span from `from` to `to` without white space and goal references at either end; undefined when nothing is left. */
  private trimmed(from: number, to: number, goals: Annotation[]): Pending | undefined {
    let start = from;
    let end = to;
    let first = 0;
    let last = goals.length - 1;
    for (;;) {
      while (start < end && isSpace(this.source.charCodeAt(start))) start++;
      if (first <= last && goals[first]!.from === start) start = goals[first++]!.to;
      else break;
    }
    for (;;) {
      while (end > start && isSpace(this.source.charCodeAt(end - 1))) end--;
      if (last >= first && goals[last]!.to === end) end = goals[last--]!.from;
      else break;
    }
    return start < end ? { from: start, to: end, goals: goals.slice(first, last + 1) } : undefined;
  }

  private textOf(span: Pending): string {
    let text = '';
    let at = span.from;
    for (const goal of span.goals) {
      text += this.source.slice(at, goal.from);
      at = goal.to;
    }
    text += this.source.slice(at, span.to);
    return text.replace(SPACES, ' ').trim();
  }

  private hasWords(from: number, to: number): boolean {
    NON_SPACE.lastIndex = from;
    const match = NON_SPACE.exec(this.source);
    return match !== null && match.index < to;
  }
}

// What `\s` matches, as the turn's text collapses it.
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
