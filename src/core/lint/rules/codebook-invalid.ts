import { BUILTIN_CODEBOOKS } from '../../codebook/loader';
import type { Range } from '../../model';
import { closestName } from '../../text/spelling';
import type { Rule } from '../types';

const START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * A codebook that cannot be loaded or fails validation. In a session it is reported where the
 * codebook is requested; the problems inside the codebook file are reported on that file
 * (see `lintCodebook`).
 */
export const codebookInvalid: Rule = {
  id: 'codebook-invalid',
  description: 'The codebook a session uses must exist, be valid YAML and follow the codebook schema.',
  defaultSeverity: 'error',
  check({ loadedCodebook, codebookRequest, report }) {
    if (!loadedCodebook || !codebookRequest) return;
    const where = codebookRequest.from === 'config' ? ' (set in .sessionmdrc.yaml)' : codebookRequest.from === 'option' ? ' (set with --codebook)' : '';
    const range = codebookRequest.range ?? START;
    if (loadedCodebook.readError !== undefined) {
      report({
        message: `Codebook '${codebookRequest.ref}'${where} could not be loaded: ${loadedCodebook.readError}; built-in codebooks are ${BUILTIN_CODEBOOKS.join(', ')}${suggestion(codebookRequest.ref)}`,
        range,
      });
    } else if (loadedCodebook.problems.length > 0) {
      const first = loadedCodebook.problems[0]!;
      const more = loadedCodebook.problems.length - 1;
      report({
        message: `Codebook '${codebookRequest.ref}'${where} is invalid: line ${first.range.start.line}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`,
        range,
      });
    }
  },
};

// A bare name such as `cor` or `annomy` is most likely a misspelt built-in; a path is not.
function suggestion(ref: string): string {
  if (/[\\/]|\.ya?ml$/i.test(ref)) return '';
  const closest = closestName(ref, BUILTIN_CODEBOOKS);
  return closest ? `; did you mean '${closest}'?` : '';
}
