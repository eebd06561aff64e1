import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldingRanges, outline, type Session } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { withFullCommonMark } from '../../src/core/parse/markdown';
import { isInsideNonTranscript } from '../../src/core/language/locate';
import { annomiSession, realisticSource, realisticTranscripts } from '../support/annomi';
import { ROOT } from '../support/paths';

// src/core/parse/markdown.ts switches off the micromark constructs nothing reads (emphasis, character
// references, hard breaks) and reads bracketed marks such as `[00:01:02]` as text before trying them as
// link labels. This proves that what users see (the session model, folding, the outline and where
// completion is off) is the same as with full CommonMark.

/** Everything the product derives from a parse, without the tree itself. */
function visible(text: string): unknown {
  const session: Session = parseSession(text);
  const { mdast: _mdast, ...model } = session;
  const blocked: number[] = [];
  for (let offset = 0; offset <= text.length; offset++) if (isInsideNonTranscript(session, offset)) blocked.push(offset);
  return { model, folding: foldingRanges(session), outline: outline(session), blocked };
}

function assertSame(text: string, what: string): void {
  const reduced = visible(text);
  const full = withFullCommonMark(() => visible(text));
  assert.deepEqual(reduced, full, `${what} reads differently without the skipped constructs:\n${text}`);
}

// A small deterministic generator (mulberry32), so a failure can be replayed.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces chosen to start every skipped construct (and the kept ones next to them) inside turns, headings, memos and lists.
const STARTS = [
  '',
  '',
  '',
  '[00:01:02] ',
  '[00:01:02]: /t ',
  '[inaudible]: /u "a`b" ',
  '**T:** ',
  '> ',
  '- ',
  '1. ',
  '2. ',
  '## ',
  '### ',
  '    ',
  '[a]: /url ',
  '<!-- region -->',
  '```',
  '---',
  '===',
  '<details>',
  '(Recording starts.)',
];
const PIECES = [
  'T: ',
  'C: ',
  'Client: ',
  'so',
  'I',
  'feel',
  'tired',
  '{open-question}',
  '{reflection | deep}',
  '{#sleep}',
  '{',
  '}',
  '`',
  '``',
  '`{code}`',
  '*',
  '**',
  '_',
  '__',
  '*stress*',
  '_really_',
  '[',
  ']',
  '](',
  ')',
  '[link](/x)',
  '![img](/y.png)',
  '[ref]',
  '[ref][a]',
  '[a]',
  '<',
  '>',
  '<b>',
  '</b>',
  '[x](a`b)',
  '[00:01:02]',
  '[00:01]',
  '[inaudible]',
  '[crosstalk, 2 s]',
  '[00:01](',
  '[a b][',
  '[x [00:02] y](z`w)',
  '[a [00:01:02] b](u`v)',
  '![00:01]',
  '<!--',
  '-->',
  '<!-- {open-question} -->',
  '<!-- {#sleep}',
  '<https://example.org>',
  '&amp;',
  '&#96;',
  '&copy',
  '\\',
  '\\`',
  '\\*',
  '\\[',
  '"',
  "'",
  '(pause)',
  '[inaudible]',
  'Beginning',
  'Middle',
  'Termination',
];

function generated(seed: number): string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const lines = ['---', 'session: 1', 'goals:', '  - id: sleep', '    text: Sleep', '---', ''];
  for (let i = 0; i < 14; i++) {
    if (next() < 0.2) lines.push('');
    const words = Array.from({ length: 1 + Math.floor(next() * 9) }, () => pick(PIECES));
    lines.push(pick(STARTS) + words.join(next() < 0.7 ? ' ' : ''));
  }
  return lines.join('\n');
}

describe('the session syntax of the Markdown parser', () => {
  it('reads every example session as full CommonMark does', () => {
    const examples = join(ROOT, 'examples');
    for (const dir of readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(examples, dir.name)).filter((f) => f.endsWith('.session.md'))) {
        assertSame(readFileSync(join(examples, dir.name, file), 'utf8'), `${dir.name}/${file}`);
      }
    }
  });

  it(`reads a realistic 300-turn session built from ${realisticSource()} as full CommonMark does`, () => {
    const rows = [...realisticTranscripts().values()].flat().slice(0, 300);
    const text = annomiSession(rows, { turns: 300 }).text;
    const reduced = parseSession(text);
    const full = withFullCommonMark(() => parseSession(text));
    const { mdast: _a, ...a } = reduced;
    const { mdast: _b, ...b } = full;
    assert.deepEqual(a, b);
  });

  it('keeps code spans where links, inline HTML, escapes and definitions put them', () => {
    const cases = [
      'T: see [x](a`b) and `{code}` ok {reflection}',
      'T: see <a title="`">{code}</a> and ` {x}',
      'T: \\`{code}` {y}',
      '[00:02]: /t\n\nT: see [a [00:02] b](u`v) and `{code}` ok {reflection}',
      'T: see [a [00:02] b](u`v) and `{code}` ok {reflection}\n\n[00:02]: /t',
      '## [Beginning] *phase* &amp; more\n\n[00:00:05] T: Hi. {open-question}',
    ];
    for (const text of cases) assertSame(text, JSON.stringify(text));
  });

  it('reads 600 generated transcripts full of emphasis, links, references, escapes, bracketed marks and code spans as full CommonMark does', () => {
    for (let seed = 1; seed <= 600; seed++) assertSame(generated(seed), `generated transcript ${seed}`);
  });
});
