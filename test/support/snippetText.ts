import { parseSnippet, type SnippetNode } from '../../src/core/language/snippetSyntax';

/**
 * The text a snippet body puts in the document when the user accepts every default, read with
 * the editor's own snippet parser: a placeholder gives its default text, a choice its first
 * option, a tab stop nothing, and a variable its default or nothing.
 */
export function snippetDefaultText(body: string): string {
  return parseSnippet(body)
    .map((node) => nodeText(body, node))
    .join('');
}

function nodeText(body: string, node: SnippetNode): string {
  const slice = body.slice(node.start, node.end);
  switch (node.kind) {
    case 'text':
      return slice.replace(/\\([$}\\])/g, '$1');
    case 'tabstop': {
      const choice = /^\$\{\d+\|(.*)\|\}$/s.exec(slice);
      return choice ? choice[1]!.split(',')[0]!.replace(/\\([,|\\$}])/g, '$1') : '';
    }
    case 'placeholder':
    case 'variable':
      return node.children.map((child) => nodeText(body, child)).join('');
  }
}
