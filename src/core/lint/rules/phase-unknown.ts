import { splitPhaseHeading } from '../../parse/phaseModels';
import { excerpt } from '../../text/excerpt';
import { rangeAt } from '../../text/lines';
import { Speller } from '../../text/spelling';
import { describeModel, firstLineOf, phaseName } from '../ruleHelpers';
import type { Rule } from '../types';
import type { Fix } from '../../model';

/** A level-2 heading that names no phase of the model. */
export const phaseUnknown: Rule = {
  id: 'phase-unknown',
  description: 'Level-2 headings are phase headings: each must name a phase of the phase model.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const speller = new Speller(session.phaseModel.phases.flatMap((p) => [p.name, ...p.aliases]));
    for (const section of session.sections) {
      if (section.phase) continue;
      const { head } = splitPhaseHeading(section.title);
      const fixes: Fix[] = [];
      const words = phaseWords(head);
      const closest = words ? speller.suggest(words.text) : undefined;
      if (words && closest) {
        // Only the phase words are replaced; emphasis, a filler word (`phase`) and a subtitle after them stay.
        const titleStart = session.text.indexOf(section.title, section.headingRange.start.offset);
        const start = titleStart + words.start;
        const range = rangeAt(session.lineStarts, start, start + words.text.length);
        fixes.push({ title: `Change to '${closest}'`, edits: [{ range, newText: closest }], safe: false });
      }
      report({
        // The heading is masked; the suggestion is a phase name of the model (masked too when the front matter lists the phases).
        message: `${section.title ? `'${excerpt(section.title)}'` : 'An empty heading'} is not a phase of the ${describeModel(session)}${closest ? `; did you mean '${phaseName(session, closest)}'?` : ''}`,
        range: firstLineOf(session, section.headingRange),
        fixes,
      });
    }
  },
};

const FILLER = /\s+(?:phase|stage|process)$/i;

/**
 * The words of a heading's phase part that name the phase, without the emphasis around them
 * or a trailing filler word: `**Begining** phase` gives `Begining` (at offset 2).
 */
function phaseWords(head: string): { text: string; start: number } | undefined {
  let from = 0;
  let to = head.length;
  const trim = (): void => {
    while (from < to && /[\s*_`]/.test(head[from]!)) from++;
    while (to > from && /[\s*_`]/.test(head[to - 1]!)) to--;
  };
  trim();
  const filler = FILLER.exec(head.slice(from, to));
  if (filler && filler.index > 0) {
    to = from + filler.index;
    trim();
  }
  return to > from ? { text: head.slice(from, to), start: from } : undefined;
}
