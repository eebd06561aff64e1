import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range, Session, Turn } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { ROOT } from '../support/paths';

// A code written after a sentence codes that utterance (docs/format.md#utterances): each code
// keeps the span of the words it codes, and a turn coded only at its end is one utterance.

function at(session: Session, range: Range): string {
  return session.text.slice(range.start.offset, range.end.offset);
}

/** Each utterance of the only turn of `text`: its index, its text, the source its range covers, and the ids of the codes on it. */
function utterancesOf(text: string): { session: Session; turn: Turn; read: [number, string, string, string[]][] } {
  const session = parseSession(text);
  assert.equal(session.turns.length, 1, 'one turn');
  const turn = session.turns[0]!;
  const read = turn.utterances.map((u): [number, string, string, string[]] => [
    u.index,
    u.text,
    at(session, u.range),
    turn.codes.filter((c) => c.utterance === u.index).map((c) => c.id),
  ]);
  return { session, turn, read };
}

describe('utterances', () => {
  it('reads a turn coded only at its end as one utterance: the whole turn', () => {
    const { turn, read } = utterancesOf("T: You're saying you feel alone. That must be hard for you. {reflection.simple}\n");
    assert.deepEqual(read, [
      [1, "You're saying you feel alone. That must be hard for you.", "You're saying you feel alone. That must be hard for you.", ['reflection.simple']],
    ]);
    assert.equal(turn.utterances[0]!.text, turn.text);
  });

  it('gives several codes in a row after one sentence the same utterance (a volley within one utterance)', () => {
    const { read } = utterancesOf('T: So the week was hard, and you still kept the diary. {reflection.complex} {affirm}\n');
    assert.deepEqual(read, [
      [1, 'So the week was hard, and you still kept the diary.', 'So the week was hard, and you still kept the diary.', ['reflection.complex', 'affirm']],
    ]);
  });

  it('lets each code after a sentence code that sentence', () => {
    const { turn, read } = utterancesOf("T: You're saying you feel alone. {reflection.simple} That must be hard for you. What helps? {question}\n");
    assert.deepEqual(read, [
      [1, "You're saying you feel alone.", "You're saying you feel alone.", ['reflection.simple']],
      [2, 'That must be hard for you. What helps?', 'That must be hard for you. What helps?', ['question']],
    ]);
    assert.equal(turn.text, "You're saying you feel alone. That must be hard for you. What helps?", 'the turn text is unchanged');
  });

  it('leaves the text after the last code uncoded: it is in the turn, in no utterance', () => {
    const { turn, read } = utterancesOf('T: How was the week? {question} Take your time.\n');
    assert.deepEqual(read, [[1, 'How was the week?', 'How was the week?', ['question']]]);
    assert.equal(turn.text, 'How was the week? Take your time.');
  });

  it('ends the utterance where a code is written, also in the middle of a sentence', () => {
    const { turn, read } = utterancesOf('C: I feel {change-talk} kind of stuck.\n');
    assert.deepEqual(read, [[1, 'I feel', 'I feel', ['change-talk']]]);
    assert.equal(turn.text, 'I feel kind of stuck.');
  });

  it('lets codes at the start of a turn code the words after them', () => {
    assert.deepEqual(utterancesOf('T: {question} How was the week?\n').read, [[1, 'How was the week?', 'How was the week?', ['question']]]);
    assert.deepEqual(utterancesOf('T: {#sleep} {open-question} {question} How was the week? {reflection} Take your time.\n').read, [
      [1, 'How was the week?', 'How was the week?', ['open-question', 'question', 'reflection']],
    ]);
  });

  it('gives a turn of codes alone one empty utterance where the codes start', () => {
    const { session, turn, read } = utterancesOf('T: {other} {affirm}\n');
    assert.deepEqual(read, [[1, '', '', ['other', 'affirm']]]);
    assert.deepEqual(turn.utterances[0]!.range.start, turn.codes[0]!.range.start);
    assert.equal(at(session, turn.codes[0]!.range), '{other}');
  });

  it('gives a turn without codes no utterance', () => {
    const { turn } = utterancesOf('C: Okay.\n');
    assert.deepEqual(turn.utterances, []);
  });

  it('reads goal references and HTML comments as neither words nor boundaries', () => {
    assert.deepEqual(utterancesOf("T: Let's look at sleep. {#sleep} How did it go? {question}\n").read, [
      [1, "Let's look at sleep. How did it go?", "Let's look at sleep. {#sleep} How did it go?", ['question']],
    ]);
    assert.deepEqual(utterancesOf('T: How did it go? {#sleep} {question} {#mood} Good. {affirm}\n').read, [
      [1, 'How did it go?', 'How did it go?', ['question']],
      [2, 'Good.', 'Good.', ['affirm']],
    ]);
    assert.deepEqual(utterancesOf('T: Hello <!-- {open-question} --> there. {other} <!-- a note --> {affirm} Well done. {affirm}\n').read, [
      [1, 'Hello there.', 'Hello <!-- {open-question} --> there.', ['other', 'affirm']],
      [2, 'Well done.', 'Well done.', ['affirm']],
    ]);
  });

  it('keeps braces in inline code as words, as they are no codes', () => {
    const { turn, read } = utterancesOf('T: Write `{like this}` in the diary. {homework} Or `{#this}`. {summary}\n');
    assert.deepEqual(read, [
      [1, 'Write `{like this}` in the diary.', 'Write `{like this}` in the diary.', ['homework']],
      [2, 'Or `{#this}`.', 'Or `{#this}`.', ['summary']],
    ]);
    assert.deepEqual(turn.goals, []);
  });

  it('spans continuation lines and the lists of a turn, with 1-based lines and columns', () => {
    const text = [
      '## Beginning',
      '',
      "[00:00:31] T: You're saying you feel alone. {reflection.simple} That must be really",
      'difficult for you. {support}',
      'Your homework: {homework}',
      '- keep the diary {homework}',
      '- walk every day',
      '',
    ].join('\n');
    const { session, turn, read } = utterancesOf(text);
    assert.deepEqual(read, [
      [1, "You're saying you feel alone.", "You're saying you feel alone.", ['reflection.simple']],
      [2, 'That must be really difficult for you.', 'That must be really\ndifficult for you.', ['support']],
      [3, 'Your homework:', 'Your homework:', ['homework']],
      [4, '- keep the diary', '- keep the diary', ['homework']],
    ]);
    const second = turn.utterances[1]!.range;
    assert.deepEqual([second.start.line, second.start.column, second.end.line, second.end.column], [3, 65, 4, 19]);
    assert.equal(session.text.split('\n')[2]!.indexOf('That') + 1, 65);
    assert.equal(turn.text, "You're saying you feel alone. That must be really difficult for you. Your homework: - keep the diary - walk every day");
  });

  it('reads CRLF and a byte order mark exactly as LF, with offsets into the text without the mark', () => {
    const lf = 'T: You feel alone. {reflection.simple} That must be really\ndifficult. {support}\n\nC: Yes. {change-talk}\n';
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const a = parseSession(lf);
    const b = parseSession(crlf);
    const view = (s: Session): unknown =>
      s.turns.map((t) =>
        t.utterances.map((u) => [
          u.index,
          u.text,
          at(s, u.range).replace(/\r\n/g, '\n'),
          u.range.start.line,
          u.range.start.column,
          u.range.end.line,
          u.range.end.column,
        ]),
      );
    assert.deepEqual(view(b), view(a));
    assert.equal(at(b, b.turns[0]!.utterances[1]!.range), 'That must be really\r\ndifficult.');
    assert.deepEqual(
      b.turns[0]!.codes.map((c) => c.utterance),
      [1, 2],
    );
  });
});

describe('the utterance examples of docs/format.md', () => {
  // The table under "### Utterances": each turn, its utterances ("words": `code`, `code`; …) and its uncoded words.
  const doc = readFileSync(join(ROOT, 'docs', 'format.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Utterances'), doc.indexOf('### Code ids and hierarchy'));
  const rows = section.split('\n').filter((line) => /^\| `[TC]: /.test(line));

  it('has examples to check', () => assert.ok(rows.length >= 6, `${rows.length} rows`));

  for (const row of rows) {
    const [turnCell, utterancesCell, uncodedCell] = row.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim());
    const source = turnCell!.slice(1, -1);
    it(`reads ${source} as the table says`, () => {
      const expected = utterancesCell!.split('; ').map((part) => {
        const [, words, codes] = /^"(.*)": (.*)$/.exec(part)!;
        return [words, codes!.split(', ').map((code) => code.slice(1, -1))];
      });
      const { turn } = utterancesOf(`${source}\n`);
      assert.deepEqual(
        turn.utterances.map((u) => [u.text, turn.codes.filter((c) => c.utterance === u.index).map((c) => c.id)]),
        expected,
      );
      const uncoded = uncodedCell ? uncodedCell.slice(1, -1) : '';
      assert.ok(turn.text.endsWith(uncoded), `uncoded ${uncoded}`);
      const coded = turn.utterances.at(-1)!.text;
      assert.equal(uncoded === '', turn.text.endsWith(coded), 'the uncoded words, if any, come after the last utterance');
    });
  }

  it('reads the first example and the pitfall of a code before its words as the text says', () => {
    assert.ok(
      section.includes(
        "T: You're saying you feel very alone and misunderstood. {reflection.simple} And you still came today. {affirmation} What would help this week? {open-question}",
      ),
    );
    assert.deepEqual(
      utterancesOf(
        "T: You're saying you feel very alone and misunderstood. {reflection.simple} And you still came today. {affirmation} What would help this week? {open-question}\n",
      ).read.map(([, words, , codes]) => [words, codes]),
      [
        ["You're saying you feel very alone and misunderstood.", ['reflection.simple']],
        ['And you still came today.', ['affirmation']],
        ['What would help this week?', ['open-question']],
      ],
    );
    assert.ok(doc.includes('`T: Fine. {other} {open-question} How was the week?` codes\n  "Fine." with both codes'));
    assert.deepEqual(utterancesOf('T: Fine. {other} {open-question} How was the week?\n').read, [[1, 'Fine.', 'Fine.', ['other', 'open-question']]]);
  });
});
