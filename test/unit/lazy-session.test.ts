import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, type Session } from '../../src/core';
import { parseSessionLazily } from '../../src/core/parse/lazySession';
import { parseSession, type ParseCounter } from '../../src/core/parse/session';
import { collapseSpaces } from '../../src/core/parse/turns';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES, ROOT } from '../support/paths';
import { transcript } from '../support/workspace';

// The linter's first parse of a text reads the front matter at once and the body (Markdown, sections,
// turns) when a rule first reads it (src/core/parse/lazySession.ts). What it gives must be the session
// `parseSession` gives, field for field, and a lint must find the same, parsed or not.

function sessionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.session.md'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// Every field, the lazy ones read through their getters.
function fields(session: Session): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(session).sort()) copy[key] = (session as unknown as Record<string, unknown>)[key];
  return copy;
}

const EDGE_CASES: Record<string, string> = {
  empty: '',
  'no front matter': '# Session\n\n## Beginning\n\nT: Hello. {open-question}\n',
  'a list first': '- a list item\n\nT: Hello.\n',
  'front matter, nothing after': '---\nsession: 1\n---',
  'front matter, fences with spaces and tabs': '---  \nsession: 2\nclient: C-1\n--- \t\n\n# Session 2\n\n## Beginning\n\n[00:00:01] T: Hi.\n',
  'a fence of four dashes first': '----\nsession: 1\n---\n\nT: Hi.\n',
  'a closing fence of four dashes': '---\nsession: 1\n----\nclient: C-1\n---\n\nT: Hi.\n',
  'unclosed front matter': '---\nsession: 1\nclient: C-1\n\n## Beginning\n\nT: Hi.\n\n> memo\n',
  'broken YAML': '---\nsession: [1\nclient: {\n---\n\nT: Hi.\n',
  CRLF: transcript({ eol: '\r\n' }),
  'lone CR': transcript({ eol: '\r' }),
  'byte order mark': `\ufeff${transcript()}`,
  'two byte order marks': `\ufeff\ufeff${transcript()}`,
  'three byte order marks': `\ufeff\ufeff\ufeff${transcript()}`,
  'speakers and a phase model': transcript({ frontMatter: 'session: 3\nspeakers:\n  Dr K: therapist\n  P: client\nphases: cbt' }),
  'front matter in a code fence after': `${transcript()}\n\`\`\`\n---\nnot: front matter\n---\n\`\`\`\n`,
};

describe('a session parsed when first read', () => {
  const files = [...sessionFiles(join(ROOT, 'examples')), ...sessionFiles(FIXTURES)];

  it(`is the session parseSession gives, for the examples and the ${files.length} fixture transcripts`, () => {
    assert.ok(files.length > 100, `only ${files.length} transcripts found`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(fields(parseSessionLazily(text)), fields(parseSession(text)), file);
      assert.deepEqual(fields(parseSessionLazily(text, { phases: 'cbt' })), fields(parseSession(text, { phases: 'cbt' })), `${file} under cbt`);
    }
  });

  for (const [name, text] of Object.entries(EDGE_CASES))
    it(`is the session parseSession gives: ${name}`, () => {
      assert.deepEqual(fields(parseSessionLazily(text)), fields(parseSession(text)));
    });

  it('finds the front matter where Markdown does, on 3,000 generated texts (fences with spaces, tabs and extra dashes, every line ending)', () => {
    const first = fc.constantFrom('---', '--- ', '---\t', '---  \t', '----', ' ---', '--- x', '---x', '-- -', 'T: hi', '');
    const line = fc.constantFrom(
      'session: 2',
      'client: C-1',
      'a: [1',
      '',
      '---',
      '--- ',
      '---\t ',
      '----',
      ' ---',
      '--- #',
      '-- -',
      '> memo',
      '[00:00:01] T: hi {x}',
      '# Session',
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc
      .tuple(first, fc.array(fc.tuple(line, eol), { maxLength: 8 }), eol, fc.boolean())
      .map(([head, lines, end, closed]) => `${head}${end}${lines.map(([l, e]) => l + e).join('')}${closed ? '' : 'tail'}`);
    fc.assert(
      fc.property(text, (input) => {
        assert.deepEqual(fields(parseSessionLazily(input)), fields(parseSession(input)));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it('reads the front matter at once and the body only when asked, once', () => {
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    const session = parseSessionLazily(transcript(), { counter });
    assert.equal(session.frontMatter?.client, 'C-001');
    assert.deepEqual(counter, { sessions: 1, incremental: 0, full: 0 });
    const turns = session.turns;
    assert.ok(turns.length > 0);
    assert.deepEqual(counter, { sessions: 1, incremental: 0, full: 0, bodies: 1 });
    assert.equal(session.turns, turns);
    assert.ok(session.sections.length > 0 && session.mdast.children.length > 0);
    assert.deepEqual(counter, { sessions: 1, incremental: 0, full: 0, bodies: 1 });
  });

  describe('in a lint limited to the pii rules', () => {
    const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);
    const path = join(ROOT, 'examples', 'pii.session.md');
    const lint = async (text: string, onlyRules?: string[]) => {
      const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
      const linted = await new Linter(host, { counter, ...(onlyRules ? { onlyRules } : {}) }).lintText(path, text);
      return { findings: linted.findings.filter((f) => f.ruleId.startsWith('pii-')), parses: counter.bodies ?? 0, codebook: linted.codebook };
    };
    const PII = ['pii-email', 'pii-phone', 'pii-url', 'pii-id-number', 'pii-date', 'pii-name'];

    it('parses no Markdown and loads no codebook for a transcript with nothing to report', async () => {
      const clean = await lint(transcript(), PII);
      assert.deepEqual(clean.findings, []);
      assert.equal(clean.parses, 0);
      assert.equal(clean.codebook, undefined);
      const all = await lint(transcript());
      assert.equal(all.parses, 1);
      assert.ok(all.codebook);
    });

    it('parses the body to place what it finds, and finds what a full lint finds', async () => {
      const text = transcript({
        middle: ['[00:03:00] C: Write to me at jo@example.org or call 0171 555 0199. {neutral}', '[00:03:30] T: Born on 12.03.1984? {closed-question}'],
      });
      const limited = await lint(text, PII);
      const all = await lint(text);
      assert.deepEqual(
        limited.findings.map((f) => f.ruleId),
        ['pii-email', 'pii-phone', 'pii-date'],
      );
      assert.deepEqual(limited.findings, all.findings);
      assert.equal(limited.parses, 1);
    });
  });
});

// A turn's words are its text with each run of whitespace made one space (readTurnBody); the
// shortcut for text already so must give what the full replacement gives.
describe("a turn's words", () => {
  it('are the text with whitespace collapsed and trimmed, with or without the shortcut, on 5,000 generated texts', () => {
    const piece = fc.constantFrom('a', 'Wort', '’', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '{x}', '.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(collapseSpaces(text), text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 5000, seed: 18 },
    );
    assert.equal(collapseSpaces(' So, how was the week? '), 'So, how was the week?');
    assert.equal(collapseSpaces('So,\u00a0how  was\nthe week?'), 'So, how was the week?');
  });
});
