import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { RULES } from '../../src/core';
import { FORMAT_DOC, rulesSections, sectionIn } from '../../scripts/rules-table';

// Issue 13, item 7: the rule tables of docs/format.md are written from the rules' code
// (scripts/rules-table.ts), so the doc, the SARIF rule metadata and the code say the same.
describe('rules table of docs/format.md', () => {
  const doc = readFileSync(FORMAT_DOC, 'utf8');

  for (const { name, table } of rulesSections()) {
    it(`lists the ${name} as the code defines them`, () => {
      assert.equal(sectionIn(doc, name), table, `docs/format.md's ${name} table differs from the code: run npm run docs:rules`);
    });
  }

  it('has a row with the default severity and description of every rule', () => {
    const rules = sectionIn(doc, 'rules');
    for (const rule of RULES) assert.ok(rules.includes(`| \`${rule.id}\` | ${rule.defaultSeverity} | ${rule.description} |`), rule.id);
  });
});
