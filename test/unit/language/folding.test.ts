import { strict as assert } from 'node:assert';
import { foldingRanges } from '../../../src/core';
import type { Fold } from '../../../src/core/language/types';
import { SAMPLE, session } from './support';

function lines(folds: Fold[]): string[] {
  return folds.map((f) => `${f.kind} ${f.startLine}-${f.endLine}`);
}

describe('foldingRanges', () => {
  it('folds the front matter, each section to its last non-blank line, each topic and multi-line memos', () => {
    assert.deepEqual(lines(foldingRanges(session(SAMPLE))), [
      'front-matter 1-14',
      'phase 18-24',
      'memo 23-24',
      'phase 26-35',
      'topic 28-31',
      'topic 33-35',
      'phase 37-39',
    ]);
  });

  it('gives the same lines in a CRLF file', () => {
    assert.deepEqual(lines(foldingRanges(session(SAMPLE, '\r\n'))), lines(foldingRanges(session(SAMPLE))));
  });

  it('leaves out regions of a single line: a bare heading, a one-line memo or topic', () => {
    const folds = foldingRanges(session(['## Beginning', '## Middle', '### Only a heading', 'T: Hi.', '', '> Memo: short.', '']));
    assert.deepEqual(lines(folds), ['phase 2-6', 'topic 3-6']);
  });

  it('ends a topic before the blank lines that precede the next one', () => {
    const folds = foldingRanges(session(['## Middle', '### One', 'T: a', '', '', '### Two', 'C: b', '']));
    assert.deepEqual(lines(folds), ['phase 1-7', 'topic 2-3', 'topic 6-7']);
  });

  it('folds nested <!-- region --> … <!-- endregion --> comment lines, but not markers in code blocks, quotes or unmatched ones', () => {
    const folds = foldingRanges(
      session([
        '<!-- region Intake -->', //         1
        'T: Hi.', //                          2
        '  <!-- #region inner -->', //        3
        'C: Hello.', //                       4
        '<!--endregion-->', //                5
        '```', //                             6
        '<!-- region in code -->', //         7
        '```', //                             8
        '> <!-- region in a quote -->', //    9
        '<!-- endregion Intake -->', //       10
        '<!-- endregion stray -->', //        11
        '<!-- region never closed -->', //    12
        '<!-- regional, not a marker -->', // 13
        '',
      ]),
    );
    assert.deepEqual(lines(folds), ['region 1-10', 'region 3-5']);
  });
});
