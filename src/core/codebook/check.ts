import { codebookFindings } from '../lint/linter';
import { compareFindings } from '../lint/engine';
import type { Finding } from '../lint/types';
import { parseCodebook, unannotatedSnippets } from './codebook';

/** The pseudo-rule for snippets that would not annotate the turn they are inserted into. */
export const SNIPPET_RULE = {
  id: 'snippet-unannotated',
  description: "A snippet's body should contain the annotation of its own code (`{id}` or `{id | note}`), so inserting it codes the turn.",
  defaultSeverity: 'warning' as const,
};

const START = { line: 1, column: 1, offset: 0 };

/** Everything wrong with a codebook's text: schema problems as `codebook-invalid` errors, unannotated snippets as warnings. */
export function checkCodebookText(text: string, path: string): Finding[] {
  const result = parseCodebook(text, path);
  const findings = codebookFindings({ path, problems: result.problems }, 'error');
  for (const { code, snippet } of result.codebook ? unannotatedSnippets(result.codebook) : []) {
    findings.push({
      ruleId: SNIPPET_RULE.id,
      severity: SNIPPET_RULE.defaultSeverity,
      message: `Snippet '${snippet.label}' of code '${code.id}' does not contain {${code.id}}; inserting it would not annotate the turn`,
      range: snippet.bodyRange ?? code.range ?? { start: START, end: START },
    });
  }
  return findings.sort(compareFindings);
}
