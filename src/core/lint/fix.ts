import type { Finding, TextEdit } from './types';

/**
 * Applies edits to a text, skipping any that overlap an edit already taken, so one
 * fix can never eat text another fix (or the user) meant to keep.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const unique = new Map(edits.map((e) => [`${e.range.start.offset}:${e.range.end.offset}:${e.newText}`, e]));
  const sorted = [...unique.values()].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  let out = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    const { start, end } = edit.range;
    if (start.offset < cursor || end.offset < start.offset || end.offset > text.length) continue;
    out += text.slice(cursor, start.offset) + edit.newText;
    cursor = end.offset;
    applied++;
  }
  return { text: out + text.slice(cursor), applied };
}

/** The edits of every safe fix among the findings, for `--fix` and "Fix all". */
export function safeFixEdits(findings: Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe);
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}
