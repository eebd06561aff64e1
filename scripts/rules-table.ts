// Writes the rule tables of docs/format.md from the rules' own ids, severities and descriptions,
// so the code is the one source of what each rule checks (the SARIF output shows the same text).
// `npm run docs:rules` rewrites the tables; `--check` only fails when they are out of date
// (test/unit/rules-doc.test.ts runs the same comparison on every `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/core';
import { CODEBOOK_CONFLICT, CODEBOOK_FILE_INVALID, FILE_INVALID, SNIPPET_UNANNOTATED } from '../src/core/lint/pseudoRules';

/** Where the tables live. */
export const FORMAT_DOC = join(__dirname, '..', 'docs', 'format.md');

interface DocumentedRule {
  id: string;
  description: string;
  defaultSeverity?: string;
}

/** A generated table: its name in the marker comments and the Markdown it holds. */
export interface RulesSection {
  name: string;
  table: string;
}

/** The tables as the code defines them: the rules a config can set, then the findings no config can set or turn off. */
export function rulesSections(): RulesSection[] {
  return [
    { name: 'rules', table: table(['Rule id', 'Default', 'What it checks'], RULES) },
    // The pseudo-rules a front end reports itself; `file-invalid` has a description per kind of file.
    {
      name: 'pseudo-rules',
      table: table(['Id', 'Severity', 'What it reports'], [FILE_INVALID, CODEBOOK_FILE_INVALID, CODEBOOK_CONFLICT, SNIPPET_UNANNOTATED]),
    },
  ];
}

function table(header: string[], rules: readonly DocumentedRule[]): string {
  const rows = new Map<string, { severity: string; descriptions: string[] }>();
  for (const rule of rules) {
    // Pseudo-rules without a severity are errors, as the formatters take them.
    const row = rows.get(rule.id) ?? { severity: rule.defaultSeverity ?? 'error', descriptions: [] };
    row.descriptions.push(rule.description);
    rows.set(rule.id, row);
  }
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const [id, row] of rows) lines.push(`| \`${id}\` | ${row.severity} | ${cell(row.descriptions.join(' '))} |`);
  return lines.join('\n');
}

// A `|` ends a table cell even inside a code span (GitHub Flavored Markdown), unless escaped.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

const start = (name: string): string => `<!-- generated: ${name} table (npm run docs:rules writes it from the code; edit the descriptions there) -->`;
const end = (name: string): string => `<!-- /generated: ${name} table -->`;

// Where a section's text lies in `doc`, between its markers; throws when they are missing.
function bounds(doc: string, name: string): { from: number; to: number } {
  const at = doc.indexOf(start(name));
  const to = doc.indexOf(end(name));
  if (at === -1 || to < at) throw new Error(`docs/format.md lacks the markers of the ${name} table: ${start(name)} … ${end(name)}`);
  return { from: at + start(name).length, to };
}

/** The table between a section's markers in `doc`. */
export function sectionIn(doc: string, name: string): string {
  const { from, to } = bounds(doc, name);
  return doc.slice(from, to).trim();
}

/** `doc` with each generated table replaced by what the code defines. */
export function withRulesTables(doc: string): string {
  let out = doc;
  for (const { name, table } of rulesSections()) {
    const { from, to } = bounds(out, name);
    out = `${out.slice(0, from)}\n${table}\n${out.slice(to)}`;
  }
  return out;
}

if (require.main === module) {
  const doc = readFileSync(FORMAT_DOC, 'utf8');
  const updated = withRulesTables(doc);
  if (process.argv.includes('--check')) {
    if (updated !== doc) {
      console.error('The rule tables of docs/format.md differ from the rules in the code: run npm run docs:rules');
      process.exit(1);
    }
  } else if (updated !== doc) {
    writeFileSync(FORMAT_DOC, updated);
    console.log('docs/format.md: rule tables rewritten');
  } else {
    console.log('docs/format.md: rule tables up to date');
  }
}
