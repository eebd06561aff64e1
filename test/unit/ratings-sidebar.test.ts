import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCurrentNodes, currentNodeView, sessionStats, type Codebook, type CurrentNode } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// The Current Session tree shows a Ratings group when the codebook declares rating scales: each
// scale with its value (or that it is not rated yet), the level's description in the tooltip,
// and a click that goes to the value in the front matter.

const load = (name: string): Codebook => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), `builtin:${name}`).codebook!;
const MITI = load('miti-4.2.1');
const CORE = load('core');

const SESSION = `---
codebook: miti-4.2.1
ratings:
  empathy: 4
  partnership: 6
  cultivating-change-talk: 3
  warmth: 2
---

## Beginning

T: What would you like to change? {question}
`;

function nodes(text: string, codebook: Codebook | undefined): CurrentNode[] {
  const session = parseSession(text);
  return buildCurrentNodes(sessionStats({ file: 'x.session.md', session, ...(codebook ? { codebook } : {}) }), session, codebook);
}

const shown = (markdown: unknown): string => (markdown as { value: string }).value.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('Current Session tree: ratings', () => {
  const roots = nodes(SESSION, MITI);
  const ratings = roots[4]!;

  it('adds a Ratings group after the others, counting the scales rated with a value of their own', () => {
    assert.deepEqual(
      roots.map((n) => currentNodeView(n).label),
      ['Goals', 'Phases', 'Speakers', 'Codes', 'Ratings'],
    );
    assert.deepEqual([currentNodeView(ratings).description, currentNodeView(ratings).fold], ['2/4 rated', 'expanded']);
  });

  it("lists every scale in the codebook's order with its value, then a key that is no scale", () => {
    assert.deepEqual(
      ratings.children.map((n) => [currentNodeView(n).label, currentNodeView(n).description, currentNodeView(n).reveal?.start.line, n.parent === ratings]),
      [
        ['Cultivating Change Talk (CCT)', '3 (1–5)', 6, true],
        ['Softening Sustain Talk (SST)', 'not rated · required', 3, true],
        ['Partnership', 'not a value of the scale', 5, true],
        ['Empathy', '4 (1–5)', 4, true],
        ['warmth', 'not a scale of the codebook', 7, true],
      ],
    );
    assert.deepEqual(currentNodeView(ratings.children[3]!).reveal, { start: { line: 4, column: 12, offset: 45 }, end: { line: 4, column: 13, offset: 46 } });
  });

  it("shows the level's description in the tooltip, and every level for a scale without a value of its own", () => {
    assert.equal(
      shown(currentNodeView(ratings.children[3]!).tooltip),
      [
        '**Empathy** (`empathy`): 4 on a scale of 1–5',
        '**4**: The clinician shows an accurate grasp of what the client says and of some of what they mean but have not said.',
        'Rates the therapist · required · coders start at 3 · Codebook: MITI 4.2.1 behaviour codes',
      ].join('\n\n'),
    );
    const missing = shown(currentNodeView(ratings.children[1]!).tooltip);
    assert.match(
      missing,
      /^\*\*Softening Sustain Talk \(SST\)\*\* \(`softening-sustain-talk`\): not rated · required, 1–5\n\n- \*\*1\*\*: .+\n- \*\*2\*\*: .+\n- \*\*3\*\*: .+\n- \*\*4\*\*: .+\n- \*\*5\*\*: .+\n\nRates the therapist/,
    );
    assert.equal(shown(currentNodeView(ratings.children[4]!).tooltip), '`warmth` is not a rating scale of the codebook MITI 4.2.1 behaviour codes.');
  });

  it('shows no Ratings group for a codebook without scales and a session without ratings', () => {
    assert.deepEqual(
      nodes('---\ncodebook: core\n---\n\nT: Hi. {other}\n', CORE).map((n) => n.id),
      ['Goals', 'Phases', 'Speakers', 'Codes'],
    );
    const unrated = nodes('---\ncodebook: miti-4.2.1\n---\n\nT: Hi. {question}\n', MITI)[4]!;
    assert.deepEqual(
      [currentNodeView(unrated).description, unrated.children.map((n) => currentNodeView(n).description)],
      ['0/4 rated', Array(4).fill('not rated · required')],
    );
    assert.equal(currentNodeView(unrated.children[0]!).reveal, undefined, 'nothing to go to');
  });
});
