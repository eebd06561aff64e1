import type { Node, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import type { Construct, State } from 'micromark-util-types';
import { isMarkCode } from './marks';
import { restoreStretches, skeletonOf } from './plainRuns';
import { unified, type Processor } from 'unified';
import { isFrontMatterFence } from '../text/lines';

/**
 * Inline constructs the parser skips: nothing reads emphasis, character references or hard
 * breaks, and their source stays in the tree as plain text at the same positions. Links,
 * escapes, autolinks and inline HTML stay on, because they decide where a code span may start
 * (a backtick inside `[a](b`c)` or `<a title="`">` opens none), and braces inside a code span
 * are not annotations.
 */
export const DISABLED_CONSTRUCTS = ['attention', 'characterReference', 'hardBreakEscape'];

const BRACKET_OPEN = 91; // [
const BRACKET_CLOSE = 93; // ]
const PAREN_OPEN = 40; // (

/**
 * Reads a bracketed mark that is not followed by `(` or `[` as plain text, before micromark
 * tries it as a link label: without link reference definitions in the document (there are none
 * in transcripts; with any, this steps aside) it could only be a label that links nowhere.
 * Every turn starts with a timestamp, and trying each one as a link was about an eighth of a
 * parse (docs/performance.md).
 */
const bracketedMark: Construct = {
  name: 'sessionBracketedMark',
  add: 'before',
  tokenize(effects, ok, nok) {
    let inside = 0;
    const content: State = (code) => {
      if (code === BRACKET_CLOSE && inside > 0) {
        effects.consume(code);
        return after;
      }
      if (!isMarkCode(code)) return nok(code);
      inside++;
      effects.consume(code);
      return content;
    };
    const after: State = (code) => {
      if (code === PAREN_OPEN || code === BRACKET_OPEN) return nok(code);
      effects.exit('data');
      return ok(code);
    };
    // Definitions are all known before inline text is read, so one anywhere makes a shortcut reference possible.
    const defined = this.parser.defined.length > 0;
    return (code) => {
      if (defined) return nok(code);
      effects.enter('data');
      effects.consume(code);
      return content;
    };
  },
};

function sessionSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: DISABLED_CONSTRUCTS }, text: { [BRACKET_OPEN]: bracketedMark } });
}

const base = unified().use(remarkParse);
// The one remark pipeline: CommonMark with YAML front matter and the changes above, which read the same. Frozen once, reused for every document.
const sessionParser = base().use(remarkFrontmatter, ['yaml']).use(sessionSyntax).freeze();
// The same without front matter, for a text whose first line `---` is never closed (see `opensUnclosedFrontMatter`).
const sessionParserNoFrontMatter = base().use(sessionSyntax).freeze();
interface Parser {
  parse(text: string): unknown;
}
let override: { withFrontMatter: Parser; withoutFrontMatter: Parser } | undefined;
let plainRuns = true;

// A link reference definition's label ends in `]:`.
const MAY_DEFINE = /\]:/;
const FEFF = 0xfeff;
// micromark reads a no-break space as it reads U+FEFF (Unicode whitespace, but not a Markdown space that indents).
const FEFF_STAND_IN = '\u00a0';

/**
 * Parses Markdown text (the file's byte order mark already removed) into mdast with 1-based positions
 * and 0-based offsets into `text`. Differences from remark with remark-frontmatter: the skipped
 * constructs above; a U+FEFF left at the start (one more than the byte order mark `stripBom`
 * removes, or the start of a re-parsed slice) is read as a character, where micromark would drop it
 * and move every position; and a first line
 * `---` that is never closed opens no front matter (see `opensUnclosedFrontMatter`).
 */
export function parseMarkdown(text: string): Root {
  const leadingFeff = text.charCodeAt(0) === FEFF;
  const input = leadingFeff ? FEFF_STAND_IN + text.slice(1) : text;
  const frontMatter = !opensUnclosedFrontMatter(input);
  let root: Root;
  if (override) root = (frontMatter ? override.withFrontMatter : override.withoutFrontMatter).parse(input) as Root;
  else root = (plainRuns ? parseStretched(input, frontMatter) : undefined) ?? ((frontMatter ? sessionParser : sessionParserNoFrontMatter).parse(input) as Root);
  if (leadingFeff) restoreLeadingFeff(root);
  return root;
}

/**
 * Whether the first line is a front matter fence that no later `---` line closes. remark-frontmatter
 * then reads no front matter, but its attempt, kept open to the end of the text, stops micromark from
 * starting any block quote or list in the whole file (micromark-extension-frontmatter 2.0.0 marks its
 * construct "concrete"; a known bug, issue 5 of that repository): memos and lists would come back as
 * paragraphs of `>` and `-` lines. Without the extension the file reads as CommonMark reads it.
 * test/unit/differential.test.ts compares such texts with remark without remark-frontmatter.
 */
export function opensUnclosedFrontMatter(text: string): boolean {
  if (!text.startsWith('---')) return false;
  const firstEnd = text.search(/[\r\n]/);
  if (firstEnd === -1 || !isFrontMatterFence(text.slice(0, firstEnd))) return firstEnd === -1 && isFrontMatterFence(text);
  // A fence line anywhere after the first (isFrontMatterFence, found without splitting a long text into lines).
  CLOSING_FENCE.lastIndex = firstEnd;
  return !CLOSING_FENCE.test(text);
}

const CLOSING_FENCE = /(?:\r\n|\r|\n)---[ \t]*(?=\r|\n|$)/g;

// The stand-in can only be the first character of a text node: no other node starts with it.
function restoreLeadingFeff(root: Root): void {
  let node: Node | undefined = root.children[0];
  while (node && node.position?.start.offset === 0) {
    if ('value' in node && typeof node.value === 'string' && node.value.startsWith(FEFF_STAND_IN)) {
      node.value = String.fromCharCode(FEFF) + node.value.slice(1);
      return;
    }
    node = 'children' in node ? (node.children as Node[])[0] : undefined;
  }
}

/**
 * The tree of a text whose plain blocks micromark was spared (see plainRuns.ts); undefined when
 * there are none, or when they did not come back where they were, and the text must be parsed as it is.
 */
export function parseStretched(text: string, frontMatter = !opensUnclosedFrontMatter(text)): Root | undefined {
  // A definition could turn a bracketed mark into a link; there are none in transcripts. micromark
  // drops a U+FEFF left at the start (parseMarkdown puts a stand-in there), moving line 1's columns.
  if (MAY_DEFINE.test(text) || text.charCodeAt(0) === FEFF) return undefined;
  const skeleton = skeletonOf(text);
  if (!skeleton) return undefined;
  const root = (frontMatter ? sessionParser : sessionParserNoFrontMatter).parse(skeleton.text) as Root;
  return restoreStretches(root, skeleton, text) ? root : undefined;
}

/** Runs `fn` with every construct of CommonMark switched on, for tests and the benchmark that compare the two. */
export function withFullCommonMark<T>(fn: () => T): T {
  const previous = override;
  override = { withFrontMatter: base().use(remarkFrontmatter, ['yaml']).freeze(), withoutFrontMatter: base().freeze() };
  try {
    return fn();
  } finally {
    override = previous;
  }
}

/** Runs `fn` with micromark reading every line itself (no plain runs), for the tests that prove the trees are the same. */
export function withoutPlainRuns<T>(fn: () => T): T {
  const previous = plainRuns;
  plainRuns = false;
  try {
    return fn();
  } finally {
    plainRuns = previous;
  }
}
