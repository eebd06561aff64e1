import { strict as assert } from 'node:assert';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 11, item 2: the non-pii rules quoted the very text the pii rules would not quote, and
// those quotes reached the CI log and the SARIF upload. Findings now show transcript text only
// as a masked excerpt (`J*** D**`), so no format repeats a name, an address or a card number.

/** The three repros, plus the other places free text used to be quoted from. */
const LEAKY = [
  '---',
  'session: "jane.doe@example.org"',
  'date: 2026-03-14',
  'speakers:',
  '  T: therapist',
  '  Doe Family: relatives',
  'goals:',
  '  - id: jane-doe',
  '    text: Talk about Jane',
  '  - id: jane-doe',
  '    text: Again',
  '---',
  '',
  '## Beginning',
  '',
  '[00:00:05] T: Hello. {call-jane-doe}',
  'Jane Doe: hello',
  '',
  '## Talk with Jane Doe about 4111 1111 1111 1111',
  '',
  '[00:41:11] T: And Jane? {#jane-does}',
  '[00:04:11] T: Earlier.',
  '',
].join('\n');

/** The identifying strings and their parts; `doe` as a word, since messages say "does". */
const IDENTIFYING = [/jane/i, /\bdoe\b/i, /4111/, /1111/, /example\.org/i];

describe('lint output quotes no identifying text (issue 11, item 2)', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`${format}: names what is wrong and where, without the name, the address or the number`, async () => {
      ws = makeWorkspace({ 'notes.session.md': LEAKY });
      const { code, stdout, stderr } = await runCli(['lint', '--format', format, 'notes.session.md'], ws.dir);
      assert.equal(code, 1, stderr);
      // The findings are still there, each at its place, with the rule that found it.
      for (const rule of [
        'front-matter-invalid',
        'speaker-undeclared',
        'phase-unknown',
        'code-unknown',
        'goal-undeclared',
        'timestamp-order',
        'pii-email',
        'pii-id-number',
      ]) {
        assert.ok(stdout.includes(rule), `${rule} missing from\n${stdout}`);
      }
      for (const pattern of IDENTIFYING) assert.doesNotMatch(stdout + stderr, pattern);
    });
  }

  it('shows the text a finding is about as a bounded, masked excerpt', async () => {
    ws = makeWorkspace({ 'notes.session.md': LEAKY });
    const { stdout } = await runCli(['lint', '--format', 'json', 'notes.session.md'], ws.dir);
    const messages = (JSON.parse(stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files[0]!.findings.map(
      (f) => `${f.ruleId}: ${f.message}`,
    );
    assert.ok(messages.includes("speaker-undeclared: Unknown speaker 'J*** D**'; declared speakers are T, D** F*****"), messages.join('\n'));
    assert.ok(
      messages.includes("phase-unknown: 'T*** w*** J*** D** a****…' is not a phase of the 'default' phase model (Beginning, Middle, Termination)"),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes('front-matter-invalid: Front matter: \'session\' should be an integer, not a string ("j***.d**@e******.o**")'),
      messages.join('\n'),
    );
    assert.ok(messages.includes("code-unknown: Unknown code 'c***-j***-d**' in codebook 'Core techniques'"), messages.join('\n'));
  });
});
