import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSession } from '../../src/core/parse/session';
import { unreadTurns } from '../../src/core/parse/unreadTurns';
import { runs } from '../support/fuzz';

// Turns that Markdown puts somewhere the parser reads none (issue 11, items 14, 16 and 17): each is
// either read after all or found by unreadTurns (rule turn-unread), never lost without a word.

const turns = (text: string): [string, string, string[]][] => parseSession(text).turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id)]);
const unread = (text: string): [number, string][] => unreadTurns(parseSession(text)).map((u) => [u.line, u.place]);

describe('turns Markdown hides', () => {
  it('finds numbered and bulleted turns, which Markdown reads as list items', () => {
    const text = '## Beginning\n\n1. T: Hello {open-question}\n2. C: Fine.\n\n- [00:01:05] P: A partner, with a timestamp.\n- Monday: not a speaker\n';
    assert.deepEqual(turns(text), []);
    assert.deepEqual(unread(text), [
      [3, 'list'],
      [4, 'list'],
      [6, 'list'],
    ]);
  });

  it('reads no turn after a list number inside a paragraph, and finds the line instead', () => {
    // `2.` cannot start a list inside a paragraph, so Markdown keeps it as text of the turn above.
    const text = 'T: Hello {open-question}\n2. C: Fine. {neutral}\n';
    assert.deepEqual(turns(text), [['T', 'Hello 2. C: Fine.', ['open-question', 'neutral']]]);
    assert.deepEqual(unread(text), [[2, 'number']]);
  });

  it('finds turns in block quotes and HTML blocks, but not in comments or code', () => {
    const text = [
      'T: Hi.',
      '',
      '> Memo: a note',
      '> C: quoted {neutral}',
      '',
      '<details>',
      'C: inside {chnage-talk}',
      '</details>',
      '',
      '<!--',
      'T: commented out',
      '-->',
      '',
      '```',
      'T: code',
      '```',
      '',
      '<div>',
      '<!-- T: a comment',
      'C: still the comment -->',
      'T: after it',
      '</div>',
    ].join('\n');
    assert.deepEqual(turns(text), [['T', 'Hi.', []]]);
    assert.deepEqual(unread(text), [
      [4, 'quote'],
      [7, 'html'],
      [21, 'html'],
    ]);
  });

  it('counts only declared speakers and timestamped lines, as lists and memos hold `Word:` phrases', () => {
    const declared = '---\nspeakers: { A: therapist, B: client }\n---\n\n- A: hi\n- T: no longer a speaker\n- [00:01] T: but timestamped\n';
    assert.deepEqual(unread(declared), [
      [5, 'list'],
      [7, 'list'],
    ]);
  });

  it('reads the turns of lines underlined with --- or ===, which Markdown makes a heading', () => {
    const text = '## Beginning\n\n(Recording starts.)\nT: Hello {open-question}\nC: Fine.\n---\n\nT: after\n===\n';
    assert.deepEqual(turns(text), [
      ['T', 'Hello', ['open-question']],
      ['C', 'Fine.', []],
      ['T', 'after', []],
    ]);
    const session = parseSession(text);
    assert.deepEqual(
      session.sections.map((s) => s.title),
      ['Beginning'],
      'no heading is made of the turns',
    );
    assert.deepEqual(
      session.turns.map((t) => t.range.end.line),
      [4, 5, 8],
    );
    assert.deepEqual(
      parseSession('Session notes\n---\n').sections.map((s) => s.title),
      ['Session notes'],
      'prose above --- is still a heading',
    );
  });

  it('ignores codes and goal references in HTML comments, on one line or over several', () => {
    assert.deepEqual(turns('T: hello <!-- {open-question} {#sleep} --> there {reflection}\n'), [['T', 'hello there', ['reflection']]]);
    assert.deepEqual(parseSession('T: hi <!-- {#sleep} -->\n').turns[0]!.goals, []);
    // A turn-shaped line inside the comment starts no turn: the comment is ignored whole.
    assert.deepEqual(turns('T: hi <!-- draft:\nC: removed {neutral}\n--> and on {summary}\nC: next\n'), [
      ['T', 'hi and on', ['summary']],
      ['C', 'next', []],
    ]);
    // Without its `-->` in the paragraph, `<!--` is text, and the codes after it count.
    assert.deepEqual(turns('T: a <!-- b {x}\n\nC: c -->\n'), [
      ['T', 'a <!-- b', ['x']],
      ['C', 'c -->', []],
    ]);
    // Code spans still win over a comment inside them.
    assert.deepEqual(turns('T: `<!--` {x} `-->`\n'), [['T', '`<!--` `-->`', ['x']]]);
  });

  it('loses no line written as a turn without a word, in random documents of lists, quotes, HTML blocks and underlines', () => {
    // A declared label (A, or T and C by default) or a timestamp, after any of the prefixes Markdown reads as containers.
    const TURN = ['T: x {a}', 'C: y', '**Client:** z', '[00:01:02] P: w', 'A: v'];
    const PREFIX = ['', '', '', '1. ', '2. ', '10) ', '- ', '* ', '> ', '>', '   ', '  - ', '> 1. '];
    const OTHER = [
      '',
      '',
      'Prose here.',
      'Monday: u',
      '---',
      '===',
      '***',
      '<details>',
      '</details>',
      '<div class="x">',
      '<span>',
      '<pre>',
      '</pre>',
      '> Memo: m',
      '(Recording starts.)',
      '## Middle',
    ];
    const line = fc.oneof(
      fc.tuple(fc.constantFrom(...PREFIX), fc.constantFrom(...TURN)).map(([p, t]) => p + t),
      fc.constantFrom(...OTHER),
    );
    // A blank first line, so no `---` opens a front matter that is never closed (then Markdown reads the lines after it otherwise).
    const documents = fc
      .tuple(fc.boolean(), fc.array(line, { maxLength: 14 }))
      .map(([declared, lines]) => (declared ? '---\nspeakers: { A: therapist, C: client }\n---\n' : '\n') + lines.join('\n'));
    fc.assert(
      fc.property(documents, (text) => {
        const session = parseSession(text);
        const declared = new Set(session.speakers.map((s) => s.label));
        const read = new Set(session.turns.map((t) => t.range.start.line));
        const reported = new Set(unreadTurns(session).map((u) => u.line));
        const first = session.frontMatter ? session.frontMatter.range.end.line + 1 : 1;
        text.split('\n').forEach((content, i) => {
          const shape = /^(?:[ ]*(?:>|[-*]|\d+[.)])[ ]?)*\s*(?:\[[\d:]+\] (\w+)|\*\*(\w+):\*\*|(\w+):)/.exec(content);
          if (!shape || i + 1 < first) return;
          const timestamped = shape[1] !== undefined;
          if (!timestamped && !declared.has((shape[2] ?? shape[3])!)) return;
          assert.ok(
            read.has(i + 1) !== reported.has(i + 1),
            `line ${i + 1} ${JSON.stringify(content)} is ${read.has(i + 1) ? 'read and reported' : 'lost without a word'} in ${JSON.stringify(text)}`,
          );
        });
      }),
      runs(400),
    );
  });
});
