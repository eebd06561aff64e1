import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectMemos, findSegments, parseTurnQuery, unknownTermNotes, type QueryInput, type TurnCondition } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// Which turns a query selects (docs/research.md#retrieving-segments), on two small sessions coded
// with the AnnoMI codebook, whose groups are therapist-behaviour and client-talk.

const annomi = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'annomi.codebook.yaml'), 'utf8'), 'annomi').codebook!;

const FIRST = [
  '---',
  'session: 1',
  'client: C-1',
  'mi_quality: high',
  'tags: [smoking, Alcohol]',
  'speakers: { T: therapist, C: client }',
  'goals:',
  '  - { id: sleep, text: Sleep better }',
  '---',
  '',
  'T: Welcome. {other}',
  '',
  '## Beginning',
  '',
  'T: What brings you here? {question.open}',
  'C: I drink too much. {change}',
  '',
  '> Said it straight away.',
  '',
  '## Middle — the drinking',
  '',
  'T: You feel sad about it. {reflection.complex} {#sleep}',
  'C: Sad, not saddled. {neutral}',
  'T: It matters to you. {reflection} Shall we look at it? {question.closed}',
  'X: Anyone there?',
  '',
].join('\n');

const SECOND = [
  '---',
  'session: 2',
  'client: C-1',
  'mi_quality: low',
  'speakers: { T: therapist, C: client }',
  '---',
  '',
  '## Middle',
  '',
  'T: So you drink. {reflection.simple}',
  'C: I won’t stop. {sustain}',
  '',
].join('\n');

const inputs: QueryInput[] = [
  { file: 'a.session.md', session: parseSession(FIRST), codebook: annomi },
  { file: 'b.session.md', session: parseSession(SECOND), codebook: annomi },
];

function condition(text: string): TurnCondition {
  const result = parseTurnQuery(text);
  if ('error' in result) assert.fail(result.error.message);
  return result.condition;
}

/** The matches as `file#turn` (and `.utterance`). */
function found(query: string | undefined, options: Parameters<typeof findSegments>[2] = {}, from: QueryInput[] = inputs): string[] {
  return findSegments(from, query === undefined ? undefined : condition(query), options).map(
    (m) => `${m.file[0]}#${m.turn.index}${m.utterance === undefined ? '' : `.${m.utterance}`}`,
  );
}

describe('finding segments', () => {
  it('matches a parent id on its children, and not a child id on its bare parent', () => {
    assert.deepEqual(found('code:reflection'), ['a#4', 'a#6', 'b#1']);
    assert.deepEqual(found('code:reflection.complex'), ['a#4']);
    assert.deepEqual(found('code:question'), ['a#2', 'a#6']);
  });

  it('matches a group of the codebook on its codes and their children', () => {
    assert.deepEqual(found('code:client-talk'), ['a#3', 'a#5', 'b#2']);
    assert.deepEqual(found('code:therapist-behaviour'), ['a#1', 'a#2', 'a#4', 'a#6', 'b#1']);
    // Without the codebook a group name is only an id, which no turn carries.
    assert.deepEqual(found('code:client-talk', {}, [{ file: 'a', session: inputs[0]!.session }]), []);
  });

  it('matches phases by name, alias or heading, speakers, roles, goals and front-matter fields', () => {
    assert.deepEqual(found('phase:middle'), ['a#4', 'a#5', 'a#6', 'a#7', 'b#1', 'b#2']);
    assert.deepEqual(found('phase:"Middle — the drinking"'), ['a#4', 'a#5', 'a#6', 'a#7']);
    assert.deepEqual(found('speaker:x'), ['a#7']);
    assert.deepEqual(found('role:client'), ['a#3', 'a#5', 'b#2']);
    assert.deepEqual(found('goal:sleep'), ['a#4']);
    assert.deepEqual(found('mi_quality=LOW'), ['b#1', 'b#2']);
    assert.deepEqual(found('tags=alcohol and role:client'), ['a#3', 'a#5']);
    assert.deepEqual(found('session=2 and role:therapist'), ['b#1']);
    assert.deepEqual(found('nothing=here'), []);
  });

  it('matches text, memos and codes present, and combines with and, or and not', () => {
    assert.deepEqual(found('text:sad'), ['a#4', 'a#5']);
    assert.deepEqual(found('text:/won.t/i'), ['b#2']);
    assert.deepEqual(found('has:memo'), ['a#3']);
    assert.deepEqual(found('not has:code'), ['a#7']);
    assert.deepEqual(found('has:goal'), ['a#4']);
    assert.deepEqual(found('(code:reflection or code:change) and not mi_quality=low'), ['a#3', 'a#4', 'a#6']);
    assert.deepEqual(found('role:therapist and not code:question and phase:middle'), ['a#4', 'b#1']);
  });

  it('gives every turn without a condition, and each coded utterance with unit utterance', () => {
    assert.equal(found(undefined).length, 9);
    assert.deepEqual(found('code:reflection', { unit: 'utterance' }), ['a#4.1', 'a#6.1', 'b#1.1']);
    assert.deepEqual(found('code:question', { unit: 'utterance' }), ['a#2.1', 'a#6.2']);
    assert.deepEqual(found('text:look', { unit: 'utterance' }), ['a#6.2']);
    assert.deepEqual(found('role:therapist and phase:middle', { unit: 'utterance' }), ['a#4.1', 'a#6.1', 'a#6.2', 'b#1.1']);
  });

  it('gives the phase as the export does, and the turns around a match within its session', () => {
    const [match] = findSegments(inputs, condition('code:change'), { context: 2 });
    assert.equal(match?.phase, 'Beginning');
    assert.deepEqual(
      match?.before.map((t) => t.index),
      [1, 2],
    );
    assert.deepEqual(
      match?.after.map((t) => t.index),
      [4, 5],
    );
    const last = findSegments(inputs, condition('code:sustain'), { context: 3 })[0]!;
    assert.deepEqual(
      last.before.map((t) => t.index),
      [1],
    );
    assert.deepEqual(last.after, []);
    assert.equal(findSegments(inputs, condition('code:other'))[0]?.phase, null);
    assert.deepEqual(findSegments(inputs, condition('code:change'))[0]?.before, []);
  });
});

describe('notes on what nothing searched knows', () => {
  it('names each code, field, phase, speaker and goal that no input knows, with the closest known name', () => {
    assert.deepEqual(unknownTermNotes(inputs, condition('code:refelction or not (mi_qualty=high and phase:midle) or speaker:y or goal:slep')), [
      'code:refelction: no codebook in force and no turn has this code or group (did you mean reflection?)',
      "mi_qualty=: no session's front matter has this field (did you mean mi_quality?)",
      'phase:midle: no phase model or heading has this name (did you mean Middle?)',
      'speaker:y: no session has this speaker',
      'goal:slep: no session declares or references this goal (did you mean sleep?)',
    ]);
  });

  it('knows the codes and groups of the codebook, parents of codes, and what the sessions hold', () => {
    const known =
      'code:sustain.x or code:client-talk or code:reflection or code:input or phase:"Middle — the drinking" or phase:termination or speaker:X or goal:sleep or tags=x';
    // sustain.x is neither defined nor written; the rest are known.
    assert.deepEqual(unknownTermNotes(inputs, condition(known)), [
      'code:sustain.x: no codebook in force and no turn has this code or group (did you mean sustain?)',
    ]);
    assert.deepEqual(unknownTermNotes(inputs, undefined), []);
  });
});

describe('collecting memos', () => {
  it('gives each memo with its file, turn, phase and the codes of the turn it follows', () => {
    const memos = collectMemos(inputs);
    assert.equal(memos.length, 1);
    const [memo] = memos;
    assert.equal(memo?.file, 'a.session.md');
    assert.equal(memo?.turn.index, 3);
    assert.equal(memo?.phase, 'Beginning');
    assert.equal(memo?.memo.text, 'Said it straight away.');
    assert.deepEqual(memo?.codes, ['change']);
  });
});
