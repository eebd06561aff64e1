import { unreadTurns, type UnreadPlace, type UnreadTurn } from '../../parse/unreadTurns';
import { rangeAt } from '../../text/lines';
import type { Rule } from '../types';
import type { Fix, TextEdit } from '../../model';

const WHY: Record<UnreadPlace, string> = {
  list: 'this line is inside a list item, so its words and codes are not counted. Remove the list marker so that the line starts with the speaker label',
  number: 'this line starts with a list number, so it is read as text of the line above. Remove the number so that the line starts with the speaker label',
  quote: "this line is inside a block quote, so its words and codes are not counted. Remove the '>' so that the line starts with the speaker label",
  html: 'this line is inside an HTML block, so its words and codes are not counted. Markdown reads the lines after an HTML tag as HTML up to the next blank line: put a blank line before the turn, or move it out of the HTML',
};

const REMOVE: Record<Exclude<UnreadPlace, 'html'>, { one: string; all: (n: number) => string }> = {
  list: { one: 'Remove the list marker', all: (n) => `Remove the list markers of the ${n} turns in this list` },
  number: { one: 'Remove the list number', all: (n) => `Remove the list numbers of the ${n} turns in this paragraph` },
  quote: { one: "Remove the '>'", all: (n) => `Remove the '>' of the ${n} turns in this block quote` },
};

/** A line written as a turn that Markdown puts in a list item, a block quote or an HTML block, or after a list number, where it is not read. */
export const turnUnread: Rule = {
  id: 'turn-unread',
  description:
    'A line written as a turn (a declared speaker or a timestamp) inside a list item, a block quote or an HTML block, or after a list number, is not read as a turn.',
  defaultSeverity: 'error',
  check({ session, report }) {
    const found = unreadTurns(session);
    const removals = found.map((unread) => ({ range: unread.prefix, newText: '' }));
    // The findings of one block share its "all" fix, built once.
    const allOfBlock = new Map<number, Fix>();
    found.forEach((unread, index) => {
      const fixes: Fix[] = [];
      if (unread.place === 'html') {
        if (unread.endsAtBlankLine)
          fixes.push({
            title: 'Insert a blank line before the turn',
            edits: [{ range: rangeAt(session.lineStarts, unread.prefix.start.offset, unread.prefix.start.offset), newText: session.eol }],
            safe: false,
          });
      } else if (unread.prefix.start.offset < unread.prefix.end.offset) {
        const titles = REMOVE[unread.place];
        fixes.push({ title: titles.one, edits: [removals[index]!], safe: false });
        const all = allOfBlock.get(unread.block) ?? blockFix(found, removals, unread, titles.all);
        allOfBlock.set(unread.block, all);
        if (all.edits.length > 1) fixes.push(all);
      }
      report({ message: `Not read as a turn: ${WHY[unread.place]}.`, range: findingRange(session.text, session.lineStarts, unread), fixes });
    });
  },
};

function blockFix(found: UnreadTurn[], removals: TextEdit[], unread: UnreadTurn, title: (n: number) => string): Fix {
  const edits = removals.filter((_, i) => found[i]!.block === unread.block && found[i]!.place === unread.place);
  return { title: title(edits.length), edits, safe: false };
}

// From the list marker or `>` (not the indentation before it) to the label's colon.
function findingRange(text: string, lineStarts: number[], unread: UnreadTurn) {
  let start = unread.prefix.start.offset;
  while (start < unread.prefix.end.offset && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  return rangeAt(lineStarts, start, unread.label.end.offset);
}
