import { strict as assert } from 'node:assert';
import { parseSession } from '../../src/core/parse/session';
import { codeCooccurrence, cooccurrenceByField } from '../../src/core/research/cooccurrence';

// Issue 17, item 4: the number of turns (or volleys) that carry both codes of a pair, counted here
// by hand from the transcripts below.

const session = (quality: string, body: string[]) =>
  parseSession(['---', 'session: 1', 'client: C-001', `mi_quality: ${quality}`, '---', '', '## Beginning', '', ...body, ''].join('\n'));

const HIGH = session('high', [
  'T: How was the week? {open-question} {agenda}',
  'C: Better. {change-talk}',
  'T: Better. {reflection.simple}',
  'T: What made it better? {open-question} {open-question}',
  'C: I slept. {change-talk} {neutral}',
  'T: Thanks.',
]);
const LOW = session('low', ['T: You should stop. {confront} {advise}', 'C: No. {sustain-talk}']);

describe('code co-occurrence (issue 17, item 4)', () => {
  it('counts per turn the pairs each turn carries, a code written twice in a turn once', () => {
    const table = codeCooccurrence([HIGH]);
    assert.deepEqual(table.pairs, [
      { a: 'agenda', b: 'open-question', units: 1 },
      { a: 'change-talk', b: 'neutral', units: 1 },
    ]);
    assert.deepEqual([table.units, table.codedUnits], [6, 5]);
    assert.deepEqual(
      table.codes.find((c) => c.id === 'open-question'),
      { id: 'open-question', units: 2 },
    );
  });

  it('counts per volley the pairs of a speaker’s turns in a row: the reflection and the question that follows it', () => {
    const table = codeCooccurrence([HIGH], 'volley');
    assert.deepEqual(table.pairs, [
      { a: 'agenda', b: 'open-question', units: 1 },
      { a: 'change-talk', b: 'neutral', units: 1 },
      { a: 'open-question', b: 'reflection.simple', units: 1 },
    ]);
    assert.deepEqual([table.units, table.codedUnits], [5, 4]);
  });

  it('gives one table per value of a front-matter field, as stats --by does, the corpus split exactly', () => {
    const groups = cooccurrenceByField([HIGH, LOW, HIGH], 'mi_quality');
    assert.deepEqual(
      groups.map((g) => [g.group, g.table.sessions, g.table.pairs]),
      [
        [
          'high',
          2,
          [
            { a: 'agenda', b: 'open-question', units: 2 },
            { a: 'change-talk', b: 'neutral', units: 2 },
          ],
        ],
        ['low', 1, [{ a: 'advise', b: 'confront', units: 1 }]],
      ],
    );
  });
});
