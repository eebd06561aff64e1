import { strict as assert } from 'node:assert';
import { completionsAt, type CompletionEntry } from '../../../src/core';
import { CORE, SAMPLE, lc, shown, withCursor } from './support';

/** The sample with one line replaced, and the cursor marked in it. */
function at(line: number, text: string, eol: '\n' | '\r\n' = '\n') {
  const lines = [...SAMPLE];
  lines[line - 1] = text;
  return withCursor(lines, eol);
}

function complete(line: number, text: string, eol: '\n' | '\r\n' = '\n'): CompletionEntry[] {
  const { session, offset } = at(line, text, eol);
  return completionsAt(session, offset, CORE);
}

function sorted(entries: CompletionEntry[]): string[] {
  return [...entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((e) => e.label);
}

describe('completionsAt: speaker labels', () => {
  it('offers the declared labels on an empty line, inserting `Label: ` with the role as detail', () => {
    const entries = complete(22, '‸').filter((e) => e.kind === 'speaker');
    assert.deepEqual(
      entries.map((e) => [e.label, e.kind, e.detail, e.insertText, lc(e.range)]),
      [
        ['T', 'speaker', 'therapist', 'T: ', '22:1-22:1'],
        ['C', 'speaker', 'client', 'C: ', '22:1-22:1'],
        ['P', 'speaker', 'other', 'P: ', '22:1-22:1'],
      ],
    );
    assert.deepEqual(sorted(entries), ['T', 'C', 'P'], 'in the order of the front matter');
  });

  it('offers them after a timestamp, replacing only the partial label', () => {
    assert.deepEqual(
      complete(22, '[00:00:40] ‸').map((e) => lc(e.range)),
      ['22:12-22:12', '22:12-22:12', '22:12-22:12'],
    );
    const partial = complete(22, '[00:00:40] C‸');
    assert.deepEqual([partial[0]!.label, lc(partial[0]!.range)], ['T', '22:12-22:13']);
  });

  it('offers the default speakers when the front matter declares none', () => {
    const { session, offset } = withCursor(['# Notes', '', 'Cl‸']);
    const entries = completionsAt(session, offset, CORE).filter((e) => e.kind === 'speaker');
    assert.deepEqual(
      entries.map((e) => e.label),
      ['T', 'Therapist', 'C', 'Client'],
    );
    assert.equal(lc(entries[0]!.range), '3:1-3:3');
  });

  it('replaces an existing label with its colon and space, to change the speaker of a turn', () => {
    const entries = complete(31, '‸C: Yes. {#sleep}');
    assert.equal(lc(entries[0]!.range), '31:1-31:4');
  });

  it('offers nothing in the front matter, a heading, a code block or the middle of a sentence', () => {
    assert.deepEqual(complete(5, '‸  T: therapist'), []);
    assert.deepEqual(complete(18, '‸## Beginning'), []);
    assert.deepEqual(complete(22, 'So: ‸'), []);
    assert.deepEqual(complete(23, '> ‸Memo: the client names sleep at once;'), []);
    const { session, offset } = withCursor(['# Notes', '', '```', '‸', '```', '']);
    assert.deepEqual(completionsAt(session, offset, CORE), []);
  });

  it('offers nothing in a front matter whose closing --- is missing', () => {
    const { session, offset } = withCursor(['---', 'speakers:', '  T‸', '', '## Beginning', '']);
    assert.deepEqual(completionsAt(session, offset, CORE), []);
  });

  it('gives the same columns in a CRLF file', () => {
    assert.deepEqual(complete(22, '[00:00:40] C‸', '\r\n').map((e) => lc(e.range))[0], '22:12-22:13');
  });
});

describe('completionsAt: codes after `{`', () => {
  it('offers every code of the codebook with its label, role, description and codebook', () => {
    const entries = complete(30, 'T: You lie awake. {refl‸');
    assert.equal(entries.length, CORE.codes.size);
    const complex = entries.find((e) => e.label === 'reflection.complex')!;
    assert.deepEqual(
      { kind: complex.kind, detail: complex.detail, insertText: complex.insertText, range: lc(complex.range) },
      { kind: 'code', detail: 'Complex reflection (therapist)', insertText: 'reflection.complex}', range: '30:20-30:24' },
    );
    assert.equal(
      shown(complex.documentation!),
      'Adds meaning or emphasis beyond what the client said, such as the feeling behind it.\n\nCodebook: Core techniques',
    );
  });

  it('does not add a closing brace when one follows', () => {
    const entries = complete(30, 'T: You lie awake. { refl‸ } and more');
    assert.deepEqual([entries[0]!.insertText, lc(entries[0]!.range)], ['open-question', '30:21-30:25']);
  });

  it('puts the codes that fit the turn’s role first: client talk on a client turn', () => {
    const client = sorted(complete(31, 'C: Yes, I want that. {‸'));
    assert.deepEqual(client.slice(0, 3), ['change-talk', 'sustain-talk', 'neutral']);
    const therapist = sorted(complete(30, 'T: Tell me more. {‸'));
    assert.deepEqual(therapist.slice(0, 2), ['open-question', 'closed-question']);
    assert.deepEqual(therapist.slice(-3), ['change-talk', 'sustain-talk', 'neutral']);
  });

  it('offers nothing in a note, in inline code, without a codebook or after a closed brace', () => {
    assert.deepEqual(complete(35, 'T: And? {reframe | "always" -> ‸'), []);
    assert.deepEqual(complete(30, 'T: Type `{refl‸}` literally.'), []);
    assert.deepEqual(complete(30, 'T: Done. {summary} ‸'), []);
    const { session, offset } = at(30, 'T: Hm. {‸');
    assert.deepEqual(completionsAt(session, offset), []);
  });

  it('offers codes in turns right above a line of ---, which are turns though Markdown makes them a heading, but not in a comment there', () => {
    const above = (line: string) => {
      const { session, offset } = withCursor(['(Recording starts.)', line, '---', '']);
      return completionsAt(session, offset, CORE);
    };
    assert.equal(above('T: You lie awake. {refl‸').length, CORE.codes.size);
    assert.deepEqual(above('T: You lie awake. <!-- {refl‸ -->'), []);
  });
});

describe('completionsAt: goal ids after `{#`', () => {
  it('offers the declared goals with their text and status', () => {
    const entries = complete(31, 'C: Yes. {#‸');
    assert.deepEqual(
      entries.map((e) => [e.label, e.kind, e.detail, e.insertText, lc(e.range)]),
      [
        ['sleep', 'goal', 'Sleep through the night at least four nights a week (in-progress)', 'sleep}', '31:11-31:11'],
        ['mood', 'goal', 'Feel less low in the mornings (open)', 'mood}', '31:11-31:11'],
      ],
    );
  });

  it('replaces the partial id, allows spaces and keeps an existing brace, also with CRLF', () => {
    const entries = complete(31, 'C: Yes. { #sl‸}', '\r\n');
    assert.deepEqual([entries[0]!.insertText, lc(entries[0]!.range)], ['sleep', '31:12-31:14']);
  });

  it('offers goals even without a codebook', () => {
    const { session, offset } = at(31, 'C: Yes. {#‸');
    assert.deepEqual(
      completionsAt(session, offset).map((e) => e.label),
      ['sleep', 'mood'],
    );
  });
});
