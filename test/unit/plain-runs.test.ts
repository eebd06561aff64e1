import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseMarkdown, parseStretched, withoutPlainRuns } from '../../src/core/parse/markdown';
import { annomiSession, realisticSource, realisticTranscripts } from '../support/annomi';
import { ROOT } from '../support/paths';

// src/core/parse/plainRuns.ts spares micromark the plain turns and memos: it parses a skeleton and
// builds those blocks itself. These tests prove the tree is the one micromark builds from the whole
// text, node for node and position for position, and that the shortcut is taken where it should be.

const SEED = Number(process.env['SESSIONMD_FC_SEED'] ?? 20260314);
const SCALE = Number(process.env['SESSIONMD_FC_SCALE'] ?? 1);

function assertSameTree(text: string): void {
  const direct = withoutPlainRuns(() => parseMarkdown(text));
  assert.deepStrictEqual(parseMarkdown(text), direct, `the tree differs for ${JSON.stringify(text)}`);
}

// Plain turns and memos, and blank lines between them.
const PLAIN = [
  '[00:00:05] T: Would you like to share a bit? {open-question}',
  '[00:00:19] C: I feel really lonely. {#sleep}',
  'T: so {reflection | deep} and [inaudible] then',
  'C: [crosstalk, 2 s] yes! wow & more * _ = | ~ # - + 1.',
  'difficult for you. {reflection.complex}',
  'Client: ok',
  '> Memo: first affective reflection.',
  '> the client relaxes.',
  '',
  '',
];

// Nearly plain lines, and every kind of block that could swallow, interrupt or continue plain ones.
const TRICKY = [
  '>no space',
  '> ',
  '>',
  '> > nested',
  '> - list in quote',
  '   ',
  '\t',
  '## Middle',
  '### topic',
  '#hashtag',
  '    # indented heading',
  '   ## three spaces',
  '####### seven',
  '- item',
  '* item',
  '1. item',
  '2) item',
  '  continued',
  '    indented code',
  '```',
  '~~~',
  '---',
  '===',
  '***',
  '<!-- note',
  'end -->',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  'T: a <b> tag',
  'T: `code {x}` span',
  'T: a \\* escape',
  'T: see [link](/x)',
  'T: [ref][a]',
  'T: ![img](/y.png)',
  '[a]: /url',
  'T: trailing space ',
  'T: trailing spaces  ',
  'T:\ttab',
  'T: nul \u0000 char',
  'T: non-ASCII: Grüße, 日本語, 🙂',
  '[00:01]',
  '[]',
  'T: [00:01](x)',
  '| a | b |',
  '\uFEFFT: after a byte order mark',
  '\uFEFF> memo after a byte order mark',
  '\uFEFF## Middle',
  '- <!-- comment in a list item',
  '- ```',
  '1. T: Hello {open-question}',
  '2. C: Fine.',
  '10) [00:01:05] P: numbered',
  '- T: a bulleted turn',
  '> C: a turn in a quote {neutral}',
  '<details>',
  '</details>',
  '<span>',
  'T: hello <!-- {open-question} --> there',
  'T: a <!-- comment over',
  'two lines {x} --> b',
  '(Recording starts.)',
];

const ENDINGS = ['\n', '\n', '\n', '\r\n', '\r'];

const documents = fc
  .tuple(
    // No front matter, a closed one, or one never closed (then no front matter is read, and Markdown reads the rest).
    fc.constantFrom('', '---\nsession: 1\n\ngoals:\n  - id: sleep\n---\n', '---\nsession: 1\n\n'),
    fc.array(
      fc.tuple(
        fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 30 }, { arbitrary: fc.constantFrom(...TRICKY), weight: 1 }),
        fc.constantFrom(...ENDINGS),
      ),
      { maxLength: 40 },
    ),
    fc.boolean(),
  )
  .map(([head, lines, finalEnding]) => {
    const body = lines.map(([line, ending]) => line + ending).join('');
    return head + (finalEnding ? body : body.replace(/(\r\n|\r|\n)$/, ''));
  });

describe('plain turns and memos read without micromark', () => {
  it('builds the same tree as micromark for every example session and takes the shortcut there', () => {
    const examples = join(ROOT, 'examples');
    for (const dir of readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(examples, dir.name)).filter((f) => f.endsWith('.session.md'))) {
        const text = readFileSync(join(examples, dir.name, file), 'utf8');
        assert.ok(parseStretched(text), `${file} should be read with the shortcut`);
        assertSameTree(text);
      }
    }
  });

  it(`builds the same tree for a 600-turn session built from ${realisticSource()}, in LF and CRLF`, () => {
    const rows = [...realisticTranscripts().values()].flat().slice(0, 600);
    const text = annomiSession(rows, { turns: 600 }).text;
    assert.ok(parseStretched(text));
    assertSameTree(text);
    assertSameTree(text.replace(/\n/g, '\r\n'));
  });

  it('builds the same tree for random documents of plain and tricky lines', () => {
    let shortcuts = 0;
    const runs = Math.round(SCALE * 1500);
    fc.assert(
      fc.property(documents, (text) => {
        if (parseStretched(text)) shortcuts++;
        assertSameTree(text);
      }),
      { seed: SEED, numRuns: runs },
    );
    // Most documents mix in lines that send them to micromark whole; enough of them must take the shortcut for this to prove anything.
    assert.ok(shortcuts > runs / 3, `only ${shortcuts} of ${runs} documents took the shortcut`);
  });

  it('reads the design example, turns without blank lines and a two-line memo, with the shortcut', () => {
    const text = [
      '## Beginning',
      '',
      '[00:00:05] T: Would you like to share a bit about what brought you here today? {open-question}',
      '[00:00:19] C: I feel really lonely, like no one understands me. {#sleep}',
      "[00:00:31] T: You're saying you feel very alone and misunderstood. {reflection.simple}",
      'That must be really difficult for you.',
      '',
      '> Memo: first affective reflection; the client relaxes. (A blockquote after a turn is a',
      '> memo on that turn.)',
      '',
    ].join('\n');
    const root = parseStretched(text);
    assert.ok(root);
    assert.deepEqual(
      root.children.map((node) => node.type),
      ['heading', 'paragraph', 'blockquote'],
    );
    assertSameTree(text);
  });

  it('parses the text as it is where a plain line is not a paragraph of its own', () => {
    const cases = {
      'inside fenced code': '```\nT: hi\n\nC: hello\n```\n',
      'inside an HTML comment': '<!-- a\n\nT: hi\n-->\n',
      'with a link definition': 'T: [00:01] hi\n\n[00:01]: /x\n',
      'after a second byte order mark': '\uFEFFbom mid\n\nT: hi\n',
    };
    for (const [what, text] of Object.entries(cases)) {
      assert.equal(parseStretched(text), undefined, what);
      assertSameTree(text);
    }
  });

  it('reads the blocks after a front matter that is never closed as micromark reads them, with or without the shortcut', () => {
    // remark-frontmatter's unclosed attempt kept micromark from starting block quotes and lists; the shortcut built them anyway.
    for (const text of ['---\n\n> :', '---\nsession: 1\n\nT: hi\n\n> Memo: ok\n\nC: yes\n- item\n', '---\r\n\r\n> a\r\n> b\r\n']) {
      assertSameTree(text);
      assert.ok(parseStretched(text), `${JSON.stringify(text)} should be read with the shortcut`);
      assert.ok(
        parseMarkdown(text).children.some((node) => node.type === 'blockquote'),
        `${JSON.stringify(text)} keeps its block quote`,
      );
    }
  });

  it('ends a list holding an open HTML comment or fence where micromark does when a memo follows', () => {
    // A stand-in line for the memo must not be read as a lazy line of the item, which ends the item a line earlier.
    for (const text of [
      '- <!-- a\n\n> Memo: a first memo\n',
      'T: hi\n- <!-- a\n\n> Memo: one\n> two\n\n> Memo: three\n',
      '- ```\n  code\n\n> Memo: x\n',
      '1. <!--\n\n\n> x\n',
    ]) {
      assert.ok(parseStretched(text), `${JSON.stringify(text)} should be read with the shortcut`);
      assertSameTree(text);
    }
  });

  it('keeps a U+FEFF that starts the text (a second byte order mark) as a character, with or without the shortcut', () => {
    const text = '\uFEFFT: hi {x}\n\n> Memo: ok\n';
    assertSameTree(text);
    const [first] = parseMarkdown(text).children;
    assert.deepEqual(
      [first!.type, first!.position!.end.offset, (first as { children: { value: string }[] }).children[0]!.value],
      ['paragraph', 10, '\uFEFFT: hi {x}'],
    );
  });

  it('survives a line of several megabytes', () => {
    const text = `T: ${'words [00:01] '.repeat(400_000)}end`;
    const root = parseMarkdown(text);
    assert.equal(root.children[0]?.type, 'paragraph');
    assert.equal(root.position?.end.offset, text.length);
  });
});
