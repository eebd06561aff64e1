import { strict as assert } from 'node:assert';
import { hoverAt } from '../../../src/core';
import { CORE, SAMPLE, lc, offsetOf, session, shown } from './support';

describe('hoverAt: codes', () => {
  const s = session(SAMPLE);

  it('shows the label, id, description, role and codebook anywhere in the braces', () => {
    const expected = [
      '**Open question** (`open-question`)',
      'Invites the client to answer in their own words, beyond yes or no.',
      'Role: therapist',
      'Codebook: Core techniques',
    ].join('\n\n');
    for (const delta of [0, 5, '{open-question}'.length - 1]) {
      const hover = hoverAt(s, offsetOf(s, '{open-question}', delta), CORE)!;
      assert.equal(shown(hover.markdown), expected);
      assert.equal(lc(hover.range), '20:44-20:59');
    }
  });

  it('adds the note, and explains a parent id', () => {
    const reframe = hoverAt(s, offsetOf(s, '"always"'), CORE)!;
    assert.match(shown(reframe.markdown), /^\*\*Reframe\*\* \(`reframe`\)/);
    assert.match(shown(reframe.markdown), /\n\nNote: "always" -> "sometimes"$/);
    const parent = hoverAt(s, offsetOf(s, '{reflection}', 3), CORE)!;
    assert.match(shown(parent.markdown), /^\*\*Reflection\*\* \(`reflection`\)\n\nMirrors back/);
  });

  it('says when a code is not in the codebook, with the closest id', () => {
    const t = session(['C: Well. {reflectoin}', '']);
    assert.equal(shown(hoverAt(t, 4 + 6, CORE)!.markdown), '`reflectoin` is not in the codebook Core techniques. Did you mean `reflection`?');
    assert.equal(shown(hoverAt(t, 10)!.markdown), '`reflectoin`: no codebook is loaded, so this code cannot be looked up.');
  });

  it('shows nothing outside annotations, including just after the closing brace', () => {
    assert.equal(hoverAt(s, offsetOf(s, 'What brought'), CORE), undefined);
    assert.equal(hoverAt(s, offsetOf(s, '{open-question}', '{open-question}'.length), CORE), undefined);
    assert.equal(hoverAt(s, offsetOf(s, '## Wrap-up'), CORE), undefined);
  });
});

describe('hoverAt: goals', () => {
  const s = session(SAMPLE);
  const sleep = [
    '**Goal `sleep`**: Sleep through the night at least four nights a week',
    'Status: in-progress',
    'Used in 3 turns:\n- turn 2 (line 21, Beginning)\n- turn 4 (line 31, Middle)\n- turn 6 (line 39, Wrap-up)',
  ].join('\n\n');

  it('shows the text, status and places of a goal on a `{#goal}` reference', () => {
    const hover = hoverAt(s, offsetOf(s, '{#sleep}', 1), CORE)!;
    assert.equal(shown(hover.markdown), sleep);
    assert.equal(lc(hover.range), '21:31-21:39');
  });

  it('shows the same on the goal id in the front matter, and an unused goal', () => {
    const hover = hoverAt(s, offsetOf(s, 'id: sleep', 6))!;
    assert.equal(shown(hover.markdown), sleep);
    assert.equal(lc(hover.range), '9:9-9:14');
    assert.equal(
      shown(hoverAt(s, offsetOf(s, 'id: mood', 4))!.markdown),
      '**Goal `mood`**: Feel less low in the mornings\n\nStatus: open\n\nNot referenced by any turn yet.',
    );
  });

  it('lists at most ten places, then how many more', () => {
    const turns = Array.from({ length: 12 }, (_, i) => `C: Night ${i + 1}. {#sleep}`);
    const t = session(['---', 'goals:', '  - id: sleep', '    text: Sleep', '---', ...turns, '']);
    const markdown = shown(hoverAt(t, offsetOf(t, '{#sleep}'))!.markdown);
    assert.match(markdown, /Used in 12 turns:\n- turn 1 \(line 6\)\n/);
    assert.match(markdown, /- turn 10 \(line 15\)\n- and 2 more$/);
  });

  it('says when a referenced goal is not declared', () => {
    const t = session(['C: Tired. {#energy}', '']);
    assert.equal(
      shown(hoverAt(t, 12)!.markdown),
      '**Goal `energy`** is not declared under `goals:` in the front matter.\n\nUsed in 1 turn:\n- turn 1 (line 1)',
    );
  });

  it('explains empty braces', () => {
    const t = session(['T: Hm. {} {#}', '']);
    assert.equal(shown(hoverAt(t, offsetOf(t, '{}'), CORE)!.markdown), 'Empty code `{}`: write a code id between the braces.');
    assert.equal(shown(hoverAt(t, offsetOf(t, '{#}'))!.markdown), 'Empty goal reference `{#}`: write the id of a goal from the front matter after `#`.');
  });

  it('points at the right columns in a CRLF file', () => {
    const t = session(SAMPLE, '\r\n');
    assert.equal(lc(hoverAt(t, offsetOf(t, '{#sleep}', 2, 1))!.range), '31:9-31:17');
  });
});

describe('hoverAt: file text stays text', () => {
  it('shows an unknown code id with a backtick and an image in it as text', async () => {
    const { marked } = await import('marked');
    const t = session(['C: Tired. {odd`id ![x](https://127.0.0.1:9/x.png)}', '']);
    const html = marked.parse(hoverAt(t, offsetOf(t, '{odd', 2), CORE)!.markdown.value, { async: false });
    assert.doesNotMatch(html, /<img|<a /, html);
    assert.match(html, /<code>odd`id !\[x\]\(https:\/\/127\.0\.0\.1:9\/x\.png\)<\/code> is not in the codebook/);
  });
});
