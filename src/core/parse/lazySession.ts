import type { Root } from 'mdast';
import type { FrontMatter, Section, Session, Turn } from '../model';
import { computeLineStarts, detectEol, frontMatterLineCount, isFrontMatterFence, lineText, stripBom } from '../text/lines';
import { parseFrontMatter, unclosedFrontMatter } from './frontMatter';
import { parseMarkdown } from './markdown';
import { headOf, parseSession, sessionFromMarkdown, type ParseDefaults } from './session';

/**
 * The session model of a text, as `parseSession` gives it, but with the body (`mdast`, `sections`,
 * `turns`) parsed only when something first reads it. The front matter, speakers and phase model
 * are read at once. A lint whose rules look only at the text (`lint --rules pii`, the pre-commit
 * hook) then parses no Markdown unless a rule finds something and asks where it is.
 */
export function parseSessionLazily(input: string, defaults: ParseDefaults = {}): Session {
  const { text, bom } = stripBom(input);
  const lineStarts = computeLineStarts(text);
  const head = frontMatterOnly(text, lineStarts);
  // A U+FEFF left at the start (parseMarkdown reads it its own way) is parsed at once.
  if (head === 'parse') return parseSession(input, defaults);
  const made = headOf(head.frontMatter, defaults);
  // The session counts as parsed once, now; its body as well when it is read.
  const { counter, ...uncounted } = defaults;
  if (counter) counter.sessions++;
  let body: Session | undefined;
  const parsed = (): Session => {
    if (body) return body;
    if (counter) counter.bodies = (counter.bodies ?? 0) + 1;
    body = sessionFromMarkdown(text, bom, lineStarts, parseMarkdown(text), uncounted, { frontMatter: head.frontMatter, made });
    return body;
  };
  const session: Session = {
    text,
    hadBom: bom !== '',
    bom,
    eol: detectEol(text),
    ...made,
    lineStarts,
    get mdast(): Root {
      return parsed().mdast;
    },
    get sections(): Section[] {
      return parsed().sections;
    },
    get turns(): Turn[] {
      return parsed().turns;
    },
  };
  if (head.frontMatter) session.frontMatter = head.frontMatter;
  return session;
}

// The front matter as the full parse reads it (see readFrontMatter in session.ts), or 'parse' for a
// U+FEFF left at the start, which parseMarkdown reads its own way.
// The fences are found as micromark-extension-frontmatter finds them: `---` and spaces or tabs
// alone on the first line and on the closing one (frontMatterLineCount);
// test/unit/lazy-session.test.ts compares both ways on generated texts.
function frontMatterOnly(text: string, lineStarts: number[]): { frontMatter: FrontMatter | undefined } | 'parse' {
  if (text.charCodeAt(0) === 0xfeff) return 'parse';
  if (!text.startsWith('---')) return { frontMatter: undefined };
  const lines = frontMatterLineCount(lineStarts.length, (index) => lineText(text, lineStarts, index + 1));
  if (lines === 0) return { frontMatter: isFrontMatterFence(lineText(text, lineStarts, 1)) ? unclosedFrontMatter(text, lineStarts) : undefined };
  const closingEnd = lineStarts[lines - 1]! + lineText(text, lineStarts, lines).length;
  return { frontMatter: parseFrontMatter(text, lineStarts, 0, closingEnd) };
}
