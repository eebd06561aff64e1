import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCodebookText } from '../../src/core';
import { parseCodebook, type Codebook } from '../../src/core/codebook/codebook';
import { mergeLibraries } from '../../src/core/codebook/library';
import { levelOf } from '../../src/core/codebook/ratingScales';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// Codebooks declare the session rating scales (MITI's and MISC's global ratings); a scale that
// cannot be used (bounds, default or levels off the scale, a level left undescribed) is a
// codebook-invalid error at its line and column.

function builtin(name: string): Codebook {
  const path = join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`);
  const result = parseCodebook(readFileSync(path, 'utf8'), path);
  assert.deepEqual(result.problems, []);
  return result.codebook!;
}

const at = (text: string) => checkCodebookText(text, 'x.codebook.yaml').map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`);

const SCALE = (lines: string[]): string => ['name: Trainer scales', 'codes:', '  - id: other', '    label: Other', 'ratings:', ...lines, ''].join('\n');

describe('rating scales of the built-in codebooks', () => {
  it('MITI 4.2.1 declares its four globals, required, from 1 to 5, starting at 3, every level described', () => {
    const scales = builtin('miti-4.2.1').ratings!;
    assert.deepEqual(
      scales.map((s) => [s.id, s.label, s.role, s.min, s.max, s.default, s.required, s.integer]),
      [
        ['cultivating-change-talk', 'Cultivating Change Talk (CCT)', 'therapist', 1, 5, 3, true, true],
        ['softening-sustain-talk', 'Softening Sustain Talk (SST)', 'therapist', 1, 5, 3, true, true],
        ['partnership', 'Partnership', 'therapist', 1, 5, 3, true, true],
        ['empathy', 'Empathy', 'therapist', 1, 5, 3, true, true],
      ],
    );
    for (const scale of scales) {
      assert.deepEqual(
        scale.levels.map((l) => l.value),
        [1, 2, 3, 4, 5],
        scale.id,
      );
      assert.ok(scale.description && scale.levels.every((l) => l.description.length > 20), scale.id);
    }
  });

  it('MISC 2.5 declares its seven globals: six rate the counsellor, Self-Exploration the client', () => {
    const scales = builtin('misc-2.5').ratings!;
    assert.deepEqual(
      scales.map((s) => [s.id, s.role, s.min, s.max, s.required]),
      [
        ['acceptance', 'therapist', 1, 5, true],
        ['empathy', 'therapist', 1, 5, true],
        ['direction', 'therapist', 1, 5, true],
        ['autonomy-support', 'therapist', 1, 5, true],
        ['collaboration', 'therapist', 1, 5, true],
        ['evocation', 'therapist', 1, 5, true],
        ['self-exploration', 'client', 1, 5, true],
      ],
    );
    assert.ok(scales.every((s) => s.levels.length === 5));
  });

  it('core and annomi declare no ratings', () => {
    assert.equal(builtin('core').ratings, undefined);
    assert.equal(builtin('annomi').ratings, undefined);
  });
});

describe('rating scales a codebook declares', () => {
  it('reads a scale with its defaults: the therapist is rated, whole numbers, not required', () => {
    const text = SCALE(['  - id: warmth', '    label: Warmth', '    min: 0', '    max: 2', '    levels: { 0: Cold, 1: Neutral, 2: Warm }']);
    const scale = parseCodebook(text, 'x.codebook.yaml').codebook!.ratings![0]!;
    assert.deepEqual(
      { ...scale, range: undefined },
      {
        id: 'warmth',
        label: 'Warmth',
        role: 'therapist',
        min: 0,
        max: 2,
        integer: true,
        required: false,
        levels: [
          { value: 0, description: 'Cold' },
          { value: 1, description: 'Neutral' },
          { value: 2, description: 'Warm' },
        ],
        codebook: 'Trainer scales',
        range: undefined,
      },
    );
    assert.deepEqual(at(text), []);
  });

  it('reports bounds, a default and levels off the scale, and undescribed levels, each at its position', () => {
    const text = SCALE([
      '  - id: warmth',
      '    label: Warmth',
      '    min: 1',
      '    max: 5',
      '    default: 7',
      '    levels:',
      '      1: Cold',
      '      2.5: Lukewarm',
      '      6: Hot',
      '  - id: depth',
      '    label: Depth',
      '    min: 3',
      '    max: 3',
      '    levels: { 3: Deep }',
      '  - id: warmth',
      '    label: Warmth again',
      '    min: 1',
      '    max: 2',
      '    levels: { 1: a, 2: b }',
    ]);
    assert.deepEqual(at(text), [
      "10:14 codebook-invalid Codebook: Rating scale 'warmth': 'default' should be a value of the scale (1 to 5)",
      "11:5 codebook-invalid Codebook: Rating scale 'warmth': 'levels' should describe every value from 1 to 5; 2, 3, 4, 5 are missing",
      "13:7 codebook-invalid Codebook: Rating scale 'warmth': level 2.5 is not a value of the scale (whole numbers 1 to 5)",
      "14:7 codebook-invalid Codebook: Rating scale 'warmth': level 6 is not a value of the scale (whole numbers 1 to 5)",
      "18:10 codebook-invalid Codebook: Rating scale 'depth': 'min' (3) should be below 'max' (3)",
      "20:9 codebook-invalid Codebook: Rating scale 'warmth' is declared twice (first at line 6)",
    ]);
  });

  it('reports a schema problem of a scale (a missing field, a level that is no value, a wrong role) at its position', () => {
    const text = SCALE(['  - id: warmth', '    label: Warmth', '    role: supervisor', '    min: 1', '    levels:', '      low: Cold']);
    assert.deepEqual(at(text), [
      "6:5 codebook-invalid Codebook: 'ratings.0' is missing the required field 'max'",
      `8:11 codebook-invalid Codebook: 'ratings.0.role' should be one of "therapist", "client"`,
      "11:7 codebook-invalid Codebook: Key 'low' in 'ratings.0.levels' should be a value of the scale, such as 1 or 2.5",
    ]);
  });

  it('lets a scale of any number describe anchors only, and tells the level of a value between them', () => {
    const text = SCALE([
      '  - id: distress',
      '    label: Distress',
      '    integer: false',
      '    min: 0',
      '    max: 10',
      '    levels: { 0: None, 5: Moderate, 10: Worst imaginable }',
    ]);
    assert.deepEqual(at(text), []);
    const scale = parseCodebook(text, 'x.codebook.yaml').codebook!.ratings![0]!;
    assert.deepEqual(levelOf(scale, 5), { level: { value: 5, description: 'Moderate' } });
    assert.deepEqual(levelOf(scale, 7.5), { below: { value: 5, description: 'Moderate' }, above: { value: 10, description: 'Worst imaginable' } });
  });

  it("keeps the scheme's scales when libraries merge into it, and adds a library's new ones", () => {
    const miti = builtin('miti-4.2.1');
    const library = parseCodebook(
      SCALE([
        '  - id: empathy',
        '    label: Trainer empathy',
        '    min: 1',
        '    max: 2',
        '    levels: { 1: a, 2: b }',
        '  - id: warmth',
        '    label: Warmth',
        '    min: 1',
        '    max: 2',
        '    levels: { 1: a, 2: b }',
      ]),
      'lib.codebook.yaml',
    ).codebook!;
    const merged = mergeLibraries([
      { source: 'workspace', codebook: library },
      { source: 'file', codebook: miti },
    ])!.codebook;
    assert.deepEqual(
      merged.ratings!.map((s) => `${s.id}: ${s.label}`),
      [
        'cultivating-change-talk: Cultivating Change Talk (CCT)',
        'softening-sustain-talk: Softening Sustain Talk (SST)',
        'partnership: Partnership',
        'empathy: Empathy',
        'warmth: Warmth',
      ],
    );
  });
});
