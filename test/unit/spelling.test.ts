import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Linter } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { boundedEditDistance, closestName, MAX_SUGGESTED_LENGTH, SPELLING_BUDGET, Speller, spellingBudget } from '../../src/core/text/spelling';
import { runs } from '../support/fuzz';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// The plain Levenshtein distance and "did you mean" as they were before they were bounded: the
// bounded ones must give the same answers on names of ordinary length.
function plainDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

function plainClosest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = plainDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) && bestDistance < name.length ? best : undefined;
}

// Few letters, so random names are often near each other; an upper-case one and a letter that lower-cases to two units.
const letter = fc.constantFrom('a', 'b', 'c', 'A', '-', '.', 'é', 'İ');
const shortName = fc.array(letter, { maxLength: 12 }).map((l) => l.join(''));

describe('did you mean (bounded edit distance)', () => {
  it('gives the plain Levenshtein distance whenever it is within the limit, and limit + 1 otherwise', () => {
    fc.assert(
      fc.property(shortName, shortName, fc.integer({ min: 0, max: 8 }), (a, b, limit) => {
        assert.equal(boundedEditDistance(a, b, limit), Math.min(plainDistance(a, b), limit + 1));
      }),
      runs(3000),
    );
  });

  it('suggests what the unbounded search suggested, the first of equally close names included', () => {
    fc.assert(
      fc.property(shortName, fc.array(shortName, { maxLength: 30 }), (name, candidates) => {
        assert.equal(closestName(name, candidates), plainClosest(name, candidates));
        assert.equal(new Speller(candidates).suggest(name), plainClosest(name, candidates));
      }),
      runs(2000),
    );
  });

  it('suggests nothing for a name longer than 64 characters, however close', () => {
    const id = 'a'.repeat(30_000);
    assert.equal(closestName(`${id.slice(0, -1)}b`, [id]), undefined);
    const long = 'x'.repeat(MAX_SUGGESTED_LENGTH + 1);
    assert.equal(closestName(`${long.slice(0, -1)}y`, [long]), undefined);
    assert.equal(closestName(`${long.slice(0, -2)}y`, [long.slice(0, -1)]), long.slice(0, -1));
  });

  it('spends a bounded amount of work per check: 3,000 unknown ids against 3,000 known ones', () => {
    const known = Array.from({ length: 3000 }, (_, i) => `goal-${String(i).padStart(4, '0')}`);
    const budget = spellingBudget();
    const speller = new Speller(known, budget);
    const suggestions = known.map((id) => speller.suggest(id.replace('goal', 'gaol')));
    // The first unknown ids get their goal; the work then runs out, and the rest get no suggestion rather than costing more.
    assert.deepEqual(suggestions.slice(0, 3), known.slice(0, 3));
    assert.ok(suggestions.every((s, i) => s === undefined || s === known[i]));
    assert.ok(suggestions.includes(undefined));
    assert.ok(SPELLING_BUDGET - budget.remaining < SPELLING_BUDGET + 1000, `spent ${SPELLING_BUDGET - budget.remaining}`);
  });

  it('looks each distinct unknown name up once per check', () => {
    const budget = spellingBudget();
    const speller = new Speller(['therapist', 'client'], budget);
    assert.equal(speller.suggest('theraist'), 'therapist');
    const spent = SPELLING_BUDGET - budget.remaining;
    for (let i = 0; i < 100; i++) assert.equal(speller.suggest('theraist'), 'therapist');
    assert.equal(SPELLING_BUDGET - budget.remaining, spent);
  });

  it('reports a mistyped 30,000-character goal id without a suggestion, and an ordinary typo with one', async () => {
    const id = 'a'.repeat(30_000);
    const text = `---\ngoals:\n  - id: ${id}\n    text: Sleep\n    status: open\n  - id: sleep\n    text: Sleep\n    status: open\n---\n\nT: Hello. {#${id.slice(0, -1)}b} {#slep}\n`;
    const ws = makeWorkspace({});
    try {
      const linted = await new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR)).lintText(ws.path('x.session.md'), text);
      const undeclared = linted.findings.filter((f) => f.ruleId === 'goal-undeclared');
      assert.equal(undeclared.length, 2);
      assert.deepEqual(
        undeclared.map((f) => (f.fixes ?? []).some((x) => x.title.startsWith('Change to'))),
        [false, true],
      );
      assert.match(undeclared[1]!.message, /a declared goal has a nearly identical id/);
      assert.doesNotMatch(undeclared[0]!.message, /nearly identical/);
      assert.equal(undeclared[1]!.fixes!.find((x) => x.title.startsWith('Change to'))!.title, "Change to 'sleep'");
      assert.equal(parseSession(text).turns[0]!.goals.length, 2);
    } finally {
      ws.dispose();
    }
  });

  it('keeps each finding short with 3,000 declared goals and 3,000 mistyped references', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => String(i).padStart(4, '0'));
    const goals = ids.map((n) => `  - id: goal-${n}\n    text: Goal ${n}\n    status: open`).join('\n');
    const text = `---\ngoals:\n${goals}\n---\n\n${ids.map((n) => `T: Next. {#gaol-${n}}`).join('\n\n')}\n`;
    const ws = makeWorkspace({});
    try {
      const linted = await new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR)).lintText(ws.path('x.session.md'), text);
      const undeclared = linted.findings.filter((f) => f.ruleId === 'goal-undeclared');
      assert.equal(undeclared.length, 3000);
      assert.equal(
        undeclared[0]!.message,
        "Goal 'g***-####' is not declared in the front matter (3000 goals are declared); a declared goal has a nearly identical id: check the spelling",
      );
      assert.ok(undeclared.every((f) => f.message.length < 300));
    } finally {
      ws.dispose();
    }
  });
});
