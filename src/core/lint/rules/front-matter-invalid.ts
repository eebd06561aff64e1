import type { Rule } from '../types';

/** YAML syntax and type errors in the front matter, and missing required fields, at their YAML position. */
export const frontMatterInvalid: Rule = {
  id: 'front-matter-invalid',
  description: 'The front matter must be valid YAML with fields of the right type, and contain the required fields.',
  defaultSeverity: 'error',
  check({ session, config, report }) {
    const fm = session.frontMatter;
    for (const problem of fm?.problems ?? []) report({ message: `Front matter: ${problem.message}`, range: problem.range });
    if (fm?.problems.some((p) => p.kind === 'syntax')) return;
    const missing = config.requiredFields.filter((field) => fm?.data[field] === undefined || fm.data[field] === null);
    if (missing.length === 0) return;
    const range = fm?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const fields = missing.map((f) => `'${f}'`).join(', ');
    report({
      message: fm ? `Front matter is missing the required field${missing.length > 1 ? 's' : ''} ${fields}` : `This transcript has no front matter; required fields are ${fields}`,
      range: { start: range.start, end: fm ? { ...range.start, column: range.start.column + 3, offset: range.start.offset + 3 } : range.end },
    });
  },
};
