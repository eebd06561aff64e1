import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Turn } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { ROOT } from '../support/paths';

// The product's seed teaches one exchange: the client's "I feel really lonely, like no one
// understands me." and the therapist's "You're saying you feel very alone and misunderstood.
// That must be really difficult for you." By MITI (and MISC) the first sentence is a simple
// reflection and the second a word of sympathy: uncoded in MITI, Support in MISC, support and
// validation in core. Wherever the repository shows that turn coded, it must be coded so.

const REFLECTION = "You're saying you feel very alone and misunderstood.";
const SYMPATHY = 'That must be really difficult for you.';
const SIMPLE_REFLECTION = ['reflection.simple', 'sr'];
const SUPPORT = ['su', 'validation'];

/** The text of every place that can show a coded turn: session files whole, Markdown by its fenced blocks. */
function placesWithTurns(): { where: string; text: string }[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
    ...['examples', 'test/fixtures'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.session.md'))
        .map((f) => `${dir}/${f}`),
    ),
  ];
  return files.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.session.md')) return [{ where: file, text }];
    return [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((block) => ({
      where: `${file}:${text.slice(0, block.index).split('\n').length}`,
      text: block[1]!,
    }));
  });
}

/** How the seed's therapist turn is coded, in words, or undefined when it is coded as the manuals code it. */
function miscoding(turn: Turn): string | undefined {
  const codesOf = (index: number): string[] => turn.codes.filter((c) => c.utterance === index).map((c) => c.id);
  const reflection = turn.utterances.find((u) => u.text === REFLECTION);
  if (!reflection) return `the reflection is not an utterance of its own: ${JSON.stringify(turn.utterances.map((u) => u.text))}`;
  const reflectionCodes = codesOf(reflection.index);
  if (reflectionCodes.length !== 1 || !SIMPLE_REFLECTION.includes(reflectionCodes[0]!)) return `the reflection is coded ${reflectionCodes.join(', ')}`;
  const sympathy = turn.utterances.find((u) => u.text.includes(SYMPATHY.slice(0, 12)));
  if (sympathy && (sympathy.text !== SYMPATHY || !codesOf(sympathy.index).every((id) => SUPPORT.includes(id)))) {
    return `the sympathy is coded ${codesOf(sympathy.index).join(', ')} in "${sympathy.text}"`;
  }
  return undefined;
}

describe("the seed's sample exchange, wherever the repository shows it coded", () => {
  it('codes the reflection as a simple reflection and leaves the sympathy uncoded, or codes it as support', () => {
    const seen: string[] = [];
    const wrong: string[] = [];
    for (const { where, text } of placesWithTurns()) {
      for (const turn of parseSession(text).turns) {
        if (!turn.text.startsWith(REFLECTION) || turn.codes.length === 0) continue;
        seen.push(where);
        const problem = miscoding(turn);
        if (problem) wrong.push(`${where}: ${problem}`);
      }
    }
    assert.deepEqual(wrong, []);
    // README, format.md (four times), the design example and two rule fixtures.
    assert.ok(seen.length >= 8, `the sample was found only in ${seen.join(', ')}`);
    assert.ok(
      ['README.md', 'docs/format.md', 'test/fixtures/parse/design-example.session.md'].every((file) => seen.some((w) => w.startsWith(file))),
      seen.join(', '),
    );
  });
});
