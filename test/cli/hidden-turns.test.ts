import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli } from '../support/workspace';

// Transcripts that Markdown reads otherwise than they look (issue 11, items 14, 16 and 17): a pasted
// numbered transcript, turns wrapped in <details>, turns with `---` right under them and codes in
// comments. `stats` counts what is read, and `lint` says what is not.

const FRONT = ['---', 'session: 1', 'client: C-001', 'rules:', '  phase-missing: off', '---', '', '## Beginning', ''];

const FILES = {
  'numbered.session.md': [...FRONT, '1. T: Hello {open-question}', '2. C: Fine.', ''].join('\n'),
  'details.session.md': [...FRONT, 'T: Shall we read the diary? {open-question}', '', '<details>', 'C: Monday was bad. {chnage-talk}', '</details>', ''].join(
    '\n',
  ),
  'underlined.session.md': [...FRONT, '(Recording starts.)', 'T: Hello {open-question}', 'C: Fine.', '---', ''].join('\n'),
  'comment.session.md': [...FRONT, 'T: hello <!-- {open-question} {#sleep} --> there {reflection}', ''].join('\n'),
};

interface Stats {
  sessions: { file: string; turns: number; codes: { id: string; count: number }[] }[];
}

describe('turns Markdown hides, in stats and lint', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  before(() => {
    ws = makeWorkspace(FILES);
  });
  after(() => ws.dispose());

  it('stats counts the turns that are read: none in a list or an HTML block, the underlined ones, and no code from a comment', async () => {
    const { code, stdout, stderr } = await runCli(['stats', '--format', 'json'], ws.dir);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as Stats;
    const byFile = Object.fromEntries(report.sessions.map((s) => [s.file, [s.turns, s.codes.map((c) => c.id)]]));
    assert.deepEqual(byFile, {
      'comment.session.md': [1, ['reflection']],
      'details.session.md': [1, ['open-question']],
      'numbered.session.md': [0, []],
      'underlined.session.md': [2, ['open-question']],
    });
  });

  it('lint says which lines are not read as turns and why, and which ones other viewers show as a heading', async () => {
    const { code, stdout } = await runCli(['lint', '--format', 'json'], ws.dir);
    assert.equal(code, 1);
    const files = (JSON.parse(stdout) as { files: { path: string; findings: { ruleId: string; severity: string; line: number; message: string }[] }[] }).files;
    const found = files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.severity} ${x.ruleId}`));
    assert.deepEqual(found.sort(), [
      'details.session.md:13 error turn-unread',
      'numbered.session.md:10 error turn-unread',
      'numbered.session.md:11 error turn-unread',
      'underlined.session.md:13 warning turn-underlined',
    ]);
    const messages = files.flatMap((f) => f.findings.map((x) => x.message));
    assert.ok(
      messages.every((m) => !m.includes('\n')),
      'every message is one line',
    );
    assert.ok(!messages.some((m) => /Hello|Monday|Recording/.test(m)), 'no message quotes the transcript');
    assert.match(
      messages.find((m) => m.includes('list item'))!,
      /Remove the list marker/,
    );
    assert.match(
      messages.find((m) => m.includes('HTML block'))!,
      /blank line/,
    );
  });
});
