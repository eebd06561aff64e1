import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigLoadError } from '../../src/core';
import { checkCodebookText } from '../../src/core/codebook/check';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { bandOf, measureBands, type MeasureDefinition } from '../../src/core/codebook/measures';
import { ConfigResolver } from '../../src/core/config/config';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// Issue 15, acceptance 3: measures (PHQ-9, GAD-7, ISI…) read from the front matter with their
// positions, declared with a range and cut-offs by a codebook or a config, and placed in bands.

const core = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;
const measure = (id: string): MeasureDefinition => core.measures!.find((m) => m.id === id)!;

describe('measures', () => {
  it('reads the scores under measures: in the order written, with the positions of each name and value', () => {
    const session = parseSession('---\nsession: 1\nmeasures:\n  PHQ-9: 14\n  ISI: high\n---\n\nT: Hello.\n');
    const scores = session.frontMatter!.measures!;
    assert.deepEqual(
      scores.map((s) => [s.id, s.kind, s.value, s.idRange.start.line, s.idRange.start.column, s.valueRange?.start.column]),
      [
        ['PHQ-9', 'number', 14, 4, 3, 10],
        ['ISI', 'text', undefined, 5, 3, 8],
      ],
    );
    assert.equal(parseSession('---\nsession: 1\n---\n').frontMatter!.measures, undefined);
  });

  it('declares PHQ-9, GAD-7 and ISI in the core codebook with the published ranges and cut-offs', () => {
    const declared = core.measures!.map((m) => [m.id, m.min, m.max, m.cutoffs, m.bands]);
    assert.deepEqual(declared, [
      ['PHQ-9', 0, 27, [5, 10, 15, 20], ['minimal', 'mild', 'moderate', 'moderately severe', 'severe']],
      ['GAD-7', 0, 21, [5, 10, 15], ['minimal', 'mild', 'moderate', 'severe']],
      ['ISI', 0, 28, [8, 15, 22], ['no clinically significant insomnia', 'subthreshold', 'moderate', 'severe']],
    ]);
  });

  it('puts a score at a cut-off in the band above it, and a score outside the range in none', () => {
    const phq = measure('PHQ-9');
    assert.deepEqual(
      [0, 4, 5, 9.5, 10, 19, 20, 27].map((score) => bandOf(phq, score)?.name),
      ['minimal', 'minimal', 'mild', 'mild', 'moderate', 'moderately severe', 'severe', 'severe'],
    );
    assert.equal(bandOf(phq, 28), undefined);
    assert.equal(bandOf(phq, -1), undefined);
    assert.deepEqual(
      measureBands(measure('ISI')).map((b) => [b.from, b.to]),
      [
        [0, 8],
        [8, 15],
        [15, 22],
        [22, 28],
      ],
    );
    assert.deepEqual(
      measureBands({ min: 0, max: 40, cutoffs: [10], bands: [] }).map((b) => b.name),
      ['below 10', '10 and above'],
    );
  });

  it('reports, positioned in the codebook, cut-offs out of order or outside the range, a wrong number of band names and a measure declared twice', () => {
    const text = [
      'name: Mine',
      'measures:',
      '  - id: A',
      '    label: A',
      '    min: 0',
      '    max: 10',
      '    cutoffs: [5, 3]',
      '  - id: B',
      '    label: B',
      '    min: 0',
      '    max: 10',
      '    cutoffs: [0]',
      '  - id: C',
      '    label: C',
      '    min: 0',
      '    max: 10',
      '    cutoffs: [5]',
      '    bands: [low, middle, high]',
      '  - id: A',
      '    label: A again',
      '    min: 1',
      '    max: 0',
      'codes:',
      '  - id: x',
      '    label: X',
      '',
    ].join('\n');
    const findings = checkCodebookText(text, 'mine.codebook.yaml');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
      [
        "7:18 Codebook: Measure 'A': 'cutoffs' should rise, each above 'min' (0) and at most 'max' (10)",
        "12:15 Codebook: Measure 'B': 'cutoffs' should rise, each above 'min' (0) and at most 'max' (10)",
        "18:12 Codebook: Measure 'C': 'bands' should name 2 bands, one more than the cut-offs, not 3",
        "19:9 Codebook: Measure 'A' is declared twice (first at line 3)",
      ],
    );
  });

  it('lets a config declare measures, a nearer config overriding a farther one, and rejects a broken declaration with its position', async () => {
    const declare = (label: string, max: number): string => `measures:\n  - id: WSAS\n    label: ${label}\n    min: 0\n    max: ${max}\n`;
    const ws = makeWorkspace({
      '.sessionmdrc.yaml': declare('Outer', 40),
      'inner/.sessionmdrc.yaml': declare('Inner', 30),
      'broken/.sessionmdrc.yaml': 'root: true\nmeasures:\n  - id: X\n    label: X\n    min: 5\n    max: 5\n',
    });
    try {
      const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
      const inner = await new ConfigResolver(host).forFile(ws.path('inner/a.session.md'));
      assert.deepEqual(
        inner.measures?.map((m) => [m.id, m.label, m.max]),
        [['WSAS', 'Inner', 30]],
      );
      await assert.rejects(new ConfigResolver(host).forFile(ws.path('broken/a.session.md')), (e: ConfigLoadError) => {
        const problem = e.errors[0]!.problems[0]!;
        assert.equal(problem.message, "Measure 'X': 'min' (5) should be below 'max' (5)");
        assert.equal(problem.range.start.line, 6);
        return true;
      });
    } finally {
      ws.dispose();
    }
  });
});
