import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// The one remark pipeline: CommonMark with YAML front matter. Frozen once, reused for every document.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

/** Parses Markdown text (without BOM) into mdast with 1-based positions and 0-based offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
