import type { FrontMatter, Range, Session, TextEdit } from '../model';
import { lineText, rangeAt } from '../text/lines';

/**
 * An edit that adds `lines` (already indented relative to the entry) as a new entry of the
 * block mapping or block sequence under the top-level key `key`, creating the key or the
 * whole front matter if needed. Returns undefined for flow style (`{…}`, `[…]`), which it
 * will not rewrite, so no existing text is ever replaced.
 */
export function addFrontMatterEntry(session: Session, key: string, lines: string[], createWith: string[] = lines): TextEdit | undefined {
  const { lineStarts, eol } = session;
  const fm = session.frontMatter;
  const indentBlock = (indent: string, block: string[]): string => block.map((l) => indent + l).join(eol);
  if (!fm) {
    const body = [`${key}:`, indentBlock('  ', createWith)].join(eol);
    return { range: point(session, 0), newText: `---${eol}${body}${eol}---${eol}${eol}` };
  }
  if (!editable(fm)) return undefined;
  const entry = fm.keyRanges.get(key);
  if (!entry) {
    const closing = fm.range.end.line;
    const at = lineStarts[closing - 1]!;
    return { range: point(session, at), newText: `${key}:${eol}${indentBlock('  ', createWith)}${eol}` };
  }
  const value = entry.value;
  if (!value || value.start.line === entry.key.start.line) {
    if (value && value.end.offset > value.start.offset) return undefined;
    // `key:` with nothing after it: the new entry becomes its value.
    const end = lineEnd(session, entry.key.start.line);
    return { range: point(session, end), newText: `${eol}${indentBlock('  ', createWith)}` };
  }
  const indent = ' '.repeat(value.start.column - 1);
  const lastLine = lastContentLine(session, value);
  return { range: point(session, lineEnd(session, lastLine)), newText: `${eol}${indentBlock(indent, lines)}` };
}

/**
 * How `addFrontMatterEntry` would add an entry under `key`: `create` when it writes the key
 * itself (no front matter, no such key, or `key:` with nothing after it), `append` when it adds
 * to an existing block, or `none` when it will not edit (unreadable YAML, flow style).
 * Rules use it so that, when several findings would each create the key, every one of them
 * creates it with all the entries, and applying all of their fixes at once leaves one key.
 */
export function entryMode(session: Session, key: string): 'create' | 'append' | 'none' {
  const fm = session.frontMatter;
  if (!fm) return 'create';
  if (!editable(fm)) return 'none';
  const entry = fm.keyRanges.get(key);
  if (!entry) return 'create';
  const value = entry.value;
  if (!value || value.start.line === entry.key.start.line) return value && value.end.offset > value.start.offset ? 'none' : 'create';
  return 'append';
}

// Unreadable YAML, or a front matter that is no mapping (`- a`, a block scalar `|`): a line added
// there would not be a field, and --fix would add it again on every run.
function editable(fm: FrontMatter): boolean {
  if (fm.problems.some((p) => p.kind === 'syntax')) return false;
  return fm.keyRanges.size > 0 || fm.problems.length === 0;
}

function point(session: Session, offset: number): Range {
  return rangeAt(session.lineStarts, offset, offset);
}

function lineEnd(session: Session, line: number): number {
  return session.lineStarts[line - 1]! + lineText(session.text, session.lineStarts, line).length;
}

// The yaml value range can end on the start of the next line; step back to the last line with content.
function lastContentLine(session: Session, value: Range): number {
  let line = value.end.line;
  if (value.end.column === 1 && line > value.start.line) line--;
  while (line > value.start.line && lineText(session.text, session.lineStarts, line).trim() === '') line--;
  return line;
}
