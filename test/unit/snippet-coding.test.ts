import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CODEBOOKS, snippetInsertText, type Codebook } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { techniqueSnippets } from '../../src/core/language/snippets';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODE_KINDS, decisionRuleBreaches, type Breach } from '../support/codingRules';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { snippetDefaultText } from '../support/snippetText';

// A snippet teaches coding by example, so every built-in one must be coded the way the manuals
// code it. Each body is inserted as the editor inserts it, with its default text, read by the
// real parser into utterances, and checked against the decision rules that need no judgement.

const builtin = (name: string): Codebook =>
  parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;

const shown = (breach: Breach): string => `${breach.where}: ${breach.rule}`;

/** The snippet's default text as the only content of a Middle phase, or as a whole file when it is one. */
const sessionOf = (text: string) => parseSession(text.startsWith('---\n') ? text : `## Middle\n\n${text}\n`);

describe('the decision rules checked on built-in snippets', () => {
  const MITI = builtin('miti-4.2.1');
  const MISC = builtin('misc-2.5');
  const breaches = (codebook: Codebook, ...turns: string[]): string[] =>
    decisionRuleBreaches(parseSession(`## Middle\n\n${turns.join('\n\n')}\n`), codebook, BUILTIN_CODE_KINDS[codebook.path.slice('builtin:'.length)]!).map(
      (b) => b.rule,
    );

  it('accept the seed sample coded as the manuals code it', () => {
    assert.deepEqual(breaches(MITI, "T: You're saying you feel very alone and misunderstood. {reflection.simple} That must be really difficult for you."), []);
    assert.deepEqual(breaches(MISC, "T: You're saying you feel very alone and misunderstood. {sr} That must be really difficult for you. {su}"), []);
  });

  it('reject each breach they know, one rule at a time', () => {
    assert.deepEqual(breaches(MITI, "T: You're saying you feel very alone and misunderstood. That must be really difficult for you. {reflection.complex}"), [
      'a word of sympathy is left uncoded, after the utterance it follows',
    ]);
    assert.deepEqual(breaches(MISC, 'T: You feel alone. That must have been hard. {sr}'), [
      'a word of sympathy is coded {su} on its own, after the utterance it follows',
    ]);
    assert.deepEqual(breaches(MITI, 'T: You could try the patches, if you like. {persuade} {persuade.with-permission}'), [
      'Persuade with Permission and Persuade on one utterance: it is Persuade with Permission alone',
    ]);
    assert.deepEqual(breaches(MITI, 'T: You feel alone, and you still came. {reflection.simple} {affirm}'), ['an utterance gets one code at most']);
    assert.deepEqual(breaches(MITI, 'C: Why me? {question}'), ["'question' is a therapist code on a client's turn"]);
    assert.deepEqual(breaches(MITI, 'T: It went badly this time. {reframe}'), ["'reframe' is not a code of MITI 4.2.1 behaviour codes"]);
    assert.deepEqual(breaches(MITI, 'T: How was your week. {question}'), ['a question ends with a question mark']);
    assert.deepEqual(breaches(MITI, "T: You're worried about work? {reflection.simple}"), ['a reflection is a statement, not a question']);
    assert.deepEqual(breaches(MITI, 'T: When I quit, the first week was the worst. {giving-information}'), [
      'self-disclosure and structuring (the clinician about themself or the session plan) are not giving information',
    ]);
    assert.deepEqual(breaches(MITI, "T: Let's look at your diary first and then at the plan. {giving-information}"), [
      'self-disclosure and structuring (the clinician about themself or the session plan) are not giving information',
    ]);
    assert.deepEqual(breaches(MITI, 'T: Great. {affirm}'), ['an affirmation is about the client']);
    assert.deepEqual(breaches(MITI, 'T: You know yourself best. What might work for you? {seek-collaboration}'), [
      "saying the decision is the client's, or that they know best, is Emphasize Autonomy",
    ]);
    assert.deepEqual(breaches(MITI, "T: Let's think about this together. {emphasize-autonomy}"), [
      "Emphasize Autonomy says in so many words that the decision is the client's",
    ]);
  });
});

describe('the MITI code descriptions a coder reads in hover and completion', () => {
  const MITI = builtin('miti-4.2.1');
  const description = (id: string): string => (MITI.codes.get(id)?.description ?? '').replace(/\s+/g, ' ');

  it('keep self-disclosure and structuring out of Giving Information', () => {
    assert.match(description('giving-information'), /\(self-disclosure\) and structuring the session \([^)]*\) are not Giving Information/);
    assert.doesNotMatch(description('giving-information'), /discloses something personal/);
  });

  it('hold Affirm to something genuine and specific about the client, not general praise', () => {
    assert.match(description('affirm'), /genuine and specific to them: a strength, an effort/);
    assert.match(description('affirm'), /Praise or agreement that names nothing of the client's .* are not Affirm/);
  });

  it('tell Seek Collaboration and Emphasize Autonomy apart', () => {
    assert.match(description('seek-collaboration'), /the decision or the change is the client's is Emphasize Autonomy/);
    assert.match(description('emphasize-autonomy'), /is Seek Collaboration/);
  });
});

describe('every built-in snippet, coded by the decision rules', () => {
  for (const name of BUILTIN_CODEBOOKS) {
    it(`in the ${name} codebook`, () => {
      const codebook = builtin(name);
      const kinds = BUILTIN_CODE_KINDS[name];
      assert.ok(kinds, `no code kinds listed for the ${name} codebook`);
      const entries = techniqueSnippets(codebook);
      assert.ok(entries.length > 0);
      const found = entries.flatMap((entry) => {
        const session = sessionOf(snippetDefaultText(snippetInsertText(entry)));
        const where = `${entry.code.id} / ${entry.snippet.label}`;
        assert.equal(session.turns.length, 1, `${where}: one turn`);
        assert.ok(
          session.turns[0]!.codes.some((c) => c.id === entry.code.id),
          `${where}: carries its code`,
        );
        return decisionRuleBreaches(session, codebook, kinds).map((b) => `${where}: ${shown(b)}`);
      });
      assert.deepEqual(found, []);
    });
  }

  it('in the plain snippets file, which codes with core', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'snippets', 'session-markdown.code-snippets'), 'utf8')) as Record<string, { body: string | string[] }>;
    const core = builtin('core');
    let coded = 0;
    const found = Object.entries(file).flatMap(([label, { body }]) => {
      const source = Array.isArray(body) ? body.join('\n') : body;
      const session = sessionOf(snippetDefaultText(source));
      const codes = session.turns.flatMap((t) => t.codes);
      if (/\{[a-z]/.test(source)) assert.ok(codes.length > 0, `${label}: its code is read`);
      if (codes.length > 0) coded++;
      return decisionRuleBreaches(session, core, BUILTIN_CODE_KINDS['core']!).map((b) => `${label}: ${shown(b)}`);
    });
    assert.ok(coded >= 10, `only ${coded} snippets carry a code`);
    assert.deepEqual(found, []);
  });
});
