import type { FileReport } from '../../core';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import { terminalText } from '../terminal';
import type { FormatContext } from './types';

export type { FormatContext } from './types';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

const FORMATTERS: Record<FormatName, (results: readonly FileReport[], context: FormatContext) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/** Renders file reports (their paths as the user should see them) in the named output format; the human-readable ones show control characters as escapes. */
export function formatResults(format: FormatName, results: readonly FileReport[], context: FormatContext): string {
  const text = FORMATTERS[format](results, context);
  return format === 'stylish' || format === 'github' ? terminalText(text, { colour: context.color }) : text;
}
