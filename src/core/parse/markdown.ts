import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import type { Construct, State } from 'micromark-util-types';
import { isMarkCode } from './marks';
import { restoreStretches, skeletonOf } from './plainRuns';
import { unified, type Processor } from 'unified';

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

const base = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
// The one remark pipeline: CommonMark with YAML front matter and the changes above, which read the same. Frozen once, reused for every document.
const sessionParser = base().use(sessionSyntax).freeze();
interface Parser {
  parse(text: string): unknown;
}
let override: Parser | undefined;
let plainRuns = true;

// A link reference definition's label ends in `]:`.
const MAY_DEFINE = /\]:/;

/** Parses Markdown text (without BOM) into mdast with 1-based positions and 0-based offsets. */
export function parseMarkdown(text: string): Root {
  if (override) return override.parse(text) as Root;
  return (plainRuns ? parseStretched(text) : undefined) ?? (sessionParser.parse(text) as Root);
}

/**
 * The tree of a text whose plain blocks micromark was spared (see plainRuns.ts); undefined when
 * there are none, or when they did not come back where they were, and the text must be parsed as it is.
 */
export function parseStretched(text: string): Root | undefined {
  // A definition could turn a bracketed mark into a link; there are none in transcripts. micromark
  // drops a byte order mark that is left at the start (a file that had two), moving line 1's columns.
  if (MAY_DEFINE.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const skeleton = skeletonOf(text);
  if (!skeleton) return undefined;
  const root = sessionParser.parse(skeleton.text) as Root;
  return restoreStretches(root, skeleton, text) ? root : undefined;
}

/** Runs `fn` with every construct of CommonMark switched on, for tests and the benchmark that compare the two. */
export function withFullCommonMark<T>(fn: () => T): T {
  const previous = override;
  override = base().freeze();
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
