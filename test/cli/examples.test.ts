import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { runCli } from '../support/workspace';
import { parseSession } from '../../src/core/parse/session';

interface JsonFinding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endColumn: number;
}

// The sample course in examples/ is the product's showcase: it must stay clean, and checking it
// against another scheme must flag exactly the codes that scheme lacks.
describe('the examples', () => {
  it('lint clean, library included', async () => {
    const result = await runCli(['lint', 'examples'], ROOT);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, 'No problems found in 3 files.\n');
  });

  it('flag the codes MITI 4.2.1 does not define when linted with --codebook miti-4.2.1', async () => {
    const result = await runCli(['lint', 'examples', '--codebook', 'miti-4.2.1', '-f', 'json'], ROOT);
    assert.equal(result.code, 1);
    const files = JSON.parse(result.stdout).files as { path: string; findings: JsonFinding[] }[];
    // Messages mask the code as written; the finding's range points at it in the file.
    const codeAt = (path: string, x: JsonFinding): string =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        [x.line - 1]!.slice(x.column - 1, x.endColumn - 1)
        .replace(/^\{\s*|\s*(?:\|[\s\S]*)?\}$/g, '');
    const unknown = new Set(files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'code-unknown').map((x) => codeAt(f.path, x))));
    // The course codes core took from the seed (issue 15) are core's too: the examples code confidentiality, the risk screen, the agenda… with them.
    const courseCodes = ['confidentiality', 'assessment', 'assessment.risk', 'agenda', 'validation', 'linking', 'coping-skills', 'follow-up-plan', 'ending'];
    for (const coreOnly of ['open-question', 'closed-question', 'reframe', 'homework', 'summary', 'change-talk', 'sustain-talk', 'neutral', ...courseCodes]) {
      assert.ok(unknown.has(coreOnly), `${coreOnly} is flagged`);
    }
    for (const inMiti of ['reflection.simple', 'reflection.complex', 'reflection']) assert.ok(!unknown.has(inMiti), `${inMiti} is a MITI code`);
    // relapse-prevention is core's code, and the example library adds examples to it, so it counts as defined under any scheme.
    for (const inLibrary of ['agenda-setting', 'socratic-question', 'relapse-prevention'])
      assert.ok(!unknown.has(inLibrary), `${inLibrary} comes from the example library`);
  });

  it("code the intake's explanation of confidentiality with {confidentiality}, not {other}", () => {
    const session = parseSession(readFileSync(join(ROOT, 'examples', 'C-017', '01-intake.session.md'), 'utf8'));
    const explanation = session.turns.find((t) => t.text.startsWith('What you tell me stays between us.'))!;
    assert.deepEqual(
      explanation.codes.map((c) => c.id),
      ['confidentiality'],
    );
    const opening = session.turns.filter((t) => t.role === 'therapist' && (t.timestamp?.seconds ?? Infinity) < 90);
    assert.deepEqual(
      opening.map((t) => t.codes.map((c) => c.id).join(' ')),
      ['other', 'affirmation', 'confidentiality', 'confidentiality', 'confidentiality'],
      'the greeting stays {other}; the framework and both answers on confidentiality are {confidentiality}',
    );
  });
});
