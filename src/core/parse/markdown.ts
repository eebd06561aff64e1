import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import type { Code, Construct, State } from 'micromark-util-types';
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

// What a bracketed mark such as `[00:01:02]`, `[inaudible]` or `[crosstalk, 2 s]` may hold: letters, digits, spaces and `:.,'-`.
function isMarkCode(code: Code): boolean {
  if (code === null || code < 32) return false;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127) return true;
  return code === 32 || code === 58 || code === 46 || code === 44 || code === 39 || code === 45;
}

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

// The one remark pipeline: CommonMark with YAML front matter and the two changes above, which read the same. Frozen once, reused for every document.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(sessionSyntax).freeze();
let active = processor;

/** Parses Markdown text (without BOM) into mdast with 1-based positions and 0-based offsets. */
export function parseMarkdown(text: string): Root {
  return active.parse(text) as Root;
}

/** Runs `fn` with every construct of CommonMark switched on, for tests and the benchmark that compare the two. */
export function withFullCommonMark<T>(fn: () => T): T {
  const previous = active;
  active = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  try {
    return fn();
  } finally {
    active = previous;
  }
}
