import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { mergeLibraries } from '../../src/core/codebook/library';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// A codebook declares its summary scores under `summary:` (a sum, a mean or a ratio of its counts
// and ratings, with optional fair and good thresholds) and what a session must give under
// `requires:`. The built-in ones declare the scores of their manuals (coding-standards.md):
// MITI 4.2.1 Technical, Relational, R:Q, %CR and the MI totals; MISC 2.5 R:Q, %CR, %OQ,
// %MI-consistent and %change talk.

const builtin = (name: string) => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
const MITI = builtin('miti-4.2.1');
const MISC = builtin('misc-2.5');

describe('codebook summary scores (`summary:`)', () => {
  const problems = (yaml: string) => parseCodebook(yaml, 'x.codebook.yaml').problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`);
  const BASE = [
    'name: X',
    'scores:',
    '  questions: [q]',
    'ratings:',
    '  - { id: warmth, label: Warmth, min: 1, max: 5, levels: { 1: a, 2: b, 3: c, 4: d, 5: e } }',
    'codes:',
    '  - { id: q, label: Question }',
  ];

  it('reads sums, means and ratios of counts and ratings, with thresholds and the way they are shown', () => {
    const { codebook, problems: found } = parseCodebook(
      [
        ...BASE,
        'summary:',
        '  - { id: asked, label: Questions, sum: [questions] }',
        '  - { id: warm, label: Warmth, mean: [warmth], thresholds: { fair: 3, good: 4 } }',
        '  - { id: per-question, label: Q share, numerator: [questions], denominator: [questions, questions], percent: true, decimals: 1 }',
      ].join('\n'),
      'x',
    );
    assert.deepEqual(found, []);
    assert.deepEqual(
      codebook!.summary!.map((d) => [d.id, d.formula, d.thresholds ?? null, d.percent, d.decimals]),
      [
        ['asked', { sum: ['questions'] }, null, false, 0],
        ['warm', { mean: ['warmth'] }, { fair: 3, good: 4 }, false, 1],
        ['per-question', { numerator: ['questions'], denominator: ['questions', 'questions'] }, null, true, 1],
      ],
    );
  });

  it('reports, at their positions, a term that is neither a count nor a rating, thresholds in the wrong order and an id declared twice', () => {
    assert.deepEqual(
      problems(
        [
          ...BASE,
          'summary:',
          '  - id: a',
          '    label: A',
          '    sum: [questions, reflections]',
          '  - id: b',
          '    label: B',
          '    mean: [warmth]',
          '    thresholds: { fair: 4, good: 3 }',
          '  - id: a',
          '    label: A again',
          '    sum: [questions]',
        ].join('\n'),
      ),
      [
        "11:22 Summary score 'a' uses 'reflections', which is neither a count under 'scores:' nor a rating scale of this codebook",
        "15:25 Summary score 'b': the 'fair' threshold (4) should not be above the 'good' one (3)",
        "16:9 Summary score 'a' is declared twice (first at line 9)",
      ],
    );
  });

  it('needs exactly one formula: sum, mean, or numerator and denominator', () => {
    const found = problems([...BASE, 'summary:', '  - { id: a, label: A }'].join('\n'));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^9:5 /);
    assert.deepEqual(problems([...BASE, 'summary:', '  - { id: a, label: A, sum: [questions], mean: [warmth] }'].join('\n')).length, 1);
    assert.deepEqual(problems([...BASE, 'summary:', '  - { id: a, label: A, numerator: [questions] }'].join('\n')).length, 1);
  });

  it('declares the manuals’ scores in the built-in codebooks, with thresholds only in MITI 4.2.1', () => {
    assert.deepEqual(
      MITI.summary?.map((d) => [d.id, d.thresholds ?? null]),
      [
        ['technical', { fair: 3, good: 4 }],
        ['relational', { fair: 3.5, good: 4 }],
        ['rq', { fair: 1, good: 2 }],
        ['percent-cr', { fair: 40, good: 50 }],
        ['mi-adherent', null],
        ['mi-non-adherent', null],
      ],
    );
    assert.deepEqual(MITI.summary?.find((d) => d.id === 'technical')?.formula, { mean: ['cultivating-change-talk', 'softening-sustain-talk'] });
    assert.deepEqual(
      MISC.summary?.map((d) => d.id),
      ['rq', 'percent-cr', 'percent-oq', 'percent-mic', 'percent-ct'],
    );
    assert.deepEqual(MISC.summary?.find((d) => d.id === 'percent-mic')?.formula, { numerator: ['miAdherent'], denominator: ['miAdherent', 'miNonAdherent'] });
    for (const name of ['misc-2.5', 'core', 'annomi'])
      assert.ok(
        builtin(name).summary?.every((d) => d.thresholds === undefined),
        `${name} judges nothing`,
      );
  });

  it('keeps the scheme’s declarations when libraries merge into it', () => {
    const library = parseCodebook('name: Library\ncodes:\n  - { id: socratic-question, label: Socratic question, role: therapist }\n', 'lib').codebook!;
    const merged = mergeLibraries([
      { source: 'workspace', codebook: library },
      { source: 'builtin', codebook: MITI },
    ])!.codebook;
    assert.deepEqual([merged.summary, merged.requires], [MITI.summary, ['changeGoal']]);
  });

  it('reads what a session must give: `requires: [changeGoal]`', () => {
    assert.deepEqual(MITI.requires, ['changeGoal']);
    assert.equal(MISC.requires, undefined);
    assert.equal(problems([...BASE, 'requires: [colour]'].join('\n')).length, 1);
  });
});
