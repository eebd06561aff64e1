import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { Linter, type Session } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { ANNOMI_CSV as CSV, annomiImportArgs, loadAnnomi, requireAnnomi, type AnnomiRow } from '../support/annomi';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// The acceptance test of the importer: all of AnnoMI (133 real, expert-annotated transcripts,
// 9,699 utterances) comes back utterance by utterance, and each session lints clean apart
// from phase-missing (the CSV has no phases).
const MAPPING = annomiImportArgs();

const words = (text: string): string => text.replace(/\{/g, '(').replace(/\}/g, ')').replace(/`/g, "'").replace(/\s+/g, ' ').trim();
const codesOf = (row: AnnomiRow): string[] =>
  [row.therapistBehaviour === 'therapist_input' ? 'input' : row.therapistBehaviour, row.clientTalkType].filter((c): c is string => c !== null);
const clock = (seconds: number): string =>
  [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');

describe('importing AnnoMI (acceptance)', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let result: Awaited<ReturnType<typeof runCli>>;
  let transcripts: Map<number, AnnomiRow[]>;
  const sessions = new Map<string, { text: string; session: Session }>();

  before(async function () {
    requireAnnomi(this);
    transcripts = loadAnnomi(CSV);
    ws = makeWorkspace({});
    result = await runCli(['import', CSV, ...MAPPING, '--out', ws.path('annomi')], ws.dir);
    for (const name of readdirSync(ws.path('annomi')).sort()) {
      const text = readFileSync(ws.path(`annomi/${name}`), 'utf8');
      sessions.set(name, { text, session: parseSession(text) });
    }
  });
  after(() => ws?.dispose());

  it('writes 133 sessions, one per transcript, named by the zero-padded transcript id', () => {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sessions.size, 133);
    assert.deepEqual(
      [...sessions.keys()],
      [...transcripts.keys()].map((id) => `annomi-simple-${String(id).padStart(4, '0')}.session.md`),
    );
    assert.match(result.stderr, /imported 133 sessions \(9699 turns\)/);
  });

  it('keeps every utterance with its speaker, role, timestamp, words and label', () => {
    let turns = 0;
    let changedTimes = 0;
    const files = [...sessions.values()];
    [...transcripts.values()].forEach((rows, i) => {
      const { session } = files[i]!;
      assert.equal(session.turns.length, rows.length);
      rows.forEach((row, j) => {
        const turn = session.turns[j]!;
        const where = `transcript ${row.transcriptId}, utterance ${row.utteranceId}`;
        assert.deepEqual(
          [turn.label, turn.role, turn.text, turn.codes.map((c) => c.id)],
          [row.interlocutor, row.interlocutor, words(row.text), codesOf(row)],
          where,
        );
        assert.equal(turn.timestamp?.raw, clock(row.seconds), where);
        if (turn.timestamp?.raw !== row.timestamp) changedTimes++;
        turns++;
      });
    });
    assert.equal(turns, 9699);
    assert.equal(changedTimes, 1, 'only the malformed 00:09:025 is rewritten');
  });

  it('normalises the malformed timestamp of transcript 38 with a warning naming its row, the timestamp as written masked', () => {
    assert.match(result.stderr, /AnnoMI-simple\.csv:\d+: warning: timestamp '##:##:###' read as 00:09:25 \(.*annomi-simple-0038\.session\.md\)/);
    assert.match(sessions.get('annomi-simple-0038.session.md')!.text, /\n\[00:09:25\] /);
  });

  it('lints each session clean apart from phase-missing', async () => {
    const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
    for (const [name, { text }] of sessions) {
      const findings = (await linter.lintText(ws.path(`annomi/${name}`), text)).findings.filter((f) => f.ruleId !== 'phase-missing');
      assert.deepEqual(
        findings.map((f) => `${f.range.start.line}: ${f.ruleId} ${f.message}`),
        [],
        name,
      );
    }
  });

  it('round-trips: the JSONL export has one row per CSV row with the same speaker, role, words and codes', async () => {
    const exported = await runCli(['export', 'annomi', '--format', 'jsonl'], ws.dir);
    assert.equal(exported.code, 0, exported.stderr);
    const rows = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; speaker: string; role: string; text: string; codes: string[]; timestamp: string });
    const csvRows = [...transcripts.values()].flat();
    assert.equal(rows.length, csvRows.length);
    rows.forEach((row, i) => {
      const source = csvRows[i]!;
      assert.equal(row.file, `annomi/annomi-simple-${String(source.transcriptId).padStart(4, '0')}.session.md`);
      assert.deepEqual(
        [row.speaker, row.role, row.text, row.codes, row.timestamp],
        [source.interlocutor, source.interlocutor, words(source.text), codesOf(source), clock(source.seconds)],
        `row ${i + 1}`,
      );
    });
  });

  it('exports one utterance per coded turn, with the words and codes of the turn: codes at the end of a turn code all of it', async () => {
    const byTurn = await runCli(['export', 'annomi', '--format', 'jsonl'], ws.dir);
    const byUtterance = await runCli(['export', 'annomi', '--format', 'jsonl', '--unit', 'utterance'], ws.dir);
    assert.equal(byUtterance.code, 0, byUtterance.stderr);
    type Row = { file: string; turn: number; utterance?: number; text: string; codes: string[] };
    const read = (stdout: string): Row[] =>
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Row);
    const coded = read(byTurn.stdout).filter((row) => row.codes.length > 0);
    assert.ok(coded.length > 9000, `${coded.length} coded turns`);
    assert.deepEqual(
      read(byUtterance.stdout).map((row) => [row.file, row.turn, row.utterance, row.text, row.codes]),
      coded.map((row) => [row.file, row.turn, 1, row.text, row.codes]),
    );
  });

  it('gives statistics equal to counts computed directly from the CSV', async () => {
    const stats = await runCli(['stats', 'annomi', '--format', 'json', '--by', 'session'], ws.dir);
    assert.equal(stats.code, 0, stats.stderr);
    const report = JSON.parse(stats.stdout) as {
      sessions: { file: string; turns: number; roles: Record<string, { turns: number }>; codes: { id: string; count: number }[] }[];
      corpus: { turns: number; roles: Record<string, { turns: number }>; codes: { id: string; count: number }[] };
    };
    assert.equal(report.sessions.length, 133);
    const all = [...transcripts.values()].flat();
    const countBy = <T>(items: T[], key: (item: T) => string[]): Record<string, number> =>
      items.reduce<Record<string, number>>((acc, item) => {
        for (const k of key(item)) acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {});
    assert.equal(report.corpus.turns, all.length);
    assert.deepEqual(
      { therapist: report.corpus.roles['therapist']!.turns, client: report.corpus.roles['client']!.turns },
      countBy(all, (r) => [r.interlocutor]),
    );
    assert.deepEqual(Object.fromEntries(report.corpus.codes.map((c) => [c.id, c.count])), countBy(all, codesOf));
    for (const [id, rows] of transcripts) {
      const session = report.sessions.find((s) => s.file.endsWith(`-${String(id).padStart(4, '0')}.session.md`))!;
      assert.equal(session.turns, rows.length, `transcript ${id}`);
      assert.deepEqual(Object.fromEntries(session.codes.map((c) => [c.id, c.count])), countBy(rows, codesOf), `codes of transcript ${id}`);
    }
  });
});
