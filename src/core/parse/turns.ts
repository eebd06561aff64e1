import type { CodeAnnotation, GoalReference, Role, Speaker, Timestamp, Turn, Utterance } from '../model';
import { rangeAt } from '../text/lines';
import type { Span } from './blocks';
import { readUtterances, type Annotation } from './utterances';

/** What a line that starts a turn says before the turn's words. */
export interface TurnStart {
  label: string;
  /** Offsets of the label inside the line. */
  labelStart: number;
  labelEnd: number;
  /** Offset in the line where the spoken words begin. */
  bodyStart: number;
  timestamp?: { raw: string; start: number; end: number };
  bold: boolean;
}

/** A speaker label as a regular-expression source (use with the `u` flag): 1 to 40 letters, digits, spaces, `.`, `_`, `'`, `’`, `-`, starting with a letter or digit. */
export const SPEAKER_LABEL = String.raw`[\p{L}\p{N}][\p{L}\p{N} ._'’-]{0,39}`;

// The trailing `?` makes the repetition lazy: the label ends at the first `:` or `**` that fits.
const LABEL = `${SPEAKER_LABEL}?`;
const TURN_START = new RegExp(
  String.raw`^ {0,3}(?:\[(?<ts>[^\]\s:]{1,4}(?::[^\]\s:]{1,7}){1,3})\][ \t]*)?(?:\*\*(?<b1>${LABEL}):\*\*|\*\*(?<b2>${LABEL})\*\*:|(?<plain>${LABEL}):)(?=\s|$)`,
  'u',
);
const TIMESTAMP = /^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$/;
/** An ordered list marker (`2.` or `2)` and a space) at the start of a line. */
export const LIST_NUMBER = /^ {0,3}\d{1,9}[.)](?=[ \t])/;

/** Whether a line starts with a digit or a space, so it may start with a list number (a test cheaper than LIST_NUMBER). */
export function mayStartWithNumber(line: string): boolean {
  const first = line.charCodeAt(0);
  return first === 32 || (first >= 48 && first <= 57);
}

/**
 * Recognises `[00:01:02] T:`, `Client:` or `**Therapist:**` at the start of a line. A line that
 * starts with a list number (`2. C:`) starts no turn: `2. C` is no speaker, and Markdown shows a
 * list number there (rule turn-unread reports the line).
 */
export function matchTurnStart(line: string): TurnStart | undefined {
  if (line.length === 0 || line.indexOf(':') === -1 || (mayStartWithNumber(line) && LIST_NUMBER.test(line))) return undefined;
  const match = TURN_START.exec(line);
  if (!match || !match.groups) return undefined;
  const { ts, b1, b2, plain } = match.groups;
  const label = (b1 ?? b2 ?? plain)!;
  const labelStart = line.indexOf(label, ts === undefined ? 0 : line.indexOf(']') + 1);
  const start: TurnStart = {
    label: label.trim(),
    labelStart,
    labelEnd: labelStart + label.trimEnd().length,
    bodyStart: match[0].length,
    bold: b1 !== undefined || b2 !== undefined,
  };
  if (ts !== undefined) {
    const open = line.indexOf('[');
    start.timestamp = { raw: ts, start: open, end: open + ts.length + 2 };
  }
  return start;
}

/**
 * Whether a `Label:` line should be read as a turn rather than prose such as `She said: no`.
 * Declared labels always are; an undeclared one is when it carries a timestamp or bold,
 * or is one or two capitalised words — the shape of a typo'd or forgotten speaker.
 */
export function looksLikeTurn(start: TurnStart, declared: ReadonlyMap<string, Speaker>): boolean {
  if (declared.has(start.label)) return true;
  if (start.timestamp || start.bold) return true;
  const words = start.label.split(/\s+/);
  return words.length <= 2 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/** Parses `[hh:mm:ss]`, `[mm:ss]` and fractions of a second; `seconds` is absent when malformed. */
export function parseTimestamp(raw: string): number | undefined {
  const match = TIMESTAMP.exec(raw);
  if (!match) return undefined;
  const [, h, m, s, frac] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (frac ? Number(`0.${frac}`) : 0);
}

const ANNOTATION = /\{([^{}\n]*)\}/g;

/** The parts of a turn found in its source, before they are positioned in the document. */
export interface TurnBody {
  text: string;
  codes: CodeAnnotation[];
  goals: GoalReference[];
  utterances: Utterance[];
}

/**
 * Reads the codes and goal references of a turn's source between `start` and `end`
 * and returns its words with them removed. `skip` holds offset spans (inline code, HTML comments)
 * to leave alone, sorted and not overlapping; pass only those inside the turn (see `spansWithin`).
 * HTML comments are ignored: their text is dropped from the words, with the codes in them.
 */
export function readTurnBody(text: string, lineStarts: number[], start: number, end: number, skip: Span[]): TurnBody {
  const source = withoutComments(text.slice(start, end), start, skip);
  const codes: CodeAnnotation[] = [];
  const goals: GoalReference[] = [];
  const annotations: Annotation[] = [];
  let plain = '';
  let last = 0;
  let span = 0;
  ANNOTATION.lastIndex = 0;
  for (let m = ANNOTATION.exec(source); m; m = ANNOTATION.exec(source)) {
    const from = start + m.index;
    const to = from + m[0].length;
    // Annotations come in order and the spans are sorted, so one pointer walks both.
    while (span < skip.length && skip[span]![1] <= from) span++;
    if (span < skip.length && skip[span]![0] < to) continue;
    plain += source.slice(last, m.index);
    last = m.index + m[0].length;
    const inner = m[1]!;
    const range = rangeAt(lineStarts, from, to);
    if (inner.trimStart().startsWith('#')) {
      const hash = inner.indexOf('#');
      const id = inner.slice(hash + 1).trim();
      const idFrom = from + 1 + hash + 1 + (inner.slice(hash + 1).length - inner.slice(hash + 1).trimStart().length);
      goals.push({ id, range, idRange: rangeAt(lineStarts, idFrom, idFrom + id.length) });
      annotations.push({ from: m.index, to: last });
      continue;
    }
    const pipe = inner.indexOf('|');
    const idPart = pipe === -1 ? inner : inner.slice(0, pipe);
    const id = idPart.trim();
    const idFrom = from + 1 + (idPart.length - idPart.trimStart().length);
    // `utterance` is numbered by readUtterances.
    const code: CodeAnnotation = { id, range, idRange: rangeAt(lineStarts, idFrom, idFrom + id.length), utterance: 0 };
    if (pipe !== -1) code.note = inner.slice(pipe + 1).trim();
    codes.push(code);
    annotations.push({ from: m.index, to: last, code });
  }
  plain += source.slice(last);
  const words = collapseSpaces(plain);
  const utterances = codes.length === 0 ? [] : readUtterances(source, start, lineStarts, annotations, words);
  return { text: words, codes, goals, utterances };
}

// Whitespace other than one space, or two spaces in a row: what collapsing must change.
const LOOSE_SPACE = /[^\S ]| {2}/;

/** The words of a text with every run of whitespace made one space, and none at either end; a text already so is returned as it is. */
export function collapseSpaces(text: string): string {
  // Most turns are one line with single spaces: testing first spares a copy of each turn's text.
  return LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

// Blanks the comments (line breaks kept), so positions stay and no annotation is found in them.
function withoutComments(source: string, start: number, skip: Span[]): string {
  let blanked = source;
  for (const [from, to, comment] of skip) {
    if (!comment) continue;
    const a = Math.max(from - start, 0);
    const b = Math.min(to - start, source.length);
    if (a < b) blanked = blanked.slice(0, a) + blanked.slice(a, b).replace(/[^\r\n]/g, ' ') + blanked.slice(b);
  }
  return blanked;
}

/** Builds a turn from its first line's start and its full source span. */
export function makeTurn(
  args: { text: string; lineStarts: number[]; lineOffset: number; start: TurnStart; end: number; skip: Span[] },
  speakers: ReadonlyMap<string, Speaker>,
  index: number,
  sectionIndex: number,
): Turn {
  const { text, lineStarts, lineOffset, start, end, skip } = args;
  const body = readTurnBody(text, lineStarts, lineOffset + start.bodyStart, end, skip);
  const role: Role | undefined = speakers.get(start.label)?.role;
  const turnStart = lineOffset + (start.timestamp ? start.timestamp.start : start.labelStart - (start.bold ? 2 : 0));
  const turn: Turn = {
    index,
    label: start.label,
    text: body.text,
    codes: body.codes,
    utterances: body.utterances,
    goals: body.goals,
    memos: [],
    range: rangeAt(lineStarts, turnStart, end),
    labelRange: rangeAt(lineStarts, lineOffset + start.labelStart, lineOffset + start.labelEnd),
    sectionIndex,
  };
  if (role) turn.role = role;
  if (start.timestamp) {
    const ts: Timestamp = {
      raw: start.timestamp.raw,
      range: rangeAt(lineStarts, lineOffset + start.timestamp.start, lineOffset + start.timestamp.end),
    };
    const seconds = parseTimestamp(start.timestamp.raw);
    if (seconds !== undefined) ts.seconds = seconds;
    turn.timestamp = ts;
  }
  return turn;
}
