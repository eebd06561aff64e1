import type { Finding, Rule, Severity } from '../../core';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import { terminalText } from '../terminal';

/** The findings of one file, with the path as the user should see it. */
export interface FileResult {
  path: string;
  findings: Finding[];
}

/** What a formatter may need besides the results. */
export interface FormatContext {
  color: boolean;
  rules: readonly Rule[];
  /** Pseudo-rules the CLI reports itself, such as unreadable files; their severity is `error` unless given. */
  extraRules: readonly { id: string; description: string; defaultSeverity?: Severity }[];
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

const FORMATTERS: Record<FormatName, (results: FileResult[], context: FormatContext) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/** Renders lint results in the named output format; the human-readable ones show control characters as escapes. */
export function formatResults(format: FormatName, results: FileResult[], context: FormatContext): string {
  const text = FORMATTERS[format](results, context);
  return format === 'stylish' || format === 'github' ? terminalText(text, { colour: context.color }) : text;
}
