// A source's plain text read as a transcript, with positions in code points: `## heading` lines
// are phase headings, `[timestamp] Label: words` lines start turns, other lines continue the turn
// before them (or, before the first turn, are prose). A text in which no line names a speaker is
// read as one turn per line of an unnamed speaker.

/** A run of a turn's words in the source: [start, end) in code points. */
export interface WordRun {
  start: number;
  end: number;
}

/** A turn read from a source's text. */
export interface SourceTurn {
  kind: 'turn';
  speaker: string;
  /** The timestamp as written, brackets included. */
  stamp?: string;
  /** Where its line starts. */
  start: number;
  runs: WordRun[];
}

/** What a source's text holds, in order. */
export type SourceBlock = SourceTurn | { kind: 'heading'; title: string } | { kind: 'prose'; run: WordRun };

/** The source's text as code points, and its blocks. */
export interface SourceLayout {
  points: string[];
  blocks: SourceBlock[];
  /** No line names a speaker: each line became a turn of an unnamed speaker. */
  unnamed: boolean;
}

const TURN = /^(\[[0-9:.,]{3,15}\]\s*)?([^\s:#>[\]][^:]{0,59}?):(?:\s+|$)/u;
const HEADING = /^##\s+(\S.*?)\s*#*\s*$/u;

/** Reads a source's plain text into headings, turns and prose. */
export function readSourceLayout(text: string, unnamedSpeaker: string): SourceLayout {
  const points = Array.from(text);
  const lines: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i <= points.length; i++) {
    if (i < points.length && points[i] !== '\n') continue;
    let end = i;
    if (end > start && points[end - 1] === '\r') end--;
    lines.push({ start, end, text: points.slice(start, end).join('') });
    start = i + 1;
  }
  const named = lines.some((line) => TURN.test(line.text));
  const blocks: SourceBlock[] = [];
  let turn: SourceTurn | undefined;
  for (const line of lines) {
    if (line.text.trim() === '') continue;
    const heading = HEADING.exec(line.text);
    if (heading) {
      blocks.push({ kind: 'heading', title: heading[1]! });
      turn = undefined;
      continue;
    }
    const match = named ? TURN.exec(line.text) : null;
    if (match || !named) {
      const head = match ? Array.from(match[0]).length : 0;
      turn = { kind: 'turn', speaker: match ? match[2]!.trim() : unnamedSpeaker, start: line.start, runs: [{ start: line.start + head, end: line.end }] };
      if (match?.[1] !== undefined) turn.stamp = match[1].trim();
      blocks.push(turn);
    } else if (turn) turn.runs.push({ start: line.start, end: line.end });
    else blocks.push({ kind: 'prose', run: { start: line.start, end: line.end } });
  }
  return { points, blocks, unnamed: !named };
}
