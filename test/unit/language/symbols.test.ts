import { strict as assert } from 'node:assert';
import { occurrencesAt, renameEdits, validNewId, type Session } from '../../../src/core';
import { applyEdits } from '../../../src/core/lint/fix';
import { SAMPLE, lc, offsetOf, session, textOf } from './support';

function renamed(s: Session, kind: 'goal' | 'code', id: string, newId: string): string {
  return applyEdits(s.text, renameEdits(s, { kind, id }, newId)).text;
}

const CODES = [
  'T: How was it? {reflection} {reflection.complex}',
  'C: Bad. {reflection | reflection on reflection} {sustain-talk}',
  'T: Hm. { reflection } text reflection',
  '',
];

describe('occurrencesAt', () => {
  const s = session(SAMPLE);

  it('finds a goal from a `{#id}`: the id under the cursor, its definition and every reference', () => {
    const found = occurrencesAt(s, offsetOf(s, '{#sleep}', 0, 1))!;
    assert.deepEqual([found.kind, found.id, lc(found.range)], ['goal', 'sleep', '31:11-31:16']);
    assert.equal(lc(found.definition!), '9:9-9:14');
    assert.deepEqual(found.references.map(lc), ['21:33-21:38', '31:11-31:16', '39:43-39:48']);
    assert.ok(found.references.every((r) => textOf(s, r) === 'sleep'));
  });

  it('finds the same goal from its id in the front matter, with the caret just after it', () => {
    const found = occurrencesAt(s, offsetOf(s, 'id: sleep', 'id: sleep'.length))!;
    assert.deepEqual([found.kind, found.id, lc(found.range), found.references.length], ['goal', 'sleep', '9:9-9:14', 3]);
  });

  it('finds a code by its exact id, not its children or its note', () => {
    const t = session(CODES);
    const found = occurrencesAt(t, offsetOf(t, '{reflection}', 4))!;
    assert.deepEqual([found.kind, found.id, found.definition], ['code', 'reflection', undefined]);
    assert.deepEqual(found.references.map(lc), ['1:17-1:27', '2:10-2:20', '3:10-3:20']);
    assert.equal(occurrencesAt(t, offsetOf(t, 'on reflection}')), undefined, 'the note is not the code');
    assert.equal(occurrencesAt(t, offsetOf(t, 'text reflection', 6)), undefined, 'plain words are not codes');
    assert.equal(occurrencesAt(t, offsetOf(t, '{reflection.complex}', 1))!.references.length, 1);
  });

  it('gives CRLF positions on the right lines and columns', () => {
    const t = session(SAMPLE, '\r\n');
    const found = occurrencesAt(t, offsetOf(t, '{#sleep}', 3))!;
    assert.deepEqual(found.references.map(lc), ['21:33-21:38', '31:11-31:16', '39:43-39:48']);
    assert.ok(found.references.every((r) => textOf(t, r) === 'sleep'));
  });
});

describe('renameEdits', () => {
  it('renames a goal in the front matter and in every `{#id}`, and nothing else', () => {
    const t = session(['---', 'goals:', '  - id: sleep', '    text: sleep well', '---', 'C: sleep? {#sleep} { #sleep } {#sleepy} {sleep}', '']);
    assert.equal(
      renamed(t, 'goal', 'sleep', 'rest'),
      ['---', 'goals:', '  - id: rest', '    text: sleep well', '---', 'C: sleep? {#rest} { #rest } {#sleepy} {sleep}', ''].join('\n'),
    );
  });

  it('keeps the quotes of a quoted goal id, and quotes an id YAML would read as a number', () => {
    const quoted = session(['---', 'goals:', "  - id: 'sleep'", '    text: Sleep', '---', 'C: Hm. {#sleep}', '']);
    assert.match(renamed(quoted, 'goal', 'sleep', 'rest'), /id: 'rest'\n[\s\S]*\{#rest\}/);
    const plain = session(['---', 'goals:', '  - id: sleep', '    text: Sleep', '---', 'C: Hm. {#sleep}', '']);
    const text = renamed(plain, 'goal', 'sleep', '2024');
    assert.match(text, /id: "2024"\n[\s\S]*\{#2024\}/);
  });

  it('renames exact code ids only: not children, notes or words', () => {
    const t = session(CODES);
    assert.equal(
      renamed(t, 'code', 'reflection', 'reflect'),
      [
        'T: How was it? {reflect} {reflection.complex}',
        'C: Bad. {reflect | reflection on reflection} {sustain-talk}',
        'T: Hm. { reflect } text reflection',
        '',
      ].join('\n'),
    );
    assert.equal(renamed(t, 'code', 'reflection.complex', 'reflection.deep'), CODES.join('\n').replace('{reflection.complex}', '{reflection.deep}'));
  });

  it('keeps CRLF line endings', () => {
    const t = session(CODES, '\r\n');
    assert.equal(renamed(t, 'code', 'sustain-talk', 'sustain'), CODES.join('\r\n').replace('sustain-talk', 'sustain'));
  });

  it('gives no edits for an invalid or unchanged id', () => {
    const t = session(CODES);
    assert.deepEqual(renameEdits(t, { kind: 'code', id: 'reflection' }, 'bad id'), []);
    assert.deepEqual(renameEdits(t, { kind: 'code', id: 'reflection' }, 'reflection'), []);
  });
});

describe('validNewId', () => {
  it('accepts ids that parse and explains the others', () => {
    assert.equal(validNewId('goal', 'mood-2'), undefined);
    assert.equal(validNewId('goal', 'sleep.v2'), undefined);
    assert.equal(validNewId('code', 'reflection.complex'), undefined);
    assert.equal(validNewId('code', 'change_talk'), undefined);
    assert.equal(validNewId('goal', ''), 'A goal id cannot be empty.');
    assert.match(validNewId('goal', '-x')!, /not a valid goal id/);
    assert.match(validNewId('goal', 'a}b')!, /not a valid goal id/);
    assert.match(validNewId('code', 'a|b')!, /not a valid code id/);
    assert.match(validNewId('code', 'reflection.')!, /not a valid code id/);
    assert.match(validNewId('code', 'a..b')!, /not a valid code id/);
    assert.match(validNewId('code', '#goal')!, /not a valid code id/);
    assert.match(validNewId('code', 'two words')!, /not a valid code id/);
  });
});
