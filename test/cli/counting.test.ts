import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md stats` and `session-md agree` count by the codebook's rules (MITI 4.2.1, E.1.a:
// per volley; test/unit/counting.test.ts has one fixture per rule), and they read a bare
// `{reflection}` alike: as a simple reflection, since the manual says to code SR when unsure.
function transcript(turns: string[], codebook = 'miti-4.2.1'): string {
  return ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', `codebook: ${codebook}`, '---', '', ...turns, ''].join('\n');
}

// A declared summary score of a session, by id (MITI: 'rq', 'percent-cr').
const score = (s: StatsJson['sessions'][number], id: string): number | null | undefined => s.summaryScores.find((x) => x.id === id)?.value;

interface StatsJson {
  sessions: { scoreCounts: Record<string, number>; summaryScores: { id: string; value: number | null }[] }[];
}

describe('counting by the codebook in session-md stats and agree', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('counts one complex reflection and one question in a volley of two reflections and two questions (issue 14)', async () => {
    ws = makeWorkspace({
      'a.session.md': transcript([
        'C: Friday undoes it.',
        'T: Friday undoes your plans. {reflection.simple} Part of you wants it different. {reflection.complex} What happens then? {question} Who is there? {question}',
      ]),
    });
    const json = await runCli(['stats', '-f', 'json', 'a.session.md'], ws.dir);
    assert.equal(json.code, 0, json.stderr);
    const s = (JSON.parse(json.stdout) as StatsJson).sessions[0]!;
    assert.deepEqual(
      [s.scoreCounts['simpleReflections'], s.scoreCounts['complexReflections'], s.scoreCounts['questions'], score(s, 'percent-cr')],
      [0, 1, 1, 100],
    );
    const table = await runCli(['stats', 'a.session.md'], ws.dir);
    assert.match(table.stdout, /Scores: .* · R:Q 1\.0 \(fair\) · %CR 100% \(good\) · /);
  });

  it('does not count a therapist code on a client turn: R:Q stays 2.0 (issue 14)', async () => {
    ws = makeWorkspace({
      'a.session.md': transcript([
        'T: You want to sleep. {reflection.simple}',
        'C: I do.',
        'T: Nothing worked yet. {reflection.complex}',
        'C: No.',
        'T: What did you try? {question}',
        'C: Why do you ask? {question}',
      ]),
    });
    const table = await runCli(['stats', 'a.session.md'], ws.dir);
    assert.match(table.stdout, /Scores: .* · R:Q 2\.0 \(good\) · /);
    const lint = await runCli(['lint', '--rules', 'code-role-mismatch', 'a.session.md'], ws.dir);
    assert.match(lint.stdout, /Code 'question' is for therapist turns, but 'C' is the client/);
  });

  it('reads a bare {reflection} as a simple reflection in stats and in agree alike', async () => {
    const turns = (reflection: string) => [
      'C: I am tired of it.',
      `T: You are tired. {${reflection}}`,
      'C: Very.',
      'T: It has worn you down. {reflection.complex}',
    ];
    ws = makeWorkspace({ 'a.session.md': transcript(turns('reflection')), 'b.session.md': transcript(turns('reflection.simple')) });
    const stats = await runCli(['stats', '-f', 'json', 'a.session.md', 'b.session.md'], ws.dir);
    const [a, b] = (JSON.parse(stats.stdout) as StatsJson).sessions;
    assert.deepEqual([a!.scoreCounts['simpleReflections'], score(a!, 'percent-cr')], [1, 50], 'stats counts the bare reflection as SR');
    assert.deepEqual(a!.scoreCounts, b!.scoreCounts);
    const agree = await runCli(['agree', '-f', 'json', 'a.session.md', 'b.session.md'], ws.dir);
    assert.equal(agree.code, 0, agree.stderr);
    const report = JSON.parse(agree.stdout) as { groups: { id: string; percentAgreement: number }[]; codes: { code: string; present: number[] }[] };
    assert.equal(report.groups.find((g) => g.id === 'behaviour')?.percentAgreement, 1, 'agree reads {reflection} as reflection.simple, as stats does');
    assert.deepEqual(report.codes.find((c) => c.code === 'reflection.simple')?.present, [1, 1]);
  });

  it('warns about a volley of more than 8 codes, Persuade beside Persuade with Permission, and two codes on one utterance (code-parsing)', async () => {
    const nine =
      'T: One change. {giving-information} Stop today. {persuade} If you like, try it. {persuade.with-permission} What now? {question} You are unsure. {reflection.simple} You came. {affirm} Together? {seek-collaboration} Your call. {emphasize-autonomy} An excuse. {confront}';
    ws = makeWorkspace({
      'a.session.md': transcript([
        'C: Where to start?',
        nine,
        'C: Tell me.',
        'T: Since you asked, cut down, if you want. {persuade} {persuade.with-permission}',
        'C: Hm.',
        'T: You came, and you want this. {affirm} {reflection.complex}',
      ]),
    });
    const lint = await runCli(['lint', '--rules', 'code-parsing', '-f', 'json', 'a.session.md'], ws.dir);
    const findings = (JSON.parse(lint.stdout) as { files: { findings: { ruleId: string; line: number; message: string }[] }[] }).files[0]!.findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.line, /^(This volley|'persuade' and|This utterance has 2)/.exec(f.message)?.[1]]),
      [
        ['code-parsing', 9, 'This volley'],
        ['code-parsing', 11, "'persuade' and"],
        ['code-parsing', 13, 'This utterance has 2'],
      ],
    );
  });
});
