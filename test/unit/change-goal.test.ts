import { strict as assert } from 'node:assert';
import { Linter } from '../../src/core';
import { createNodeHost } from '../../src/cli/nodeHost';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// MITI 4.2.1 coders are told the session's change goal before coding (coding-standards.md): a
// MITI session names it with `changeGoal:`, a goal id of its front matter, because the MITI
// codebook requires it (`requires: [changeGoal]`). The rule's fixtures are in
// test/fixtures/rules/change-goal-missing/.

const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
const GOALS = ['goals:', '  - id: drink-less', '    text: Drink no more than two nights a week'];

async function findings(frontMatter: string[]): Promise<string[]> {
  const text = ['---', 'session: 1', ...frontMatter, '---', '', '## Beginning', '', 'T: What would you like to change? {question}', ''].join('\n');
  const { findings } = await linter.lintText('/tmp/x.session.md', text);
  return findings.filter((f) => f.ruleId === 'change-goal-missing').map((f) => `${f.range.start.line} ${f.message}`);
}

describe('the change goal of a MITI session', () => {
  it('is read from the front matter', () => {
    const session = parseSession(['---', ...GOALS, 'changeGoal: drink-less', '---', ''].join('\n'));
    assert.equal(session.frontMatter?.changeGoal, 'drink-less');
  });

  it('is required by miti-4.2.1, and only by it', async () => {
    assert.deepEqual(await findings(['codebook: miti-4.2.1', ...GOALS]), [
      "3 This session names no change goal, which codebook 'MITI 4.2.1 behaviour codes' requires (coders are told it before coding); add 'changeGoal:' with the id of its goal in the front matter",
    ]);
    assert.deepEqual(await findings(['codebook: miti-4.2.1', ...GOALS, 'changeGoal: drink-less']), []);
    for (const codebook of ['core', 'misc-2.5', 'annomi']) assert.deepEqual(await findings([`codebook: ${codebook}`, ...GOALS]), [], codebook);
  });

  it('must be one of the session’s goals, whatever the codebook', async () => {
    assert.deepEqual(await findings(['codebook: core', ...GOALS, 'changeGoal: sleep']), [
      "7 The change goal 's****' is not a goal declared under 'goals:' (1 goal is declared)",
    ]);
  });
});
