/**
 * Nested list items beyond which a file is not parsed. Markdown parsers (micromark and
 * mdast-util-from-markdown among them) take quadratic time on many nested list items: 4,000
 * lines of `- - x` take 3 s, 1,000 lines a hundred markers deep 15 s, 400 lines of fifty `- > ` 2 s. A transcript has a few
 * short lists, so such a file is hostile or not a transcript.
 */
export const MAX_NESTED_LIST_ITEMS = 1_000;
/** List items of any kind beyond which a file is not parsed (flat lists are linear: 8,000 items take 0.4 s). */
export const MAX_LIST_ITEMS = 20_000;

const SPACE = 32;
const TAB = 9;
const QUOTE = 62; // >

/** Whether a line starting with this character code may hold a list item (see listItemsOnLine): a space, tab, `>`, `-`, `*`, `+` or digit. */
export function mayStartListItem(code: number): boolean {
  return code === SPACE || code === TAB || code === QUOTE || code === 45 || code === 42 || code === 43 || (code >= 48 && code <= 57);
}

/**
 * How many list items begin on a line, and how many of them are nested: in the container prefix
 * (block-quote markers, indentation and list markers, in any mix: `- > - > x` nests lists through
 * quotes), each `-`, `*`, `+`, `1.` or `1)` followed by a space, a tab or the end starts an item;
 * every marker after the first on a line, and a first marker indented by two or more, opens a
 * nested one. A cheap over-estimate (`- - -` is a rule, not three items), on purpose.
 */
export function listItemsOnLine(text: string, from: number, to: number): { items: number; nested: number } {
  let index = from;
  let indent = 0;
  let firstIndent = 0;
  let items = 0;
  for (;;) {
    const code = text.charCodeAt(index);
    if (index < to && (code === SPACE || code === TAB)) {
      indent++;
      index++;
    } else if (index < to && code === QUOTE) {
      indent = 0;
      index++;
    } else {
      const after = markerEnd(text, index, to);
      if (after < 0) break;
      if (items === 0) firstIndent = indent;
      items++;
      indent = 0;
      index = after;
    }
  }
  return { items, nested: items === 0 ? 0 : items - 1 + (firstIndent >= 2 ? 1 : 0) };
}

// The offset after a list marker starting at `index` (a bullet, or up to nine digits and `.` or `)`), if a space, a tab or the line's end follows; else -1.
function markerEnd(text: string, index: number, to: number): number {
  const code = text.charCodeAt(index);
  let end = index;
  if (code === 45 || code === 42 || code === 43) end = index + 1;
  else {
    while (end < to && end - index < 9 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === index || (text.charCodeAt(end) !== 46 && text.charCodeAt(end) !== 41)) return -1;
    end++;
  }
  if (end > to) return -1;
  return end === to || text.charCodeAt(end) === SPACE || text.charCodeAt(end) === TAB ? end : -1;
}
