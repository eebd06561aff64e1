import { strict as assert } from 'node:assert';
import { RULES, type Finding, type TextEdit } from '../../src/core';
import { lintSession } from '../../src/core/lint/engine';
import { parseSession } from '../../src/core/parse/session';
import type { ResolvedConfig } from '../../src/core/config/config';

const CONFIG: ResolvedConfig = { rules: {}, requiredFields: [], libraries: [], files: [] };
const LABELS = 5000;

function lint(text: string, ruleId: string): Finding[] {
  return lintSession(
    parseSession(text),
    { config: CONFIG },
    RULES.filter((r) => r.id === ruleId),
  );
}

/** The characters of every distinct edit the findings' fixes hold: what they keep in memory. */
function editChars(findings: Finding[]): number {
  const edits = new Set<TextEdit>(findings.flatMap((f) => (f.fixes ?? []).flatMap((fix) => fix.edits)));
  let chars = 0;
  for (const edit of edits) chars += edit.newText.length;
  return chars;
}

// A "declare them all" fix is one edit shared by every finding, not one copy per finding:
// copies made memory grow with findings × labels (8,000 labels took 2.5 GB).
describe('fixes that declare every undeclared label at once', () => {
  it('share one edit across the findings of thousands of undeclared speakers, keeping fixes linear in the file size', () => {
    const text = Array.from({ length: LABELS }, (_, i) => `[00:00:01] Speaker${i}: hello`).join('\n') + '\n';
    const findings = lint(text, 'speaker-undeclared');
    assert.equal(findings.length, LABELS);
    assert.ok(editChars(findings) < 50 * text.length, `fix edits hold ${editChars(findings)} characters for a ${text.length}-character file`);
    const declares = new Set(findings.map((f) => f.fixes![0]!.edits[0]));
    assert.equal(declares.size, 1, 'every finding carries the same declare edit');
    assert.match([...declares][0]!.newText, /Speaker4999: other/);
  });

  it('build one edit per label when adding to an existing speakers: mapping, reused by each turn of that label', () => {
    const turns = Array.from({ length: LABELS }, (_, i) => `Speaker${i % 2500}: hello`);
    const text = ['---', 'speakers:', '  T: therapist', '---', '', ...turns, ''].join('\n');
    const findings = lint(text, 'speaker-undeclared');
    assert.equal(findings.length, LABELS);
    assert.ok(editChars(findings) < 50 * text.length);
    assert.equal(new Set(findings.map((f) => f.fixes![0]!.edits[0])).size, 2500);
  });

  it('share one edit across the findings of thousands of undeclared goals', () => {
    const text = Array.from({ length: LABELS }, (_, i) => `T: hello {#goal-${i}}`).join('\n') + '\n';
    const findings = lint(text, 'goal-undeclared');
    assert.equal(findings.length, LABELS);
    assert.ok(editChars(findings) < 50 * text.length, `fix edits hold ${editChars(findings)} characters for a ${text.length}-character file`);
    assert.equal(new Set(findings.map((f) => f.fixes![0]!.edits[0])).size, 1);
  });
});
