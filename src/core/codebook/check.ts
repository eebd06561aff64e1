import { codebookFindings } from '../lint/codebookFindings';
import { compareFindings } from '../lint/engine';
import { fileStart, SNIPPET_UNANNOTATED } from '../lint/pseudoRules';
import type { Finding } from '../model';
import { parseCodebook, unannotatedSnippets } from './codebook';

/** Everything wrong with a codebook's text: schema problems as `codebook-invalid` errors, unannotated snippets as warnings. */
export function checkCodebookText(text: string, path: string): Finding[] {
  const result = parseCodebook(text, path);
  const findings = codebookFindings(result, 'error');
  for (const { code, snippet } of result.codebook ? unannotatedSnippets(result.codebook) : []) {
    findings.push({
      ruleId: SNIPPET_UNANNOTATED.id,
      severity: SNIPPET_UNANNOTATED.defaultSeverity,
      message: `Snippet '${snippet.label}' of code '${code.id}' does not contain {${code.id}}; inserting it would not annotate the turn`,
      range: snippet.bodyRange ?? code.range ?? fileStart(),
    });
  }
  return findings.sort(compareFindings);
}
