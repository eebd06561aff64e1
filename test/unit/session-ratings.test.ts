import { strict as assert } from 'node:assert';
import type { Range } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';

// The front matter's `ratings:` is on the model, each entry with the positions of its key and
// value, so stats, export and agree can read the ratings and messages can point at them.

const at = (r: Range | undefined): string => (r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : '-');

describe('session ratings on the model', () => {
  it('reads each rating with its value and the positions of its key and value, comments left out', () => {
    const session = parseSession(
      ['---', 'codebook: miti-4.2.1', 'ratings:', '  empathy: 4   # after the second listen', '  partnership: 3.5', '---', '', 'T: Hi.', ''].join('\n'),
    );
    const ratings = session.frontMatter!.ratings!;
    assert.deepEqual(
      ratings.map((r) => [r.id, r.value, r.kind, at(r.idRange), at(r.valueRange), at(r.range)]),
      [
        ['empathy', 4, 'number', '4:3-4:10', '4:12-4:13', '4:3-4:13'],
        ['partnership', 3.5, 'number', '5:3-5:14', '5:16-5:19', '5:3-5:19'],
      ],
    );
  });

  it('keeps positions right with CRLF line ends and a byte order mark, in flow style too', () => {
    const session = parseSession('\uFEFF---\r\nratings: { empathy: 5, partnership: 2 }\r\n---\r\n\r\nT: Hi.\r\n');
    const ratings = session.frontMatter!.ratings!;
    assert.deepEqual(
      ratings.map((r) => [r.id, r.value, at(r.idRange), at(r.valueRange)]),
      [
        ['empathy', 5, '2:12-2:19', '2:21-2:22'],
        ['partnership', 2, '2:24-2:35', '2:37-2:38'],
      ],
    );
    assert.equal(session.text.slice(ratings[1]!.valueRange!.start.offset, ratings[1]!.valueRange!.end.offset), '2');
  });

  it('tells what a value that is no number is, without keeping it as a number', () => {
    const session = parseSession(
      ['---', 'usual: &usual 3', 'ratings:', '  a: "4"', '  b: [1]', '  c: { x: 1 }', '  d: true', '  e:', '  f: .inf', '  g: *usual', '---', ''].join('\n'),
    );
    assert.deepEqual(
      session.frontMatter!.ratings!.map((r) => [r.id, r.kind, r.value, at(r.valueRange)]),
      [
        ['a', 'text', undefined, '4:6-4:9'],
        ['b', 'list', undefined, '5:6-5:9'],
        ['c', 'mapping', undefined, '6:6-6:14'],
        ['d', 'boolean', undefined, '7:6-7:10'],
        ['e', 'empty', undefined, '-'],
        ['f', 'number', undefined, '9:6-9:10'],
        ['g', 'number', 3, '10:6-10:12'],
      ],
    );
  });

  it('has no ratings without the key, none yet for an empty `ratings:`, and reports a `ratings:` that is no mapping', () => {
    assert.equal(parseSession('---\nsession: 1\n---\n').frontMatter!.ratings, undefined);
    assert.deepEqual(parseSession('---\nratings:\n---\n').frontMatter!.ratings, []);
    const fm = parseSession('---\nratings: 4\n---\n').frontMatter!;
    assert.equal(fm.ratings, undefined);
    assert.deepEqual(
      fm.problems.map((p) => `${at(p.range)} ${p.message}`),
      ["2:10-2:11 'ratings' should be a mapping or empty, not an integer"],
    );
  });
});
