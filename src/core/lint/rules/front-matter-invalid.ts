import type { FrontMatter, Range, Session } from '../../model';
import { excerpt } from '../../text/excerpt';
import { rangeAt } from '../../text/lines';
import { trimRange } from '../ruleHelpers';
import type { Rule } from '../types';

/** YAML syntax and type errors in the front matter, and missing required fields, at their YAML position. */
export const frontMatterInvalid: Rule = {
  id: 'front-matter-invalid',
  description: 'The front matter must be valid YAML with fields of the right type, and contain the required fields.',
  defaultSeverity: 'error',
  check({ session, config, report }) {
    const fm = session.frontMatter;
    for (const problem of fm?.problems ?? []) report({ message: `Front matter: ${problem.message}`, range: problemRange(session, fm!, problem.range) });
    if (fm?.problems.some((p) => p.kind === 'syntax')) return;
    if (fm) reportDuplicateGoals(fm, report);
    // A field written with an empty or mistyped value already has its finding above; it is not also "missing".
    const missing = config.requiredFields.filter((field) => {
      const value = fm?.data[field];
      if (value !== undefined && value !== null) return false;
      const written = fm?.keyRanges.get(field);
      return !(written && fm!.problems.some((p) => within(p.range, written.value ?? written.key)));
    });
    if (missing.length === 0) return;
    const fields = missing.map((f) => `'${f}'`).join(', ');
    report({
      message: fm
        ? `Front matter is missing the required field${missing.length > 1 ? 's' : ''} ${fields}`
        : `This transcript has no front matter; required fields are ${fields}`,
      // The opening `---` fence (the front matter always starts the file), or the start of a file without one.
      range: fm ? rangeAt(session.lineStarts, 0, Math.min(3, session.text.length)) : rangeAt(session.lineStarts, 0, 0),
    });
  },
};

/**
 * Where to show a YAML problem: a multi-line value ends at the start of the next line in the
 * YAML parser's ranges, so it is trimmed to its last character; an empty value (`client:`)
 * has no width, so the key is shown instead.
 */
function problemRange(session: Session, fm: FrontMatter, range: Range): Range {
  if (range.start.offset === range.end.offset) {
    for (const { key, value } of fm.keyRanges.values()) {
      if (value && value.start.offset === range.start.offset && value.end.offset === value.start.offset) return key;
    }
    return range;
  }
  return trimRange(session, range);
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.start.offset <= outer.end.offset;
}

// The schema cannot say that goal ids are unique, and a duplicate makes `{#id}` ambiguous.
function reportDuplicateGoals(fm: FrontMatter, report: (r: { message: string; range: Range }) => void): void {
  const first = new Map<string, number>();
  for (const goal of fm.goals) {
    const line = first.get(goal.id);
    if (line === undefined) first.set(goal.id, goal.idRange.start.line);
    else report({ message: `Front matter: goal '${excerpt(goal.id)}' is declared twice (first at line ${line})`, range: goal.idRange });
  }
}
