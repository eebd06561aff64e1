import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createNodeHost } from '../../src/cli/nodeHost';
import { Linter, type ParseCounter, type Session } from '../../src/core';
import { diffText, reparseSession } from '../../src/core/parse/incremental';
import { parseSession } from '../../src/core/parse/session';
import type { SessionEdit } from '../../src/core/parse/splice';
import { annomiAvailable, annomiSession, exampleTranscripts, loadAnnomi, realisticSource, type AnnomiRow } from '../support/annomi';
import { lazyTranscript } from '../support/fuzz';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';

// An edited transcript re-parsed incrementally must equal a full parse of the new text, on every
// part users see: turns and all their ranges, sections, front matter, speakers, phases and the
// Markdown tree with its positions. Random edits (fixed seed) on real transcripts prove it.

/** The path of the first difference between two values, or undefined when they are equal; object identity is ignored. */
export function firstDifference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null)
    return `${path}: ${String(actual)} !== ${String(expected)}`;
  if (Array.isArray(actual) !== Array.isArray(expected) || Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${path}: different kinds`;
  if (actual instanceof Map && expected instanceof Map) {
    if (actual.size !== expected.size) return `${path}: ${actual.size} entries !== ${expected.size}`;
    for (const [key, value] of expected) {
      const difference = actual.has(key) ? firstDifference(actual.get(key), value, `${path}.get(${String(key)})`) : `${path}: no ${String(key)}`;
      if (difference) return difference;
    }
    return undefined;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e);
  if (Object.keys(a).length !== keys.length) return `${path}: keys ${Object.keys(a).sort().join(',')} !== ${keys.sort().join(',')}`;
  for (const key of keys) {
    if (!Object.hasOwn(a, key)) return `${path}: no ${key}`;
    const difference = firstDifference(a[key], e[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}

function assertSameSession(actual: Session, expected: Session, context: string): void {
  const difference = firstDifference(actual, expected);
  if (difference) assert.fail(`${context}: ${difference}`);
}

function applyEdit(text: string, edit: SessionEdit, insert: string): string {
  return text.slice(0, edit.offset) + insert + text.slice(edit.offset + edit.removed);
}

// SESSIONMD_FC_SEED and SESSIONMD_FC_SCALE explore further (e.g. 1 and 20); the defaults keep `npm test` quick.
const SEED = Number(process.env['SESSIONMD_FC_SEED'] ?? 20260314);
const SCALE = Number(process.env['SESSIONMD_FC_SCALE'] ?? 1);

// A U+FEFF after a blank line starts a block with it: micromark dropped it at the start of a re-parsed slice.
const PIECES = [
  'a',
  'Z',
  ' ',
  '\n',
  '\n\n',
  '{',
  '}',
  '#',
  '> ',
  '- ',
  ':',
  '[00:01:02] T: ',
  '## Middle\n',
  '```\n',
  '---\n',
  '<!-- ',
  'C: ok',
  '   ',
  '\t',
  '*',
  '\uFEFF',
  '\n\n\uFEFF',
  '1. ',
  '2. C: ',
  '<details>\n',
  '</details>\n',
  ' -->',
  '<!-- {x} -->',
  '(Recording starts.)\n',
  '===\n',
  // Codes mid-turn split a turn into utterances (docs/format.md#utterances).
  ' {q} ',
  '. {a} {b} more',
  '{#g} ',
  '`{c}`',
];

/** An edit at a random place: an insertion of a few pieces, a deletion, or both. */
function editArbitrary(length: number): fc.Arbitrary<{ offset: number; removed: number; insert: string }> {
  return fc.record({
    // Uniform places, and the biased ones fast-check prefers (the start and the end).
    offset: fc.oneof(fc.noBias(fc.nat({ max: length })), fc.nat({ max: length })),
    removed: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
    insert: fc.oneof(
      fc.constant(''),
      fc.constantFrom(...PIECES),
      fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
    ),
  });
}

/** Applies `edits` one after another, re-parsing each version from the previous one, and checks every version. */
function checkChain(start: string, edits: { offset: number; removed: number; insert: string }[], label: string): void {
  let text = start;
  let session = parseSession(text);
  for (const { offset, removed, insert } of edits) {
    const at = Math.min(offset, text.length);
    const edit = { offset: at, removed: Math.min(removed, text.length - at), inserted: insert.length };
    const next = applyEdit(text, edit, insert);
    const withEdit = reparseSession(session, next, edit);
    assertSameSession(withEdit, parseSession(next), `${label}, ${JSON.stringify(insert)} at ${at} removing ${edit.removed}`);
    // Without the edit the change is found by comparing texts.
    assertSameSession(reparseSession(session, next), withEdit, `${label}, found by diff`);
    text = next;
    session = withEdit;
  }
}

const RICH = `# Notes

Intro paragraph
with a lazy line.

## Beginning

T: Hello. {open-question}
C: Hi there. {neutral}

> Memo: a first memo
> over two lines.

> Memo: a second memo on the same turn.

T: A list follows this turn:
- first point {reflection}
- second point

C: And code:

\`\`\`
T: not a turn {x}
\`\`\`

<!-- a comment
T: not a turn either -->

    indented code

C: ok
---

## Middle — work

### A topic

T: Setext heading above?
Heading text
===

***

C: Last words. {#goal}

1. T: A pasted numbered transcript. {open-question}
2. C: Is a list. {neutral}

> Memo: a memo
> C: with a turn in it {x}

<details>
T: Inside an HTML block {y}
</details>

(Recording starts.)
T: Turns above a rule
C: are read as turns.
---

T: A comment <!-- {open-question} --> on one line, and <!-- over
C: two lines {neutral} --> then {reflection}
2. C: a numbered line in the turn

T: {question} Codes at the start. Then one utterance. {reflection.simple} {affirm} And
another over two lines {#goal} of the turn. {question} \`{not a code}\` and a remainder.
C: Mid {change-talk} sentence.
`;

/** The transcripts to edit; the long realistic ones are built when a test first reads them. */
function sources(): { label: string; readonly text: string }[] {
  const list = [
    { label: 'rich', text: RICH },
    { label: 'rich, CRLF', text: RICH.replace(/\n/g, '\r\n') },
    { label: 'rich, BOM', text: `\uFEFF${RICH}` },
  ];
  // Blocks that start with a U+FEFF (left where two files were joined): an edit in one re-parses a slice that starts with it.
  list.push({ label: 'rich, U+FEFF at block starts', text: RICH.replace(/\n\n(?=[A-Z>])/g, '\n\n\uFEFF') });
  const dir = join(ROOT, 'examples', 'C-017');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.session.md'))) list.push({ label: file, text: readFileSync(join(dir, file), 'utf8') });
  // Four AnnoMI transcripts (or, without AnnoMI, the examples' turns) as one 160-turn session.
  const rows = (): AnnomiRow[] =>
    annomiAvailable() ? [0, 13, 104, 114].flatMap((id) => loadAnnomi().get(id) ?? []) : [...exampleTranscripts().values()].flat();
  const long = `${realisticSource()}, 160 turns`;
  return [
    ...list,
    lazyTranscript(long, () => annomiSession(rows(), { turns: 160 }).text),
    lazyTranscript(`${long}, compact`, () => annomiSession(rows(), { turns: 160, compact: true }).text),
  ];
}

describe('incremental re-parsing', function () {
  const all = sources();

  it('finds the edit between two texts', () => {
    assert.deepEqual(diffText('abcdef', 'abXYef'), { offset: 2, removed: 2, inserted: 2 });
    assert.deepEqual(diffText('aaa', 'aaaa'), { offset: 3, removed: 0, inserted: 1 });
    assert.deepEqual(diffText('same', 'same'), { offset: 4, removed: 0, inserted: 0 });
  });

  for (const source of all) {
    it(`equals a full parse after random edits: ${source.label}`, () => {
      const { label, text } = source;
      fc.assert(
        fc.property(fc.array(editArbitrary(text.length), { minLength: 1, maxLength: 6 }), (edits) => checkChain(text, edits, label)),
        { seed: SEED, numRuns: Math.round(SCALE * (label.startsWith('rich') ? 40 : 12)) },
      );
    });
  }

  it('re-parses only the edited blocks for most edits inside a turn', () => {
    const { label, text } = all.find((s) => s.label.endsWith('160 turns'))!;
    const session = parseSession(text);
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    let edits = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: session.turns.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('a', ' ', 'é', '{', ':'),
        (turnIndex, where, insert) => {
          const range = session.turns[turnIndex]!.range;
          const offset = range.start.offset + 1 + Math.floor(where * (range.end.offset - range.start.offset - 1));
          const edit = { offset, removed: 0, inserted: insert.length };
          const next = applyEdit(text, edit, insert);
          assertSameSession(reparseSession(session, next, edit, { counter }), parseSession(next), `${label}, ${insert} at ${offset}`);
          edits++;
        },
      ),
      { seed: SEED, numRuns: Math.round(SCALE * 60) },
    );
    const fast = counter.incremental;
    assert.equal(fast + counter.full, edits);
    assert.ok(fast > edits / 2, `${fast} of ${edits} edits inside turns took the fast path`);
  });

  it('keeps a U+FEFF that starts a re-parsed block, so the codes at the end of its turns stay', () => {
    const text = '## Beginning\n\nT: Hello. {open-question}\n\nC: Fine. {change-talk}\n\nT: Good. {reflection}\n';
    const session = parseSession(text);
    const offset = text.indexOf('C: Fine');
    const edit = { offset, removed: 0, inserted: 4 };
    const next = applyEdit(text, edit, '\uFEFFok\n');
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    const incremental = reparseSession(session, next, edit, { counter });
    assert.equal(counter.incremental, 1, 'the edited block is re-parsed alone');
    assert.deepEqual(
      incremental.turns.map((t) => t.codes.map((c) => c.id)),
      [['open-question'], ['change-talk'], ['reflection']],
    );
    assertSameSession(incremental, parseSession(next), 'U+FEFF at the start of a block');
  });

  it('moves the utterances of the turns after an edit with them, as a full parse reads them', () => {
    const text = '## Beginning\n\nT: Hello. {other}\n\nT: You feel alone. {reflection.simple} That must be\nhard. {support} {#sleep} Take care.\n';
    const session = parseSession(text);
    const offset = text.indexOf('Hello');
    const edit = { offset, removed: 0, inserted: 8 };
    const next = applyEdit(text, edit, 'Well,\n  ');
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    const incremental = reparseSession(session, next, edit, { counter });
    assert.equal(counter.incremental, 1, 'the edited block is re-parsed alone');
    const moved = incremental.turns[1]!;
    assert.deepEqual(
      moved.utterances.map((u) => [u.index, u.text, next.slice(u.range.start.offset, u.range.end.offset), u.range.start.line]),
      [
        [1, 'You feel alone.', 'You feel alone.', 6],
        [2, 'That must be hard.', 'That must be\nhard.', 6],
      ],
    );
    assert.deepEqual(
      moved.codes.map((c) => [c.id, c.utterance]),
      [
        ['reflection.simple', 1],
        ['support', 2],
      ],
    );
    assertSameSession(incremental, parseSession(next), 'a turn with utterances after the edit');
  });

  it('falls back to a full parse for the front matter, a BOM change and link definitions', () => {
    const { text } = all.find((s) => s.label.endsWith('.session.md'))!;
    const session = parseSession(text);
    const cases = [text.replace('session: ', 'session: 1'), `\uFEFF${text}`, `${text}\n[00:03]: https://example.org\n`];
    for (const next of cases) {
      const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
      assertSameSession(reparseSession(session, next, undefined, { counter }), parseSession(next), 'fallback');
      assert.equal(counter.full, 1);
    }
  });

  it('lints an edited transcript from the session of its previous version, with the same findings', async () => {
    const path = join(ROOT, 'examples', 'C-017', '04-sleep-window.session.md');
    const text = readFileSync(path, 'utf8');
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR), { counter });
    const previous = await linter.lintText(path, text);
    const next = text.replace('{change-talk}', '{change-talk} {no-such-code}');
    const incremental = await linter.lintText(path, next, previous.session);
    assert.equal(counter.incremental, 1);
    const full = await linter.lintText(path, next);
    assertSameSession(incremental.session, full.session, 'lintText');
    assert.deepEqual(incremental.findings, full.findings);
    assert.ok(full.findings.some((f) => f.ruleId === 'code-unknown' && f.message.includes("'n*-s***-c***'")));
  });
});
