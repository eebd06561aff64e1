import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, sessionStats, type SessionStats } from '../../src/core';
import { parseCodebook, type Codebook } from '../../src/core/codebook/codebook';
import { isFacilitative } from '../../src/core/codebook/counting';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES } from '../support/paths';

// How a codebook's codes are counted (docs/research.md#how-codes-are-counted): per utterance
// (MISC 2.5, AnnoMI, core) or per volley by the rules of MITI 4.2.1, section E.1.a. Each fixture
// under test/fixtures/counting/<codebook>/ is one rule: its turns, and in a trailing
// `<!-- counts … -->` comment the summary-score ingredients `session-md stats` must count.
// The fixtures are written in our own words; they are not the manual's examples (E.2.a–E.2.d).
const COUNTING_FIXTURES = join(FIXTURES, 'counting');

function expectedCounts(text: string): [string, number][] {
  const block = /<!--\s*counts\s*\n([\s\S]*?)-->/.exec(text);
  assert.ok(block, 'the fixture lists its expected counts in a <!-- counts … --> comment');
  return block[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [key, value] = l.split(/:\s+(?=[^:]*$)/);
      return [key!, Number(value)];
    });
}

// A key is a count under `scores:` (`questions`) or the label of a declared summary score (`R:Q`, `%CR`).
function figure(stats: SessionStats, key: string): number | null | undefined {
  const score = stats.summaryScores.find((s) => s.label === key);
  if (score) return score.value;
  return stats.scoreCounts[key as keyof SessionStats['scoreCounts']];
}

async function statsOf(path: string, text: string): Promise<SessionStats> {
  const linted = await new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR)).lintText(path, text);
  assert.ok(linted.codesInForce, `${path}: the codebook loads`);
  return sessionStats({ file: path, session: linted.session, codebook: linted.codesInForce });
}

describe('counting rules, from their fixtures', () => {
  for (const codebook of readdirSync(COUNTING_FIXTURES)) {
    describe(codebook, () => {
      for (const file of readdirSync(join(COUNTING_FIXTURES, codebook)).sort()) {
        it(file, async () => {
          const path = join(COUNTING_FIXTURES, codebook, file);
          const text = readFileSync(path, 'utf8');
          const stats = await statsOf(path, text);
          const expected = expectedCounts(text);
          assert.deepEqual(
            expected.map(([key]) => [key, figure(stats, key)]),
            expected,
          );
        });
      }
    });
  }
});

const builtin = (name: string): Codebook =>
  parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;

describe('counting rules declared by the codebook', () => {
  it('miti-4.2.1 counts per volley by E.1.a, with facilitative words, PwP over Persuade and a bare reflection as simple', () => {
    const counting = builtin('miti-4.2.1').counting!;
    assert.equal(counting.unit, 'volley');
    assert.equal(counting.maxCodesPerVolley, 8);
    assert.equal(counting.maxCodesPerUtterance, 1);
    assert.deepEqual(counting.onePerVolley, [['reflection.complex', 'reflection.simple']]);
    assert.deepEqual([...counting.trumps], [['persuade.with-permission', ['persuade']]]);
    assert.deepEqual([...counting.unspecified], [['reflection', 'reflection.simple']]);
    for (const word of ['yeah', 'right', 'mm-hmm', 'okay', 'uh-huh']) assert.ok(counting.facilitative.includes(word), word);
  });

  it('misc-2.5 counts per utterance, one code each; core and annomi per utterance, several codes allowed', () => {
    assert.deepEqual([builtin('misc-2.5').counting?.unit, builtin('misc-2.5').counting?.maxCodesPerUtterance], ['utterance', 1]);
    for (const name of ['core', 'annomi']) {
      const counting = builtin(name).counting;
      assert.equal(counting?.unit, 'utterance', name);
      assert.equal(counting?.maxCodesPerUtterance, undefined, name);
      assert.equal(counting?.unspecified.size, 0, `${name} keeps a bare parent out of %CR`);
    }
  });

  it("counts per utterance when a codebook declares nothing, and only on turns of the code's role", () => {
    const { codebook } = parseCodebook('name: X\nscores:\n  questions: [q]\ncodes:\n  - { id: q, label: Q, role: therapist }\n', 'x.codebook.yaml');
    assert.equal(codebook?.counting, undefined);
    const session = parseSession(['T: Why? {q} How? {q}', 'T: When? {q}', 'C: Who? {q}', ''].join('\n'));
    assert.equal(sessionStats({ file: 'a', session, codebook: codebook! }).scoreCounts.questions, 3);
  });

  const problems = (counting: string): string[] => {
    const yaml = [
      'name: X',
      'codes:',
      '  - { id: r.simple, label: SR, role: therapist }',
      '  - { id: r.complex, label: CR, role: therapist }',
      '  - { id: q, label: Q, role: therapist }',
      'counting:',
      ...counting.split('\n').map((l) => `  ${l}`),
      '',
    ].join('\n');
    return parseCodebook(yaml, 'x.codebook.yaml').problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`);
  };

  it('reports a bad value at its line and column (codebook-invalid)', () => {
    assert.deepEqual(problems('unit: turn'), [`7:9 'counting.unit' should be one of "utterance", "volley"`]);
    assert.deepEqual(problems('unit: volley\nmaxCodesPerVolley: 0'), ["8:22 'counting.maxCodesPerVolley' should be at least 1"]);
    assert.deepEqual(problems('unit: volley\nfacilitative: [yeah, "?!"]'), [
      "8:24 Facilitative word '?!' has no letters or digits, so no turn can consist of it",
    ]);
    assert.deepEqual(problems('unit: volley\nonePerVolley:\n  - [r.complex, r.simpel]'), [
      "9:19 'counting.onePerVolley' lists 'r.simpel', which this codebook does not define",
    ]);
    assert.deepEqual(problems('trumps:\n  q: [r.nope]'), ["8:9 'counting.trumps' lists 'r.nope', which this codebook does not define"]);
    assert.deepEqual(problems('trumps:\n  q: [q]'), ["8:9 Code 'q' cannot trump itself"]);
    assert.deepEqual(problems('trumps:\n  q: [r.simple]\n  r.simple: [q]'), [
      "8:9 Codes 'q' and 'r.simple' cannot trump each other",
      "9:16 Codes 'r.simple' and 'q' cannot trump each other",
    ]);
    assert.deepEqual(problems('trumps:\n  nope: [q]'), ["8:5 'counting.trumps' names 'nope', which this codebook does not define"]);
    assert.deepEqual(problems('unspecified:\n  r: q'), ["8:8 'counting.unspecified' should give 'r' one of its subtypes, such as 'r.simple'; 'q' is not one"]);
    assert.deepEqual(problems('unspecified:\n  x: x.y'), ["8:5 'counting.unspecified' names 'x', which is no parent of codes this codebook defines"]);
  });

  it('reports the volley rules of a codebook that counts per utterance', () => {
    assert.deepEqual(problems('unit: utterance\nmaxCodesPerVolley: 8\nfacilitative: [yeah]'), [
      "8:3 'counting.maxCodesPerVolley' applies only to a codebook that counts per volley (unit: volley)",
      "9:3 'counting.facilitative' applies only to a codebook that counts per volley (unit: volley)",
    ]);
  });
});

describe('volleys (MITI 4.2.1)', () => {
  const MITI = builtin('miti-4.2.1');

  it('go on over a client turn of facilitative words only, in any case, with any punctuation and marks', () => {
    const rules = MITI.counting!;
    for (const text of ['Mm-hmm.', 'MM HMM!', 'Yeah, right.', 'uh huh', 'Uh-huh... okay', 'Okay. (laughs)', '(laughs)', 'Yeah yeah yeah'])
      assert.ok(isFacilitative(text, rules), text);
    for (const text of ['Yeah, I tried that.', 'Huh?', 'Right now I am tired.', 'No.', 'Yes.']) assert.ok(!isFacilitative(text, rules), text);
  });

  it('are counted within each phase, and once for the session', () => {
    const text = [
      '---',
      'session: 1',
      'codebook: miti-4.2.1',
      'phases: mi',
      '---',
      '',
      '## Engaging',
      '',
      'C: Hi.',
      'T: What brings you? {question}',
      '',
      '## Focusing',
      '',
      'T: What matters most? {question}',
      'C: Sleep.',
      'T: Sleep matters. {reflection.simple}',
      '',
    ].join('\n');
    const stats = sessionStats({ file: 'a', session: parseSession(text), codebook: MITI });
    assert.equal(stats.scoreCounts.questions, 1, 'the two questions are one volley in the session');
    assert.deepEqual(
      stats.phases.slice(0, 2).map((p) => [p.phase, p.scoreCounts.questions]),
      [
        ['Engaging', 1],
        ['Focusing', 1],
      ],
    );
  });
});
