import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileReport, Severity } from '../../core';
import { version } from '../../../package.json';
import { jsonText } from '../terminal';
import type { FormatContext } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 with rule metadata, for GitHub code scanning and other SARIF viewers. */
export function formatSarif(results: readonly FileReport[], { rules, extraRules }: FormatContext): string {
  const descriptors = [
    ...rules.map((r) => ({ id: r.id, description: r.description, level: LEVEL[r.defaultSeverity] })),
    ...extraRules.map((r) => ({ id: r.id, description: r.description, level: LEVEL[r.defaultSeverity] })),
  ];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'session-md',
            semanticVersion: version,
            rules: descriptors.map((d) => ({
              id: d.id,
              name: pascalCase(d.id),
              shortDescription: { text: d.description },
              fullDescription: { text: d.description },
              defaultConfiguration: { level: d.level },
              help: { text: `${d.description} See docs/format.md#rules.` },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder session-md ran in.' } } },
        artifacts: results.map((r) => ({ location: artifactUri(r.path) })),
        results: results.flatMap((r, artifactIndex) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { ...artifactUri(r.path), index: artifactIndex },
                  region: { startLine: f.range.start.line, startColumn: f.range.start.column, endLine: f.range.end.line, endColumn: f.range.end.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return jsonText(log, 2) + '\n';
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * Where a result's file is, as SARIF wants it. A path relative to the working folder is a URI reference
 * against `%SRCROOT%`; a file outside it (which keeps its absolute path) gets a `file:` URI of its own,
 * since `%SRCROOT%` would not lead there and a drive letter is no URI segment.
 */
export function artifactUri(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: encodeUri(path), uriBaseId: '%SRCROOT%' };
}

// SARIF wants URI references: keep slashes, escape spaces and other reserved characters.
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
