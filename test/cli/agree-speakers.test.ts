import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli } from '../support/workspace';

// Alignment pairs turns by their speaker as well as their text, and says when it pairs turns of
// different speakers (issue 14).

const copy = (turns: string[]): string =>
  ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', 'codebook: annomi', '---', '', '# Session 1', '', '## Middle', '', ...turns, ''].join('\n');

interface JsonGroup {
  id: string;
  units: number;
  percentAgreement: number;
}

describe('session-md agree: speakers in the alignment', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('does not pair a client\'s "Okay." with the therapist\'s "Okay." (the issue\'s repro): client talk is 1 unit at 100%', async () => {
    const a = ['T: How was the week? {question}', 'C: Okay. {neutral}', 'T: Okay. {other}', 'C: I slept badly. {sustain}'];
    const b = ['T: How was the week? {question}', 'T: Okay. {other}', 'C: I slept badly. {sustain}'];
    ws = makeWorkspace({ 'a.session.md': copy(a), 'b.session.md': copy(b) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    const groups = Object.fromEntries((json.groups as JsonGroup[]).map((g) => [g.id, [g.units, g.percentAgreement]]));
    assert.deepEqual(groups, { 'therapist-behaviour': [2, 1], 'client-talk': [1, 1] });
    assert.equal(json.units, 3);
    assert.deepEqual(
      json.unaligned.map((u: { file: string; line: number; preview: string; missingFrom: string[] }) => [u.file, u.line, u.preview, u.missingFrom]),
      [['a.session.md', 13, 'C: O***.', ['b.session.md']]],
    );
    assert.deepEqual(json.speakerMismatches, []);
    assert.doesNotMatch(result.stderr, /speaker/);
  });

  it('still aligns a turn a coder gave to another speaker, and warns on stderr, in JSON and in the table', async () => {
    const a = ['T: How was the week? {question}', 'C: Okay. {neutral}', 'T: Good to hear. {other}', 'C: I slept badly. {sustain}'];
    const b = ['T: How was the week? {question}', 'T: Okay. {other}', 'T: Good to hear. {other}', 'C: I slept badly. {sustain}'];
    ws = makeWorkspace({ 'a.session.md': copy(a), 'b.session.md': copy(b) });
    const result = await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'json'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.units, 4);
    assert.deepEqual(json.unaligned, []);
    assert.deepEqual(json.speakerMismatches, [
      { file: 'b.session.md', turn: 2, line: 13, preview: 'T: O***.', reference: { file: 'a.session.md', turn: 2, line: 13, preview: 'C: O***.' } },
    ]);
    const warning =
      "session-md: warning: b.session.md:13 (turn 2) T: O***. is aligned with a.session.md:13 (turn 2) C: O***., another speaker; the first copy's speaker decides the role\n";
    assert.equal(result.stderr, warning);
    const table = await runCli(['agree', 'a.session.md', 'b.session.md'], ws.dir);
    assert.equal(table.stderr, warning);
    const csv = await runCli(['agree', 'a.session.md', 'b.session.md', '-f', 'csv'], ws.dir);
    assert.equal(csv.stderr, warning);
  });
});
