import type { Codebook } from '../codebook/codebook';
import { scaleSpan, type RatingScale } from '../codebook/ratingScales';
import type { Session } from '../model';
import { lineText, positionAt, rangeAt } from '../text/lines';
import { joinMarkdown, markdown } from '../text/markdown';
import { levelList, scaleFacts } from './ratingHover';
import type { CompletionEntry } from './types';

// Completion under `ratings:` reads the lines as they are, not the YAML: while a key is half
// typed (`  emp`) the front matter is no valid YAML, and that is exactly when it is needed.

const RATINGS_KEY = /^ratings[ \t]*:[ \t]*(?:#.*)?$/;
const PARTIAL_KEY = /^([ \t]+)([A-Za-z0-9_.-]*)$/;
const PARTIAL_VALUE = /^[ \t]+([A-Za-z0-9_.-]+)[ \t]*:[ \t]*([0-9.]*)$/;
const ENTRY_KEY = /^[ \t]+([^\s:#][^:#]*?)[ \t]*:/;

/**
 * Completion proposals inside the front matter's block `ratings:` mapping: the codebook's scale ids
 * not rated yet on a key, the scale's levels with their descriptions on a value. Undefined elsewhere.
 */
export function ratingCompletions(session: Session, offset: number, codebook: Codebook | undefined): CompletionEntry[] | undefined {
  const block = ratingsBlockAt(session, offset);
  if (!block) return undefined;
  const scales = codebook?.ratings ?? [];
  const { before, after, lineStart } = block;
  const value = PARTIAL_VALUE.exec(before);
  if (value) {
    const scale = scales.find((s) => s.id === value[1]);
    const written = value[2]!.length + (/^[0-9.]*/.exec(after)?.[0].length ?? 0);
    const from = offset - value[2]!.length;
    return scale ? levelEntries(scale, rangeAt(session.lineStarts, from, from + written)) : [];
  }
  const key = PARTIAL_KEY.exec(before);
  if (!key || !codebook) return key ? [] : undefined;
  const from = lineStart + key[1]!.length;
  const to = offset + (/^[A-Za-z0-9_.-]*/.exec(after)?.[0].length ?? 0);
  // A value already written after the key (`  emp|: 4`) stays; only the id is replaced then.
  const hasColon = /^[A-Za-z0-9_.-]*[ \t]*:/.test(after);
  return scales.filter((s) => !block.rated.has(s.id)).map((scale, i) => scaleEntry(scale, codebook, rangeAt(session.lineStarts, from, to), hasColon, i));
}

interface RatingsLine {
  lineStart: number;
  before: string;
  after: string;
  /** The keys written on the block's other lines. */
  rated: Set<string>;
}

// The cursor's line when it is an indented line of the block that a `ratings:` line opens at the top level of the front matter.
function ratingsBlockAt(session: Session, offset: number): RatingsLine | undefined {
  const fm = session.frontMatter;
  if (!fm || offset < fm.range.start.offset || offset > fm.range.end.offset) return undefined;
  const { text, lineStarts } = session;
  const line = positionAt(lineStarts, offset).line;
  // Between the fences: not the opening line, nor the closing one of a closed front matter.
  if (line <= 1 || (line === fm.range.end.line && /^---[ \t]*$/.test(lineText(text, lineStarts, line)))) return undefined;
  const lineStart = lineStarts[line - 1]!;
  const current = lineText(text, lineStarts, line);
  const before = current.slice(0, offset - lineStart);
  if (!/^[ \t]/.test(before)) return undefined;
  let top = line - 1;
  while (top > 1 && !isTopLevel(lineText(text, lineStarts, top))) top--;
  if (top <= 1 || !RATINGS_KEY.test(lineText(text, lineStarts, top))) return undefined;
  const rated = new Set<string>();
  for (let other = top + 1; other <= fm.range.end.line; other++) {
    const content = lineText(text, lineStarts, other);
    if (other !== line && isTopLevel(content)) break;
    const id = other === line ? undefined : ENTRY_KEY.exec(content)?.[1];
    if (id) rated.add(id.replace(/^["']|["']$/g, ''));
  }
  return { lineStart, before, after: current.slice(offset - lineStart), rated };
}

// A line that starts a top-level key (or closes the front matter): neither indented, blank nor a comment.
function isTopLevel(line: string): boolean {
  return line.length > 0 && !/^[ \t#]/.test(line);
}

function scaleEntry(scale: RatingScale, codebook: Codebook, range: CompletionEntry['range'], hasColon: boolean, i: number): CompletionEntry {
  const parts = [markdown`**${scale.label}**, ${scaleSpan(scale)}`];
  if (scale.description) parts.push(markdown`${scale.description}`);
  parts.push(levelList(scale), scaleFacts(scale, codebook));
  const entry: CompletionEntry = {
    label: scale.id,
    kind: 'rating',
    detail: `${scale.label} (${scaleSpan(scale)}${scale.required ? ', required' : ''})`,
    documentation: joinMarkdown(parts, '\n\n'),
    insertText: hasColon ? scale.id : `${scale.id}: `,
    range,
    sortText: String(i).padStart(4, '0'),
    filterText: scale.id,
  };
  // After `id: ` the levels are what comes next.
  if (!hasColon) entry.retrigger = true;
  return entry;
}

function levelEntries(scale: RatingScale, range: CompletionEntry['range']): CompletionEntry[] {
  return scale.levels.map((level, i) => ({
    label: String(level.value),
    kind: 'level',
    detail: `${scale.label}: ${level.value}${level.value === scale.default ? ' (where coders start)' : ''}`,
    documentation: markdown`${level.description}`,
    insertText: String(level.value),
    range,
    sortText: String(i).padStart(4, '0'),
    filterText: String(level.value),
  }));
}
