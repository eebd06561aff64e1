import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionsAt, hoverAt, type Codebook } from '../../../src/core';
import { parseCodebook } from '../../../src/core/codebook/codebook';
import { BUILTIN_CODEBOOKS_DIR } from '../../support/paths';
import { CORE, lc, offsetOf, session, shown, withCursor } from './support';

// Hover on a rating shows what its level means; completion under `ratings:` offers the scales
// not rated yet, then the levels of the scale with their descriptions.

const MITI: Codebook = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'miti-4.2.1.codebook.yaml'), 'utf8'), 'builtin:miti-4.2.1').codebook!;

const FRONT = [
  '---',
  'codebook: miti-4.2.1',
  'ratings:',
  '  empathy: 4   # second listen',
  '  partnership: 7',
  '  softening-sustain-talk: "3"',
  '  empahty: 2',
  '---',
  '',
  '## Beginning',
  '',
  'T: Hi. {question}',
  '',
];

describe('hoverAt: ratings', () => {
  const s = session(FRONT);

  it("shows the scale, the value's level description, what the scale rates and the codebook, on the key and on the value", () => {
    const expected = [
      '**Empathy** (`empathy`): 4 on a scale of 1–5',
      '**4**: The clinician shows an accurate grasp of what the client says and of some of what they mean but have not said.',
      "How hard the clinician works to understand the client's point of view and feelings, and how well that understanding shows. With Partnership it makes the Relational score.",
      'Rates the therapist · required · coders start at 3 · Codebook: MITI 4.2.1 behaviour codes',
    ].join('\n\n');
    for (const offset of [offsetOf(s, 'empathy: 4'), offsetOf(s, 'empathy: 4', 3), offsetOf(s, 'empathy: 4', 9)]) {
      const hover = hoverAt(s, offset, MITI)!;
      assert.equal(shown(hover.markdown), expected);
      assert.equal(lc(hover.range), '4:3-4:13');
    }
    assert.equal(hoverAt(s, offsetOf(s, '# second'), MITI), undefined, 'the comment is no part of the rating');
  });

  it('lists every level when the value is none of them', () => {
    for (const needle of ['partnership: 7', 'softening-sustain-talk']) {
      const text = shown(hoverAt(s, offsetOf(s, needle), MITI)!.markdown);
      assert.match(
        text,
        /^\*\*.+\*\* \(`.+`\): not a value of its scale, 1–5\n\n- \*\*1\*\*: .+\n- \*\*2\*\*: .+\n- \*\*3\*\*: .+\n- \*\*4\*\*: .+\n- \*\*5\*\*: .+\n\n/,
      );
    }
  });

  it('says when a key is no scale of the codebook, with the closest id, or that no codebook is loaded', () => {
    assert.equal(
      shown(hoverAt(s, offsetOf(s, 'empahty'), MITI)!.markdown),
      '`empahty` is not a rating scale of the codebook MITI 4.2.1 behaviour codes. Did you mean `empathy`?',
    );
    assert.equal(
      shown(hoverAt(s, offsetOf(s, 'empahty'), CORE)!.markdown),
      '`empahty` is not a rating scale of the codebook Core techniques. It declares no rating scales.',
    );
    assert.equal(shown(hoverAt(s, offsetOf(s, 'empathy'))!.markdown), '`empathy`: no codebook is loaded, so this rating cannot be looked up.');
  });

  it("escapes a library's scale texts, so Markdown in them shows as written", () => {
    const library = parseCodebook(
      [
        'name: Lib',
        'codes: []',
        'ratings:',
        '  - id: warmth',
        '    label: "**Warm** [x](https://example.org)"',
        '    min: 1',
        '    max: 2',
        '    levels: { 1: "![img](https://example.org/a.png)", 2: b }',
        '',
      ].join('\n'),
      'lib.codebook.yaml',
    ).codebook!;
    const hover = hoverAt(session(['---', 'ratings: { warmth: 1 }', '---', '']), 20, library)!;
    assert.doesNotMatch(hover.markdown.value, /(?<!\\)[[!]/, 'no link or image can start');
    assert.equal(shown(hover.markdown).split('\n\n')[1], '**1**: ![img](https://example.org/a.png)');
  });
});

describe('completionsAt: ratings', () => {
  it('offers the scales not rated yet on a new line of `ratings:`, inserting the key and its colon', () => {
    const { session: s, offset } = withCursor([
      '---',
      'codebook: miti-4.2.1',
      'ratings:',
      '  empathy: 4',
      '  par‸',
      '  # partnership left for the second listen',
      'goals: []',
      '---',
      '',
    ]);
    const entries = completionsAt(s, offset, MITI);
    assert.deepEqual(
      entries.map((e) => [e.label, e.kind, e.insertText, e.detail, lc(e.range), e.retrigger]),
      [
        ['cultivating-change-talk', 'rating', 'cultivating-change-talk: ', 'Cultivating Change Talk (CCT) (1–5, required)', '5:3-5:6', true],
        ['softening-sustain-talk', 'rating', 'softening-sustain-talk: ', 'Softening Sustain Talk (SST) (1–5, required)', '5:3-5:6', true],
        ['partnership', 'rating', 'partnership: ', 'Partnership (1–5, required)', '5:3-5:6', true],
      ],
    );
    assert.match(
      shown(entries[2]!.documentation!),
      /^\*\*Partnership\*\*, 1–5\n\nHow far the clinician .+\n\n- \*\*1\*\*: .+\n- \*\*5\*\*: .+\n\nRates the therapist · required · coders start at 3 · Codebook: MITI/s,
    );
  });

  it('offers the levels of the scale with their descriptions for a value, replacing what is written', () => {
    const { session: s, offset } = withCursor(['---', 'ratings:', '  empathy: 4‸2  # wrong', '---', ''], '\r\n');
    const entries = completionsAt(s, offset, MITI);
    assert.deepEqual(
      entries.map((e) => [e.label, e.kind, lc(e.range)]),
      [1, 2, 3, 4, 5].map((n) => [String(n), 'level', '3:12-3:14']),
    );
    assert.equal(entries[2]!.detail, 'Empathy: 3 (where coders start)');
    assert.equal(shown(entries[0]!.documentation!), 'The clinician shows little or no interest in how the client sees things.');
  });

  it('replaces only the id when a value is already written after it', () => {
    const { session: s, offset } = withCursor(['---', 'ratings:', '  emp‸: 4', '---', '']);
    const entry = completionsAt(s, offset, MITI).find((e) => e.label === 'empathy')!;
    assert.deepEqual([entry.insertText, lc(entry.range), entry.retrigger], ['empathy', '3:3-3:6', undefined]);
  });

  it('offers nothing of the kind outside a `ratings:` block, nor for a scale the codebook lacks', () => {
    const outside = [
      ['---', 'goals:', '  - id: sleep', '    te‸', '---', ''],
      ['---', 'ratings:', '  empathy: 4', 'session: ‸', '---', ''],
      ['---‸', 'ratings:', '---', ''],
      ['---', 'ratings: { em‸ }', '---', ''],
    ];
    for (const lines of outside) {
      const { session: s, offset } = withCursor(lines);
      assert.deepEqual(completionsAt(s, offset, MITI), [], lines.join('|'));
    }
    const { session: s, offset } = withCursor(['---', 'ratings:', '  warmth: ‸', '---', '']);
    assert.deepEqual(completionsAt(s, offset, MITI), []);
    assert.deepEqual(completionsAt(withCursor(['---', 'ratings:', '  ‸', '---', '']).session, 11, CORE), []);
  });
});
