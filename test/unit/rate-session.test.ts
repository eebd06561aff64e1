import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codebook } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { currentRating, ratingChoices, ratingEdits, ratingValueProblem } from '../../src/core/language/rateSession';
import { applyEdits } from '../../src/core/lint/fix';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// Rate Session… offers each scale's levels with their descriptions, starting on the current value
// (else where coders start), and writes the values with edits that change nothing else.

const MITI: Codebook = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'miti-4.2.1.codebook.yaml'), 'utf8'), 'builtin:miti-4.2.1').codebook!;
const scale = (id: string) => MITI.ratings!.find((s) => s.id === id)!;
const ALL = new Map([
  ['cultivating-change-talk', 3],
  ['softening-sustain-talk', 4],
  ['partnership', 4],
  ['empathy', 5],
]);

/** The text after Rate Session… wrote `values` into `text`, and how many edits that took. */
function rated(text: string, values: ReadonlyMap<string, number>): { text: string; edits: number } {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const result = ratingEdits(parseSession(text), values);
  if ('problem' in result) assert.fail(result.problem);
  return { text: bom + applyEdits(text.slice(bom.length), result.edits).text, edits: result.edits.length };
}

describe('Rate Session…: the choices', () => {
  it('offers every level with its description, starting where coders start, and a way to skip the scale', () => {
    const choices = ratingChoices(scale('empathy'), undefined);
    assert.deepEqual(
      choices.map((c) => [c.kind, c.label, c.description, c.active]),
      [
        ['level', '1', undefined, false],
        ['level', '2', undefined, false],
        ['level', '3', 'where coders start', true],
        ['level', '4', undefined, false],
        ['level', '5', undefined, false],
        ['skip', 'Skip', 'leave it unrated', false],
      ],
    );
    assert.equal(choices[0]!.detail, 'The clinician shows little or no interest in how the client sees things.');
  });

  it('starts on the current value and says so; a scale without a default starts in its middle', () => {
    const current = ratingChoices(scale('empathy'), 5);
    assert.deepEqual(
      current.filter((c) => c.active || c.description).map((c) => [c.label, c.description, c.active]),
      [
        ['3', 'where coders start', false],
        ['5', 'current', true],
        ['Skip', 'keep 5', false],
      ],
    );
    const { default: _, ...noDefault } = scale('empathy');
    assert.equal(ratingChoices(noDefault, undefined).find((c) => c.active)!.label, '3');
  });

  it('offers another value on a scale of any number, and checks what is typed', () => {
    const distress = {
      ...scale('empathy'),
      id: 'distress',
      label: 'Distress',
      integer: false,
      min: 0,
      max: 10,
      levels: [
        { value: 0, description: 'None' },
        { value: 10, description: 'Worst' },
      ],
    };
    delete (distress as { default?: number }).default;
    assert.deepEqual(
      ratingChoices(distress, 7.5).map((c) => [c.label, c.description, c.active]),
      [
        ['0', undefined, false],
        ['10', undefined, false],
        ['Another value…', 'any number from 0 to 10 · current 7.5', true],
        ['Skip', 'keep 7.5', false],
      ],
    );
    assert.equal(ratingValueProblem(distress, '7.5'), undefined);
    assert.equal(ratingValueProblem(distress, 'seven'), 'Type a number from 0 to 10.');
    assert.equal(ratingValueProblem(distress, '11'), 'Distress goes from 0 to 10.');
    assert.equal(ratingValueProblem(scale('empathy'), '3.5'), 'Empathy takes whole numbers (1–5).');
  });

  it('takes as current only a value of the scale', () => {
    const session = parseSession('---\nratings: { empathy: 4, partnership: 9, softening-sustain-talk: "3" }\n---\n');
    assert.deepEqual(
      ['empathy', 'partnership', 'softening-sustain-talk', 'cultivating-change-talk'].map((id) => currentRating(session, scale(id))),
      [4, undefined, undefined, undefined],
    );
  });
});

describe('Rate Session…: the edits', () => {
  it('adds `ratings:` at the end of the front matter, keeping every other line and comment', () => {
    const text = [
      '---',
      'session: 2',
      '# coded by T-02',
      'codebook: miti-4.2.1  # the scheme',
      'goals:',
      '  - id: drink',
      '    text: Drink less',
      '---',
      '',
      'T: Hi. {question}',
      '',
    ].join('\n');
    assert.deepEqual(rated(text, ALL), {
      text: [
        '---',
        'session: 2',
        '# coded by T-02',
        'codebook: miti-4.2.1  # the scheme',
        'goals:',
        '  - id: drink',
        '    text: Drink less',
        'ratings:',
        '  cultivating-change-talk: 3',
        '  softening-sustain-talk: 4',
        '  partnership: 4',
        '  empathy: 5',
        '---',
        '',
        'T: Hi. {question}',
        '',
      ].join('\n'),
      edits: 1,
    });
  });

  it('replaces a value where it stands, keeps its comment and the values that stay, and adds the rest to the block', () => {
    const text = ['---', 'ratings:', '  partnership: 4   # after the second listen', '  empathy: 2', '  # SST still to do', 'session: 2', '---', ''].join('\n');
    assert.deepEqual(rated(text, ALL), {
      text: [
        '---',
        'ratings:',
        '  partnership: 4   # after the second listen',
        '  empathy: 5',
        '  cultivating-change-talk: 3',
        '  softening-sustain-talk: 4',
        '  # SST still to do',
        'session: 2',
        '---',
        '',
      ].join('\n'),
      edits: 1,
    });
    assert.deepEqual(rated(text, new Map([['partnership', 4]])), { text, edits: 0 }, 'an unchanged value is not rewritten');
  });

  it('fills a key written without a value, before its comment', () => {
    const text = '---\nratings:\n  empathy:   # to do\n---\n';
    assert.equal(rated(text, new Map([['empathy', 3]])).text, '---\nratings:\n  empathy: 3   # to do\n---\n');
  });

  it('fills an empty `ratings:` and a flow mapping, and creates a front matter where there is none', () => {
    assert.equal(rated('---\nratings:\n---\n', new Map([['empathy', 3]])).text, '---\nratings:\n  empathy: 3\n---\n');
    assert.equal(
      rated(
        '---\nratings: { empathy: 2 }\n---\n',
        new Map([
          ['empathy', 3],
          ['partnership', 4],
        ]),
      ).text,
      '---\nratings: { empathy: 3, partnership: 4 }\n---\n',
    );
    assert.equal(rated('---\nratings: {}\n---\n', new Map([['partnership', 4]])).text, '---\nratings: {partnership: 4}\n---\n');
    assert.equal(rated('T: Hi.\n', new Map([['empathy', 3]])).text, '---\nratings:\n  empathy: 3\n---\n\nT: Hi.\n');
  });

  it('keeps CRLF line ends and the byte order mark', () => {
    const text = '\uFEFF---\r\ncodebook: miti-4.2.1\r\nratings:\r\n  empathy: 2\r\n---\r\n\r\nT: Hi.\r\n';
    assert.equal(
      rated(
        text,
        new Map([
          ['empathy', 4],
          ['partnership', 3],
        ]),
      ).text,
      '\uFEFF---\r\ncodebook: miti-4.2.1\r\nratings:\r\n  empathy: 4\r\n  partnership: 3\r\n---\r\n\r\nT: Hi.\r\n',
    );
  });

  it('writes nothing into a front matter it cannot read, or a `ratings:` that is no mapping', () => {
    assert.deepEqual(ratingEdits(parseSession('---\nratings: [\n---\n'), ALL), {
      problem: 'The front matter cannot be read; fix the problem the Problems panel shows there, then rate again.',
    });
    assert.deepEqual(ratingEdits(parseSession('---\nratings: 4\n---\n'), ALL), {
      problem: "'ratings:' in the front matter is not a mapping of scale ids to numbers; correct it, then rate again.",
    });
  });
});
