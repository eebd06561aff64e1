import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { exportRows, exportUtteranceRows, formatExport } from '../../src/core';
import { readCsv } from '../../src/core/research/import';
import { EXPORT_COLUMNS, exportCsv, exportJsonl, UTTERANCE_EXPORT_COLUMNS } from '../../src/core/research/export';
import { parseSession } from '../../src/core/parse/session';

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

  it('makes one row per turn with the phase, timestamp as hh:mm:ss and in seconds, role, codes, goals and memos', () => {
    assert.deepEqual(
      rows.map((r) => [r.phase, r.turn, r.timestamp, r.seconds, r.speaker, r.role, r.codes, r.goals, r.memo]),
      [
        [null, 1, null, null, 'T', 'therapist', [], [], null],
        ['Middle', 2, '01:02:03', 3723, 'T', 'therapist', ['reframe', 'open-question'], [], 'first memo | second, with a | bar'],
        ['Middle school', 3, null, null, 'X', null, [], ['sleep', 'sleep'], null],
        ['Middle school', 4, null, null, 'C', 'client', [], [], null],
      ],
    );
    assert.equal(rows[1]!.text, 'He said "no", then left,');
    assert.deepEqual([rows[0]!.file, rows[0]!.client, rows[0]!.session, rows[0]!.date], ['dir/a b.session.md', 'C-017', 3, '2026-03-14']);
  });

  it('writes every valid timestamp in one format, hh:mm:ss, with a seconds column, and the codebook the front matter names', () => {
    const text = [
      '---',
      'codebook: miti-4.2.1',
      'speakers: { T: therapist, C: client }',
      '---',
      '',
      '[00:03] T: Minutes and seconds.',
      '[1:02:03] C: One digit of hours.',
      '[01:02:03,5] T: A fraction after a comma.',
      '[00:00:07.250] C: Milliseconds.',
      '[00:61:00] T: Malformed, kept as written.',
      'C: No timestamp.',
      '',
    ].join('\n');
    const timed = exportRows(parseSession(text), 'a.session.md');
    assert.deepEqual(
      timed.map((r) => [r.timestamp, r.seconds]),
      [
        ['00:00:03', 3],
        ['01:02:03', 3723],
        ['01:02:03.5', 3723.5],
        ['00:00:07.250', 7.25],
        ['00:61:00', null],
        [null, null],
      ],
    );
    assert.deepEqual(new Set(timed.map((r) => r.codebook)), new Set(['miti-4.2.1']));
    assert.match(exportCsv(timed), /,00:00:03,T,therapist,Minutes and seconds\.,,,,3,miti-4\.2\.1\n/);
  });

  it('writes RFC 4180 CSV that reads back to the same values', () => {
    const csv = exportCsv(rows);
    assert.ok(csv.startsWith('file,client,session,date,phase,turn,timestamp,speaker,role,text,codes,goals,memo,seconds,codebook\n'));
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
    assert.deepEqual(objects[0], {
      file: 'dir/a b.session.md',
      client: 'C-017',
      session: 3,
      date: '2026-03-14',
      phase: null,
      turn: 1,
      timestamp: null,
      speaker: 'T',
      role: 'therapist',
      text: 'Before any heading.',
      codes: [],
      goals: [],
      memo: null,
      seconds: null,
      codebook: null,
    });
    assert.equal(objects[3]!['text'], 'Üñíçødé — “quotes” and a tab here.');
  });

  describe('cells a spreadsheet would run as formulas', () => {
    // OWASP's CSV-injection list (= + - @ tab CR LF), their full-width forms, and a leading ' (so that reading back is unambiguous).
    const TRIGGER = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20']/;
    const TEXTS = [
      '=1+2',
      '-ish, I guess',
      '+44 is the code',
      '@SUM(A1:A9)',
      "'tis what it is",
      "''quoted twice",
      "'=1+2 quoted",
      '\uFF1D1+2 full width',
      'plain words',
    ];
    const session = [
      '---',
      'session: 1',
      'client: "+C-017"',
      'speakers: { T: therapist, C: client }',
      '---',
      '',
      '# Session 1',
      '',
      '## =Phase',
      '',
      ...TEXTS.flatMap((text, i) => [`${i % 2 === 0 ? 'T' : 'C'}: ${text}`, '']),
      '> Memo: -1 point',
      '',
    ].join('\n');
    const formulaRows = exportRows(parseSession(session), '-dash.session.md');
    const cells = (csv: string): string[] => (parse(csv) as string[][]).flat();
    const mapping = { speakerColumn: 'speaker', textColumn: 'text' };

    it("quotes them with a leading ' by default, in every column, and writes them exactly with exact", () => {
      assert.deepEqual(
        formulaRows.map((r) => r.text),
        TEXTS,
      );
      const safe = exportCsv(formulaRows);
      const unsafe = cells(safe).filter((cell) => TRIGGER.test(cell) && !(cell.startsWith("'") && TRIGGER.test(cell.slice(1))));
      assert.deepEqual(unsafe, [], 'every cell that starts like a formula (or with a quote) is quoted');
      const records = parse(safe, { columns: true }) as Record<string, string>[];
      assert.deepEqual(
        records.map((r) => r['text']),
        [
          "'=1+2",
          "'-ish, I guess",
          "'+44 is the code",
          "'@SUM(A1:A9)",
          "''tis what it is",
          "'''quoted twice",
          "''=1+2 quoted",
          "'\uFF1D1+2 full width",
          'plain words',
        ],
      );
      assert.deepEqual(
        [records[0]!['file'], records[0]!['client'], records[0]!['phase'], records.at(-1)!['memo']],
        ["'-dash.session.md", "'+C-017", "'=Phase", "'-1 point"],
      );
      const exact = parse(exportCsv(formulaRows, { exact: true }), { columns: true }) as Record<string, string>[];
      assert.deepEqual(
        exact.map((r) => r['text']),
        TEXTS,
      );
      assert.deepEqual([exact[0]!['file'], exact[0]!['client'], exact[0]!['phase']], ['-dash.session.md', '+C-017', '=Phase']);
    });

    it('reads both back to the exact text: the default CSV by default, the exact one with exact', () => {
      const texts = (csv: string, exact: boolean): string[] => readCsv(csv, { ...mapping, exact })[0]!.utterances.map((u) => u.text);
      assert.deepEqual(texts(exportCsv(formulaRows), false), TEXTS);
      assert.deepEqual(texts(exportCsv(formulaRows, { exact: true }), true), TEXTS);
      // An exact CSV read without exact loses only a quote that the default export would have added itself.
      const misread = texts(exportCsv(formulaRows, { exact: true }), false);
      assert.deepEqual(
        TEXTS.filter((t, i) => misread[i] !== t),
        ["''quoted twice", "'=1+2 quoted"],
      );
    });
  });

  describe('by utterance', () => {
    const text = [
      '---',
      'session: 4',
      'client: C-017',
      '---',
      '',
      '## Middle',
      '',
      "[00:10:15] T: You're saying you feel alone. {reflection.simple} That must be",
      'hard, and you still came. {reflection.complex | adds} {affirm} Take your time.',
      '',
      '> Memo: a memo stays with the turn',
      '',
      'C: Okay.',
      "T: {question} What's next? {#sleep}",
      'C: -ish, I guess. {neutral}',
      '',
    ].join('\n');
    const utterances = exportUtteranceRows(parseSession(text), 'a.session.md');

    it('makes one row per coded utterance, with the turn it is in, its number in the turn, its words and its codes', () => {
      assert.deepEqual(
        utterances.map((r) => [r.phase, r.turn, r.utterance, r.timestamp, r.speaker, r.role, r.text, r.codes]),
        [
          ['Middle', 1, 1, '00:10:15', 'T', 'therapist', "You're saying you feel alone.", ['reflection.simple']],
          ['Middle', 1, 2, '00:10:15', 'T', 'therapist', 'That must be hard, and you still came.', ['reflection.complex', 'affirm']],
          ['Middle', 3, 1, null, 'T', 'therapist', "What's next?", ['question']],
          ['Middle', 4, 1, null, 'C', 'client', '-ish, I guess.', ['neutral']],
        ],
      );
      assert.deepEqual([utterances[0]!.file, utterances[0]!.client, utterances[0]!.session, utterances[0]!.date], ['a.session.md', 'C-017', 4, null]);
    });

    it('gives one row per turn for a turn coded at its end, with the words of the turn export', () => {
      const session = parseSession(SESSION);
      const byTurn = exportRows(session, 'x').filter((r) => r.codes.length > 0);
      assert.deepEqual(
        exportUtteranceRows(session, 'x').map((r) => [r.turn, r.utterance, r.text, r.codes]),
        byTurn.map((r) => [r.turn, 1, r.text, r.codes]),
      );
    });

    it('writes CSV and JSON Lines with the utterance columns, spreadsheet-safe unless exact', () => {
      const csv = formatExport(utterances, 'csv', { unit: 'utterance' });
      assert.ok(csv.startsWith('file,client,session,date,phase,turn,utterance,timestamp,speaker,role,text,codes,seconds\n'));
      const records = parse(csv, { columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(records[0]!), [...UTTERANCE_EXPORT_COLUMNS]);
      assert.deepEqual(
        records.map((r) => [r['turn'], r['utterance'], r['text'], r['codes']]),
        [
          ['1', '1', "You're saying you feel alone.", 'reflection.simple'],
          ['1', '2', 'That must be hard, and you still came.', 'reflection.complex;affirm'],
          ['3', '1', "What's next?", 'question'],
          ['4', '1', "'-ish, I guess.", 'neutral'],
        ],
      );
      const exact = parse(formatExport(utterances, 'csv', { unit: 'utterance', exact: true }), { columns: true }) as Record<string, string>[];
      assert.equal(exact[3]!['text'], '-ish, I guess.');
      const lines = formatExport(utterances, 'jsonl', { unit: 'utterance' })
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(lines[1], {
        file: 'a.session.md',
        client: 'C-017',
        session: 4,
        date: null,
        phase: 'Middle',
        turn: 1,
        utterance: 2,
        timestamp: '00:10:15',
        speaker: 'T',
        role: 'therapist',
        text: 'That must be hard, and you still came.',
        codes: ['reflection.complex', 'affirm'],
        seconds: 615,
      });
      assert.equal(formatExport([], 'csv', { unit: 'utterance' }), `${UTTERANCE_EXPORT_COLUMNS.join(',')}\n`);
    });
  });
});
