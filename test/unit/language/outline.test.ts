import { strict as assert } from 'node:assert';
import { outline, type OutlineSymbol } from '../../../src/core';
import { SAMPLE, lc, session } from './support';

function tree(symbols: OutlineSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length > 0 ? [s.kind, s.name, s.detail, tree(s.children)] : [s.kind, s.name, s.detail]));
}

describe('outline', () => {
  it('lists the front matter, then the phases and other sections with their topics nested', () => {
    assert.deepEqual(tree(outline(session(SAMPLE))), [
      ['front-matter', 'Front matter', 'session 3 · C-017'],
      ['phase', 'Beginning', '2 turns'],
      [
        'phase',
        'Middle',
        'exposure work · 3 turns',
        [
          ['topic', 'Sleep diary', undefined],
          ['topic', 'Mornings', undefined],
        ],
      ],
      ['section', 'Wrap-up', '1 turn'],
    ]);
  });

  it('gives each section its whole range and its heading as the selection', () => {
    const [front, beginning, middle, wrapUp] = outline(session(SAMPLE));
    assert.deepEqual([lc(front!.range), lc(front!.selectionRange)], ['1:1-14:4', '1:1-1:4']);
    assert.deepEqual([lc(beginning!.range), lc(beginning!.selectionRange)], ['18:1-24:16', '18:1-18:13']);
    assert.deepEqual([lc(middle!.range), lc(middle!.selectionRange)], ['26:1-35:70', '26:1-26:26']);
    assert.deepEqual(
      middle!.children.map((t) => [lc(t.range), lc(t.selectionRange)]),
      [
        ['28:1-31:17', '28:1-28:16'],
        ['33:1-35:70', '33:1-33:13'],
      ],
    );
    assert.equal(lc(wrapUp!.range), '37:1-39:49');
  });

  it('names phases after the model even when the heading uses an alias, and handles no front matter', () => {
    const symbols = outline(session(['## Working phase: assessment', '', 'T: Hello.', '', '## ', '']));
    assert.deepEqual(tree(symbols), [
      ['phase', 'Middle', 'assessment · 1 turn'],
      ['section', '(untitled)', '0 turns'],
    ]);
  });

  it('keeps the same lines in a CRLF file', () => {
    const middle = outline(session(SAMPLE, '\r\n'))[2]!;
    assert.deepEqual([lc(middle.range), lc(middle.children[0]!.range)], ['26:1-35:70', '28:1-31:17']);
  });
});
