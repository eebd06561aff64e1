import { strict as assert } from 'node:assert';
import { parseCodebook } from '../../src/core/codebook/codebook';

// A code may name its colour (`color: '#2F80ED'`), which a REFI-QDA export gives the code, so that
// NVivo, ATLAS.ti, MAXQDA and QualCoder show it, and which an import from those tools keeps.

describe('codebook: a code’s colour', () => {
  it('reads color as #rrggbb', () => {
    const { codebook, problems } = parseCodebook(
      "name: x\ncodes:\n  - id: a\n    label: A\n    color: '#2F80ED'\n  - id: b\n    label: B\n",
      'x.codebook.yaml',
    );
    assert.deepEqual(problems, []);
    assert.equal(codebook?.codes.get('a')?.color, '#2F80ED');
    assert.equal(codebook?.codes.get('b')?.color, undefined);
  });

  it('says what a colour should look like, at its line', () => {
    const { problems } = parseCodebook('name: x\ncodes:\n  - id: a\n    label: A\n    color: blue\n', 'x.codebook.yaml');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /should be a colour as #rrggbb/);
    assert.equal(problems[0]!.range.start.line, 5);
  });
});
