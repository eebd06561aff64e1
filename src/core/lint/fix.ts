import type { Finding, TextEdit } from '../model';

/**
 * The edits that can be applied together, in order: duplicates are merged and any edit that
 * overlaps one already taken is dropped, so one fix can never eat text another fix (or the
 * user) meant to keep.
 */
export function compatibleEdits(edits: TextEdit[], textLength = Infinity): TextEdit[] {
  // Findings share one edit object (a "declare all" fix): drop repeats of the same object before keying by text.
  const unique = new Map([...new Set(edits)].map((e) => [`${e.range.start.offset}:${e.range.end.offset}:${e.newText}`, e]));
  const sorted = [...unique.values()].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  const taken: TextEdit[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    const { start, end } = edit.range;
    if (start.offset < cursor || end.offset < start.offset || end.offset > textLength) continue;
    taken.push(edit);
    cursor = end.offset;
  }
  return taken;
}

/** Applies the compatible edits to a text and says how many were applied. */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const taken = compatibleEdits(edits, text.length);
  let out = '';
  let cursor = 0;
  for (const edit of taken) {
    out += text.slice(cursor, edit.range.start.offset) + edit.newText;
    cursor = edit.range.end.offset;
  }
  return { text: out + text.slice(cursor), applied: taken.length };
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
