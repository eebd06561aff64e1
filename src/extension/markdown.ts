import * as vscode from 'vscode';
import type { Markdown } from '../core';

/**
 * The only way Markdown reaches VS Code (a unit test checks it): it takes `Markdown`, in which the
 * core has escaped all file text, and renders it untrusted: no command links, no HTML, no icons.
 */
export function toMarkdownString(markdown: Markdown): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown.value, false);
  result.isTrusted = false;
  result.supportHtml = false;
  return result;
}
