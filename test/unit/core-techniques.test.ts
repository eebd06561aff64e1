import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupCode, sessionStats, type Codebook } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { snippetDefaultText } from '../support/snippetText';

// Issue 15, acceptance 4: the seed names techniques of a course of therapy that the core
// codebook lacked (confidentiality, assessment and a risk screen, agenda, validation, linking,
// coping skills, relapse prevention, follow-up, ending), so the examples coded them {other} or
// {closed-question}. Core now defines them, with a description and ready-to-insert snippets.

const core = (): Codebook => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;

/** The seed's techniques, by the code agreed for each, and a word its label must contain. */
const SEED_TECHNIQUES: [id: string, labelWord: RegExp][] = [
  ['confidentiality', /confidentiality/i],
  ['assessment', /assessment/i],
  ['assessment.risk', /risk/i],
  ['agenda', /agenda/i],
  ['validation', /validation/i],
  ['linking', /link/i],
  ['coping-skills', /coping/i],
  ['relapse-prevention', /relapse/i],
  ['follow-up-plan', /follow-up/i],
  ['ending', /ending/i],
];

/** A snippet's default text, read as a turn of the Middle phase. */
const snippetTurn = (body: string) => parseSession(`## Middle\n\n${snippetDefaultText(body)}\n`).turns;

describe("core codebook: the seed's techniques of a course of therapy", () => {
  for (const [id, labelWord] of SEED_TECHNIQUES) {
    it(`defines {${id}} as a therapist technique, described, with snippets that insert a turn coded {${id}}`, () => {
      const code = core().codes.get(id);
      assert.ok(code, `core does not define ${id}`);
      assert.match(code.label, labelWord);
      assert.equal(code.role, 'therapist');
      assert.ok((code.description ?? '').split(/\s+/).length >= 12, `${id}: a description of a sentence or two`);
      assert.ok(code.snippets.length > 0, `${id} has no snippet`);
      for (const snippet of code.snippets) {
        const turns = snippetTurn(snippet.body);
        assert.equal(turns.length, 1, `${id} / ${snippet.label}: one turn`);
        assert.equal(turns[0]!.role, 'therapist', `${id} / ${snippet.label}`);
        assert.ok(
          turns[0]!.codes.some((c) => c.id === id),
          `${id} / ${snippet.label}: carries {${id}}`,
        );
      }
    });
  }

  it('makes the risk screen a kind of assessment, and every new technique a member of the therapist-technique group', () => {
    const codebook = core();
    assert.equal(lookupCode(codebook, 'assessment')?.label, 'History and assessment');
    const group = codebook.groups.find((g) => g.id === 'therapist-technique')!;
    assert.equal(group.exclusive, false, 'a turn may combine a question with what it is for');
    for (const [id] of SEED_TECHNIQUES) assert.ok(group.codes.includes(id.split('.')[0]!), `${id} is in the group`);
  });

  it("takes the snippets' wording from the seed where the seed gives one", () => {
    const texts = (id: string): string[] =>
      core()
        .codes.get(id)!
        .snippets.map((s) => snippetDefaultText(s.body));
    assert.ok(texts('validation').includes('T: That must be really difficult for you. {validation}'), texts('validation').join('\n'));
    assert.ok(texts('confidentiality').some((t) => t.includes('your stories will not be shared with others')));
    assert.ok(texts('coping-skills').some((t) => /breathe in slowly/.test(t)));
    assert.ok(texts('follow-up-plan').some((t) => /After we finish, keep using the breathing technique/.test(t)));
  });

  it('leaves the summary scores alone: the new codes are counted in none of them', () => {
    const codebook = core();
    const counted = new Set(Object.values(codebook.scores ?? {}).flat());
    for (const [id] of SEED_TECHNIQUES) assert.ok(!counted.has(id), `${id} is counted in a score`);
    const turns = ['T: How was the week? {open-question}', 'C: Long.', 'T: A long week. {reflection.simple}', 'C: Yes.'];
    const scores = (text: string) =>
      sessionStats({ file: 'a.session.md', session: parseSession(`## Middle\n\n${text}\n`), codebook }).summaryScores.map((s) => [s.id, s.value]);
    const plain = scores(turns.join('\n'));
    const withCourseCodes = scores(
      [
        'T: What you say here stays between us. {confidentiality}',
        'T: How was the week? {open-question} {assessment}',
        'C: Long.',
        'T: A long week. {reflection.simple} That must be hard. {validation}',
        'C: Yes.',
        'T: Shall we plan for setbacks? {relapse-prevention} {agenda}',
      ].join('\n'),
    );
    assert.deepEqual(withCourseCodes, plain);
  });
});
