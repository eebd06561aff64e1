import type { Heading } from 'mdast';
import { isSetextTurn } from '../../parse/sections';
import { lineText, rangeAt } from '../../text/lines';
import type { Rule } from '../types';

/** A `---` or `===` line right under turns, which makes Markdown viewers show the turns as a heading. */
export const turnUnderlined: Rule = {
  id: 'turn-underlined',
  description: 'A line of `---` or `===` right under turns makes other Markdown viewers show them as a heading; put a blank line above it.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const { text, lineStarts } = session;
    const source = { text, lineStarts, speakers: new Map(session.speakers.map((s) => [s.label, s])) };
    const firstLine = session.frontMatter ? session.frontMatter.range.end.line + 1 : 1;
    for (const block of session.mdast.children) {
      if (block.type !== 'heading' || block.position!.end.line < firstLine || !isSetextTurn(source, block as Heading)) continue;
      // The parser reads the lines as turns (see isSetextTurn); the underline is the last line of the heading.
      const line = block.position!.end.line;
      const content = lineText(text, lineStarts, line);
      const mark = content.trim();
      const start = lineStarts[line - 1]! + content.indexOf(mark);
      const underline = mark.startsWith('=') ? "'==='" : "'---'";
      const advice = mark.startsWith('=') ? "Put a blank line above it (and write '***' for a rule)" : 'Put a blank line above it to draw a rule';
      report({
        message: `The ${underline} right under these turns makes other Markdown viewers show them as a heading (they are read as turns here). ${advice}.`,
        range: rangeAt(lineStarts, start, start + mark.length),
        fixes: [
          {
            title: 'Insert a blank line above it',
            edits: [{ range: rangeAt(lineStarts, lineStarts[line - 1]!, lineStarts[line - 1]!), newText: session.eol }],
            safe: true,
          },
        ],
      });
    }
  },
};
