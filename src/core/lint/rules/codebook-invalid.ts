import { BUILTIN_CODEBOOKS } from '../../codebook/loader';
import type { Range } from '../../model';
import { excerpt } from '../../text/excerpt';
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
  codebook: true,
  check({ loadedCodebook, codebookRequest, report }) {
    if (!loadedCodebook || !codebookRequest) return;
    const where = codebookRequest.from === 'config' ? ' (set in .sessionmdrc.yaml)' : codebookRequest.from === 'option' ? ' (set with --codebook)' : '';
    const range = codebookRequest.range ?? START;
    const ref = codebookRequest.from === 'front matter' && !isCodebookReference(codebookRequest.ref) ? excerpt(codebookRequest.ref) : codebookRequest.ref;
    if (loadedCodebook.readError !== undefined) {
      report({
        message: `Codebook '${ref}'${where} could not be loaded: ${loadedCodebook.readError}; built-in codebooks are ${BUILTIN_CODEBOOKS.join(', ')}${suggestion(codebookRequest.ref)}`,
        range,
      });
    } else if (loadedCodebook.problems.length > 0) {
      const first = loadedCodebook.problems[0]!;
      const more = loadedCodebook.problems.length - 1;
      report({
        message: `Codebook '${ref}'${where} is invalid: line ${first.range.start.line}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`,
        range,
      });
    }
  },
};

// A `codebook:` value in the front matter is the transcript's text, shown as it is only when it is a
// built-in name or a path to a YAML file (which the output names anyway, as it names every file); one
// from the config or --codebook is the user's own setting.
function isCodebookReference(ref: string): boolean {
  return (BUILTIN_CODEBOOKS as readonly string[]).includes(ref) || /\.ya?ml$/i.test(ref);
}

// A bare name such as `cor` or `annomy` is most likely a misspelt built-in; a path is not.
function suggestion(ref: string): string {
  if (/[\\/]|\.ya?ml$/i.test(ref)) return '';
  const closest = closestName(ref, BUILTIN_CODEBOOKS);
  return closest ? `; did you mean '${closest}'?` : '';
}
