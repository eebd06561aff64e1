import { strict as assert } from 'node:assert';
import type { Nodes, Root } from 'mdast';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseSession } from '../../src/core/parse/session';
import { reparseSession } from '../../src/core/parse/incremental';
import { documentArbitrary, mutate, mutationsArbitrary, realTranscripts, runs, SCALE, transcriptArbitrary } from '../support/fuzz';

// The product's Markdown parser against plain remark: remark-parse with remark-frontmatter, as
// src/core/parse/markdown.ts sets them up, but without its shortcuts (the plain-block pass of
// plainRuns.ts, the skipped constructs, the incremental re-parse of splice.ts). Inputs: every example
// of the CommonMark spec, from the commonmark-spec package (CommonMark Spec 0.31.2 by John MacFarlane,
// https://spec.commonmark.org, CC BY-SA 4.0; read from node_modules, not copied here), and generated
// transcripts (test/support/fuzz.ts), each with LF, CRLF, lone CR and byte order mark variants.
// Property runs use a fixed seed here and a random one in `npm run fuzz` (SESSIONMD_FC_SEED).
//
// Where the two must agree, and do, node for node and position for position: every block (type,
// position, depth, list fields, the value of code, HTML and front matter), and in each paragraph and
// heading the span of its inline content and the inline nodes that decide where a code may be: code
// spans, inline HTML, links and images. Deliberately not compared:
// - text, emphasis, character references and hard breaks inside that span: the product skips those
//   constructs (DISABLED_CONSTRUCTS in markdown.ts) and keeps their source as text at the same
//   place; test/unit/parse-constructs.test.ts proves the session reads the same either way. For the
//   same reason the info string of a code block, a link's URL and a definition's URL (where remark
//   decodes character references) are left out; a definition is compared by its label.
// And where the product reads a text differently on purpose, the reference follows it:
// - two byte order marks at the start are read as one, as VS Code shows the file (see stripBom in
//   src/core/text/lines.ts); remark strips one and reads the second as text;
// - a first line `---` that is never closed opens no front matter, and the text is read as
//   CommonMark reads it: remark-frontmatter's attempt, left open to the end of the text, keeps
//   micromark from starting any block quote or list in the file (see markdown.ts).

const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const commonMark = unified().use(remarkParse).freeze();

/** How plain remark reads an input, with the two deliberate differences above. */
function reference(input: string): Root {
  // remark strips one byte order mark of its own: in front of the text after the product's, it makes positions count from the same place.
  const body = input.replace(/^\uFEFF{1,2}/, '');
  const tree = remark.parse(`\uFEFF${body}`);
  if (tree.children[0]?.type !== 'yaml' && /^---[ \t]*(?:\r\n|\r|\n|$)/.test(body)) return commonMark.parse(`\uFEFF${body}`);
  return tree;
}

const BLOCK_FIELDS = ['depth', 'ordered', 'start', 'spread', 'checked'] as const;
const ANCHORS = new Set(['inlineCode', 'html', 'link', 'image', 'linkReference', 'imageReference']);

function at(node: Nodes): string {
  const { start, end } = node.position!;
  return `${start.line}:${start.column}@${start.offset}-${end.line}:${end.column}@${end.offset}`;
}

/** The part of a tree where the product and remark must agree (see above). */
function agreed(node: Nodes): unknown {
  const view: Record<string, unknown> = { type: node.type, at: at(node) };
  for (const field of BLOCK_FIELDS)
    if (field in node && node[field as keyof Nodes] !== null && node[field as keyof Nodes] !== undefined) view[field] = node[field as keyof Nodes];
  if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') view['value'] = node.value;
  if (node.type === 'definition') view['label'] = node.label;
  if (node.type === 'paragraph' || node.type === 'heading') {
    const kids = node.children;
    view['inline'] = kids.length === 0 ? '' : `${kids[0]!.position!.start.offset}-${kids[kids.length - 1]!.position!.end.offset}`;
    const anchors: unknown[] = [];
    const visit = (parent: { children?: Nodes[] }): void => {
      for (const child of parent.children ?? []) {
        if (ANCHORS.has(child.type))
          anchors.push(child.type === 'inlineCode' || child.type === 'html' ? [child.type, at(child), child.value] : [child.type, at(child)]);
        visit(child as { children?: Nodes[] });
      }
    };
    visit(node);
    view['anchors'] = anchors;
  } else if ('children' in node) {
    view['children'] = (node.children as Nodes[]).map(agreed);
  }
  return view;
}

function assertAgrees(product: Root, input: string, what: string): void {
  assert.deepStrictEqual(agreed(product), agreed(reference(input)), `${what} reads differently from remark: ${JSON.stringify(input)}`);
}

/** Line-ending and byte order mark variants of a text. */
function variants(text: string): [string, string][] {
  const lf = text.replace(/\r\n?/g, '\n');
  return [
    ['as written', text],
    ['LF', lf],
    ['CRLF', lf.replace(/\n/g, '\r\n')],
    ['lone CR', lf.replace(/\n/g, '\r')],
    ['BOM', `\uFEFF${text}`],
    ['two BOMs', `\uFEFF\uFEFF${text}`],
  ];
}

interface SpecExample {
  markdown: string;
  number: number;
  section: string;
}

// The spec writes a tab as `→` in its examples; the package leaves that to the test runner.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SPEC_EXAMPLES = (require('commonmark-spec') as { tests: SpecExample[] }).tests.map((example) => ({
  ...example,
  markdown: example.markdown.replace(/→/g, '\t'),
}));

describe('the parser against plain remark', function () {
  // Correctness, not speed: a busy machine must not fail it (the whole file takes a few seconds).
  this.timeout(Math.max(1, SCALE) * 600_000);

  it('has the CommonMark spec examples to read', () => {
    assert.ok(SPEC_EXAMPLES.length >= 650, `only ${SPEC_EXAMPLES.length} examples`);
  });

  for (const [variant, change] of [
    ['LF', (text: string) => text],
    ['CRLF', (text: string) => text.replace(/\n/g, '\r\n')],
    ['lone CR', (text: string) => text.replace(/\n/g, '\r')],
    ['BOM', (text: string) => `\uFEFF${text}`],
  ] as const) {
    it(`reads every CommonMark spec example as remark does, ${variant}`, () => {
      const differing: number[] = [];
      for (const example of SPEC_EXAMPLES) {
        const input = change(example.markdown);
        if (JSON.stringify(agreed(parseSession(input).mdast)) !== JSON.stringify(agreed(reference(input)))) differing.push(example.number);
      }
      const first = SPEC_EXAMPLES.find((example) => example.number === differing[0]);
      if (first) assertAgrees(parseSession(change(first.markdown)).mdast, change(first.markdown), `spec example ${first.number} (${first.section})`);
      assert.deepEqual(differing, []);
    });
  }

  for (const [label, arbitrary, n] of [
    ['generated text (fuzz.ts documents)', documentArbitrary(), 80],
    ['generated transcripts', transcriptArbitrary(), 80],
  ] as const) {
    it(`reads ${label} as remark does, in every variant, with or without the plain-block shortcut`, () => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          for (const [variant, input] of variants(text)) assertAgrees(parseSession(input).mdast, input, variant);
        }),
        runs(n),
      );
    });

    it(`re-parses edits of ${label} as remark reads the result`, () => {
      fc.assert(
        fc.property(arbitrary, mutationsArbitrary(), (text, mutations) => {
          for (const [variant, before] of variants(text).slice(1, 5)) {
            const after = mutate(before, mutations);
            assertAgrees(reparseSession(parseSession(before), after).mdast, after, `${variant}, edited`);
          }
        }),
        runs(n / 3),
      );
    });
  }

  it('re-parses random edits of real transcripts as remark reads the result', () => {
    const sources = realTranscripts().slice(0, 4);
    const sessions = sources.map(({ text }) => parseSession(text));
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), mutationsArbitrary(), (index, mutations) => {
        const after = mutate(sources[index]!.text, mutations);
        assertAgrees(reparseSession(sessions[index]!, after).mdast, after, `${sources[index]!.label}, edited`);
      }),
      runs(15),
    );
  });
});
