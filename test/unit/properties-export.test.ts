import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { exportRows, type Session } from '../../src/core';
import { buildSession, readCsv } from '../../src/core/research/import';
import { exportCsv, exportJsonl } from '../../src/core/research/export';
import { parseSession } from '../../src/core/parse/session';
import type { Role } from '../../src/core/model';
import { runs, SEED } from '../support/fuzz';
import { makeWorkspace, runCli } from '../support/workspace';

// An export followed by an import keeps every turn, its speaker and role, its words, its codes, its
// goal references and its time. The only importer of an export format is CSV → CSV (JSONL is for
// pandas and R, and no importer writes it back). What the CSV import leaves out by design: memos
// (it reads speaker, text, time, code and goal columns only), phase headings, code notes, the
// goals' own text (the rows name goals by id), fractions of a second, and a second copy of a code
// or goal on one turn. The CSV and JSONL rows themselves keep memos and phases, as the tests below show.
// Read as a session-md export (its header), an import also restores memos, phases, roles, fractions
// and repeated codes: exporting the restored sessions gives the same bytes.

const SPEAKERS: [string, Role][] = [
  ['T', 'therapist'],
  ['C', 'client'],
  ['Dr. K', 'therapist'],
  ['Mother', 'other'],
  ['P2', 'other'],
  ['Zoë', 'client'],
];
const GOALS = ['sleep', 'mood-2', 'work_1', 'walk.daily'];
const CORE_CODES = [
  'open-question',
  'closed-question',
  'reflection',
  'reflection.simple',
  'reflection.complex',
  'reframe',
  'psychoeducation',
  'homework',
  'summary',
  'affirmation',
  'other',
  'change-talk',
  'sustain-talk',
  'neutral',
];
// Words that may start a continuation line without starting a block or a turn.
// Some start like spreadsheet formulas (= + - @, full-width ＝, a quote before one), which the default CSV quotes and the import unquotes.
const WORDS = [
  'well',
  'I',
  'think',
  'so',
  'it',
  'was',
  'hard',
  'café',
  'naïve',
  'Grüße',
  '日本語',
  '😀',
  '(pause)',
  '(laughs)',
  '[inaudible]',
  '[redacted]',
  'and,',
  'then?',
  'yes!',
  '"quoted"',
  '50%',
  'a&b',
  '*star*',
  '_under_',
  'back\\slash',
  '#hash',
  'x|y',
  '->',
  "it's",
  'semi;colon',
  'comma,separated',
  '=1+2',
  '+44',
  '-ish',
  '@home',
  "'tis",
  "''",
  "'=x",
  '＝A1',
];
// What a spreadsheet reads as a formula at the start of a cell (OWASP's list and the full-width forms).
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A turn the generator writes, and what it should read back as. */
interface GeneratedTurn {
  label: string;
  role: Role;
  words: string[];
  codes: { id: string; note?: string; after: number }[];
  goals: { id: string; after: number }[];
  /** Seconds, possibly with a fraction; absent without a timestamp. */
  seconds?: number;
  lines: number;
  memo?: string;
}

interface GeneratedSession {
  speakers: [string, Role][];
  goals: string[];
  turns: GeneratedTurn[];
  phases: boolean;
  compact: boolean;
}

function sessionArbitrary(): fc.Arbitrary<GeneratedSession> {
  return fc
    .record({
      speakers: fc.subarray(SPEAKERS, { minLength: 1 }),
      goals: fc.subarray(GOALS),
      timestamps: fc.constantFrom('none', 'some', 'all'),
      phases: fc.boolean(),
      compact: fc.boolean(),
      count: fc.integer({ min: 1, max: 12 }),
    })
    .chain(({ speakers, goals, timestamps, phases, compact, count }) => {
      const turn = fc.record({
        speaker: fc.constantFrom(...speakers),
        words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }),
        codes: fc.uniqueArray(
          fc.record({ id: fc.constantFrom(...CORE_CODES), note: fc.option(fc.constantFrom('a -> b', 'why?', 'Übung'), { nil: undefined }), after: fc.nat() }),
          { maxLength: 3, selector: (c) => c.id },
        ),
        goals:
          goals.length > 0
            ? fc.array(fc.record({ id: fc.constantFrom(...goals), after: fc.nat() }), { maxLength: 2 })
            : fc.constant<{ id: string; after: number }[]>([]),
        stamped: timestamps === 'all' ? fc.constant(true) : timestamps === 'none' ? fc.constant(false) : fc.boolean(),
        gap: fc.integer({ min: 0, max: 4000 }),
        fraction: fc.option(fc.constantFrom(0.25, 0.5), { nil: undefined }),
        lines: fc.integer({ min: 1, max: 3 }),
        memo: fc.option(fc.constantFrom('first reflection; the client relaxes', 'Homework agreed — check next week', '-1 for the homework', "'tis done"), {
          nil: undefined,
        }),
      });
      return fc.array(turn, { minLength: count, maxLength: count }).map((drawn) => {
        let clock = 0;
        const turns: GeneratedTurn[] = drawn.map((t) => {
          clock += t.gap;
          const g: GeneratedTurn = {
            label: t.speaker[0],
            role: t.speaker[1],
            words: t.words,
            codes: t.codes,
            goals: t.goals,
            lines: Math.min(t.lines, t.words.length),
          };
          if (t.stamped) g.seconds = clock + (t.fraction ?? 0);
          if (t.memo) g.memo = t.memo;
          return g;
        });
        return { speakers, goals, turns, phases, compact };
      });
    });
}

function clock(seconds: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const whole = Math.floor(seconds);
  const fraction = seconds === whole ? '' : `.${String(Math.round((seconds - whole) * 1000)).padStart(3, '0')}`;
  const mmss = `${two(Math.floor(whole / 60) % 60)}:${two(whole % 60)}${fraction}`;
  return whole < 3600 && whole % 2 === 0 ? `[${mmss}]` : `[${two(Math.floor(whole / 3600))}:${mmss}]`;
}

/** The `.session.md` text of a generated session: codes and goal references among the words, turns over several lines. */
function writeSession(s: GeneratedSession): string {
  const fm = ['---', 'session: 1', 'speakers:', ...s.speakers.map(([label, role]) => `  ${label}: ${role}`), 'codebook: core'];
  if (s.goals.length > 0) fm.push('goals:', ...s.goals.flatMap((id) => [`  - id: ${id}`, `    text: Goal ${id}`]));
  const lines = [...fm, '---', '', '# Session 1'];
  const third = Math.ceil(s.turns.length / 3);
  s.turns.forEach((turn, i) => {
    if (s.phases && i % third === 0) lines.push('', `## ${['Beginning', 'Middle', 'Termination'][i / third]}`);
    if (!s.compact || i === 0 || s.turns[i - 1]!.memo) lines.push('');
    const tokens = turn.words.map((w) => [w]);
    for (const c of turn.codes) tokens[c.after % tokens.length]!.push(c.note ? `{${c.id} | ${c.note}}` : `{${c.id}}`);
    for (const g of turn.goals) tokens[g.after % tokens.length]!.push(`{#${g.id}}`);
    const perLine = Math.ceil(tokens.length / turn.lines);
    const body: string[] = [];
    for (let at = 0; at < tokens.length; at += perLine)
      body.push(
        tokens
          .slice(at, at + perLine)
          .flat()
          .join(' '),
      );
    const stamp = turn.seconds === undefined ? '' : `${clock(turn.seconds)} `;
    lines.push(`${stamp}${turn.label}: ${body[0]}`, ...body.slice(1));
    if (turn.memo) lines.push('', `> Memo: ${turn.memo}`, '');
  });
  return `${lines.join('\n')}\n`;
}

/** The codes of a generated turn in the order they appear in its text. */
function codeOrder(turn: GeneratedTurn): string[] {
  return turn.words.flatMap((_, w) => turn.codes.filter((c) => c.after % turn.words.length === w).map((c) => c.id));
}
function goalOrder(turn: GeneratedTurn): string[] {
  return turn.words.flatMap((_, w) => turn.goals.filter((g) => g.after % turn.words.length === w).map((g) => g.id));
}

/** What every turn of a session says, in the terms an import can keep. */
function turnsOf(session: Session): { label: string; role: string | undefined; text: string; codes: string[]; goals: string[]; seconds: number | undefined }[] {
  return session.turns.map((t) => ({
    label: t.label,
    role: t.role,
    text: t.text,
    codes: t.codes.map((c) => c.id),
    goals: [...new Set(t.goals.map((g) => g.id))],
    seconds: t.timestamp?.seconds === undefined ? undefined : Math.floor(t.timestamp.seconds),
  }));
}

/** The CSV export of a session imported back, as `session-md import --from csv --time-column timestamp --code-columns codes --goal-columns goals` does (both with `--csv-exact` when `exact`). */
function csvRoundTrip(session: Session, speakers: [string, Role][], exact = false): Session {
  const csv = exportCsv(exportRows(session, 'x.session.md'), { exact });
  const [imported] = readCsv(csv, {
    speakerColumn: 'speaker',
    textColumn: 'text',
    timeColumn: 'timestamp',
    codeColumns: ['codes'],
    goalColumns: ['goals'],
    exact,
  });
  const built = buildSession(imported!.utterances, { title: 'Imported', source: 'x.csv', codebook: 'core', roles: new Map(speakers) });
  return parseSession(built.text);
}

describe('properties of export and import', function () {
  it('reads a generated session as written: every turn, speaker, role, code, goal, time and memo', () => {
    fc.assert(
      fc.property(sessionArbitrary(), (generated) => {
        const session = parseSession(writeSession(generated));
        assert.deepEqual(
          session.turns.map((t) => ({
            label: t.label,
            role: t.role,
            text: t.text,
            codes: t.codes.map((c) => c.id),
            goals: t.goals.map((g) => g.id),
            seconds: t.timestamp?.seconds,
            memos: t.memos.map((m) => m.text),
          })),
          generated.turns.map((t) => ({
            label: t.label,
            role: t.role,
            text: t.words.join(' '),
            codes: codeOrder(t),
            goals: goalOrder(t),
            seconds: t.seconds,
            memos: t.memo ? [t.memo] : [],
          })),
        );
      }),
      runs(150),
    );
  });

  it('keeps every turn, speaker, role, text, code, goal and whole second through CSV export and CSV import, spreadsheet-safe or exact', () => {
    fc.assert(
      fc.property(sessionArbitrary(), (generated) => {
        const session = parseSession(writeSession(generated));
        assert.deepEqual(turnsOf(csvRoundTrip(session, generated.speakers)), turnsOf(session));
        assert.deepEqual(turnsOf(csvRoundTrip(session, generated.speakers, true)), turnsOf(session));
      }),
      runs(150),
    );
  });

  it('writes no cell that a spreadsheet would run as a formula by default', () => {
    fc.assert(
      fc.property(sessionArbitrary(), (generated) => {
        const cells = (parse(exportCsv(exportRows(parseSession(writeSession(generated)), '-x.session.md'))) as string[][]).flat();
        assert.deepEqual(
          cells.filter((cell) => FORMULA_START.test(cell)),
          [],
        );
      }),
      runs(100),
    );
  });

  it('keeps goals, memos and phases in the exact CSV (--csv-exact) and JSONL rows, as pandas or R read them', () => {
    fc.assert(
      fc.property(sessionArbitrary(), (generated) => {
        const session = parseSession(writeSession(generated));
        const rows = exportRows(session, 'x.session.md');
        const expected = rows.map((r) => [
          r.turn,
          r.speaker,
          r.role,
          r.text,
          r.codes.join(';'),
          r.goals.join(';'),
          r.memo ?? '',
          r.phase ?? '',
          r.timestamp ?? '',
        ]);
        const csv = parse(exportCsv(rows, { exact: true }), { columns: true }) as Record<string, string>[];
        assert.deepEqual(
          csv.map((r) => [Number(r['turn']), r['speaker'], r['role'], r['text'], r['codes'], r['goals'], r['memo'], r['phase'], r['timestamp']]),
          expected,
        );
        const jsonl = exportJsonl(rows)
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        assert.deepEqual(
          jsonl,
          rows.map((r) => ({ ...r })),
        );
        assert.deepEqual(
          rows.map((r) => r.goals),
          generated.turns.map(goalOrder),
        );
      }),
      runs(100),
    );
  });

  it('exports generated sessions restored by `session-md import --from csv` byte for byte as the originals, spreadsheet-safe or exact', async () => {
    const generated = fc.sample(sessionArbitrary(), { seed: SEED, numRuns: 8 });
    const ws = makeWorkspace(Object.fromEntries(generated.map((g, i) => [`in/s${i}.session.md`, writeSession(g)])));
    try {
      for (const exact of [[], ['--csv-exact']]) {
        const out = `out${exact.length}`;
        assert.equal((await runCli(['export', '.', ...exact, '--out', `../${out}.csv`], ws.path('in'))).code, 0);
        const imported = await runCli(['import', `${out}.csv`, '--from', 'csv', ...exact, '--out', out], ws.dir);
        assert.ok(imported.code === 0 || imported.code === 1, imported.stderr);
        const second = await runCli(['export', '.', ...exact], ws.path(out));
        assert.equal(second.stdout, readFileSync(ws.path(`${out}.csv`), 'utf8'));
      }
    } finally {
      ws.dispose();
    }
  });

  it('round-trips a folder through `session-md export` and `session-md import --split-by file`', async () => {
    const generated = fc.sample(sessionArbitrary(), { seed: SEED, numRuns: 3 });
    const speakers = new Map(generated.flatMap((g) => g.speakers));
    const ws = makeWorkspace(Object.fromEntries(generated.map((g, i) => [`in/s${i}.session.md`, writeSession(g)])));
    try {
      const exported = await runCli(['export', 'in', '--format', 'csv', '--out', 'all.csv'], ws.dir);
      assert.equal(exported.code, 0, exported.stderr);
      const roleMap = [...speakers].map(([label, role]) => `${label}=${role}`).join(',');
      const imported = await runCli(
        [
          'import',
          'all.csv',
          '--from',
          'csv',
          '--time-column',
          'timestamp',
          '--code-columns',
          'codes',
          '--goal-columns',
          'goals',
          '--split-by',
          'file',
          '--out',
          'out',
          '--role-map',
          roleMap,
          '--codebook',
          'core',
        ],
        ws.dir,
      );
      assert.ok(imported.code === 0 || imported.code === 1, imported.stderr);
      const files = readdirSync(ws.path('out')).sort();
      assert.equal(files.length, generated.length);
      files.forEach((file, i) => {
        const original = parseSession(readFileSync(ws.path(`in/s${i}.session.md`), 'utf8'));
        assert.deepEqual(turnsOf(parseSession(readFileSync(join(ws.path('out'), file), 'utf8'))), turnsOf(original), file);
      });
    } finally {
      ws.dispose();
    }
  });
});
