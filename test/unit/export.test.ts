import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { EXPORT_COLUMNS, exportCsv, exportJsonl, exportRows, parseSession } from '../../src/core';

const SESSION = [
  '---',
  'session: 3',
  'date: 2026-03-14',
  'client: C-017',
  'speakers: { T: therapist, C: client }',
  'goals:',
  '  - { id: sleep, text: Sleep }',
  '---',
  '',
  '# Session 3',
  '',
  'T: Before any heading.',
  '',
  '## Working phase — assessment',
  '',
  '[1:02:03] T: He said "no", then left, {reframe | "never" -> "not yet"} {open-question}',
  '',
  '> Memo: first memo',
  '',
  '> Memo: second, with a | bar',
  '',
  '## Middle school',
  '',
  'X: Who is this? {#sleep} {#sleep}',
  'C: Üñíçødé — “quotes” and a tab\there.',
  '',
].join('\n');

describe('export', () => {
  const rows = exportRows(parseSession(SESSION), 'dir/a b.session.md');

  it('makes one row per turn with the phase, timestamp as written, role, codes, goals and memos', () => {
    assert.deepEqual(
      rows.map((r) => [r.phase, r.turn, r.timestamp, r.speaker, r.role, r.codes, r.goals, r.memo]),
      [
        [null, 1, null, 'T', 'therapist', [], [], null],
        ['Middle', 2, '1:02:03', 'T', 'therapist', ['reframe', 'open-question'], [], 'first memo | second, with a | bar'],
        ['Middle school', 3, null, 'X', null, [], ['sleep', 'sleep'], null],
        ['Middle school', 4, null, 'C', 'client', [], [], null],
      ],
    );
    assert.equal(rows[1]!.text, 'He said "no", then left,');
    assert.deepEqual([rows[0]!.file, rows[0]!.client, rows[0]!.session, rows[0]!.date], ['dir/a b.session.md', 'C-017', 3, '2026-03-14']);
  });

  it('writes RFC 4180 CSV that reads back to the same values', () => {
    const csv = exportCsv(rows);
    assert.ok(csv.startsWith('file,client,session,date,phase,turn,timestamp,speaker,role,text,codes,goals,memo\n'));
    assert.ok(!csv.includes('\r'));
    assert.match(csv, /,"He said ""no"", then left,",reframe;open-question,,/);
    const back = parse(csv, { columns: true }) as Record<string, string>[];
    assert.equal(back.length, rows.length);
    back.forEach((record, i) => {
      const row = rows[i]!;
      for (const key of EXPORT_COLUMNS) {
        const value = row[key];
        const expected = value === null ? '' : Array.isArray(value) ? value.join(';') : String(value);
        assert.equal(record[key], expected, `${key} of row ${i + 1}`);
      }
    });
  });

  it('writes a header even without rows, and a BOM only when asked', () => {
    assert.equal(exportCsv([]), `${EXPORT_COLUMNS.join(',')}\n`);
    assert.ok(exportCsv(rows, { bom: true }).startsWith('\uFEFFfile,'));
    assert.ok(!exportCsv(rows).startsWith('\uFEFF'));
  });

  it('writes JSON Lines with the same keys, numbers as numbers, arrays for codes and goals, null where missing', () => {
    const lines = exportJsonl(rows).split('\n');
    assert.equal(lines.pop(), '');
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(Object.keys(objects[0]!), [...EXPORT_COLUMNS]);
    assert.deepEqual(objects[0], { file: 'dir/a b.session.md', client: 'C-017', session: 3, date: '2026-03-14', phase: null, turn: 1, timestamp: null, speaker: 'T', role: 'therapist', text: 'Before any heading.', codes: [], goals: [], memo: null });
    assert.equal(objects[3]!['text'], 'Üñíçødé — “quotes” and a tab here.');
  });
});
