import { resolve } from 'node:path';
import type { Codebook } from '../core';
import { loadCodebookForCommand } from './codebookRef';
import { EXIT, UsageError, type RunOptions } from './io';
import { displayPath } from './files';
import { writeOutputFile } from './outputFile';
import { terminalText } from './terminal';

/** The options `session-md snippets` accepts, for `parseArgs`. */
export const SNIPPETS_OPTIONS = {
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const SNIPPETS_USAGE = `Usage: session-md snippets <library.codebook.yaml or built-in name> [--out <file>]

Converts the snippets of a codebook or technique library into a VS Code snippets file
(a .code-snippets JSON file), for use without the Session Markdown extension. Each
snippet keeps its body exactly; its prefix is the snippet's own or the code id; its
description names the code, the snippet and the library; its scope is session-markdown.

Options:
  -o, --out <file>        Write to this file (atomically) instead of standard output;
                          never the codebook read, nor through a symbolic link
                          that leads out of its folder
      --force             Overwrite an existing --out file (refused otherwise)
  -h, --help              Show this help

Exit codes: 0 written, 1 invalid codebook, 2 usage or I/O error.
`;

/** The language VS Code offers the converted snippets in. */
export const SNIPPET_SCOPE = 'session-markdown';

/** One entry of a VS Code snippets file. */
export interface VsCodeSnippet {
  prefix: string;
  body: string[];
  description: string;
  scope: string;
}

/** `session-md snippets`: converts a library's snippets to a VS Code snippets file and returns the exit code. */
export async function snippetsCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'snippets needs a codebook: a *.codebook.yaml file or a built-in name' : 'snippets converts one codebook at a time',
    );
  }
  const result = await loadCodebookForCommand(positionals[0]!, options);
  if ('exit' in result) return result.exit;
  const { codebook } = result.loaded;
  const snippets = toVsCodeSnippets(codebook);
  const count = Object.keys(snippets).length;
  if (count === 0) options.stderr.write(`session-md: '${codebook.name}' has no snippets; the snippets file is empty\n`);
  const json = JSON.stringify(snippets, null, 2) + '\n';
  const out = values['out'];
  if (values['force'] === true && typeof out !== 'string') throw new UsageError('--force applies to --out only');
  if (typeof out !== 'string') {
    options.stdout.write(json);
    return EXIT.clean;
  }
  if (out === '') throw new UsageError('--out needs a file name');
  const path = resolve(options.cwd, out);
  const refused = await writeOutputFile(out, json, { force: values['force'] === true, inputs: [result.loaded.path] }, options);
  if (refused !== undefined) return refused;
  options.stdout.write(terminalText(`Wrote ${count} snippet${count === 1 ? '' : 's'} from '${codebook.name}' to ${displayPath(path, options.cwd)}.\n`));
  return EXIT.clean;
}

/** A VS Code snippets object for a codebook's snippets, keyed by unique names; bodies are split on line breaks and otherwise kept exactly. */
export function toVsCodeSnippets(codebook: Codebook): Record<string, VsCodeSnippet> {
  const snippets: Record<string, VsCodeSnippet> = {};
  for (const code of codebook.codes.values()) {
    for (const snippet of code.snippets) {
      const name = uniqueName(snippets, `${code.label}: ${snippet.label}`);
      snippets[name] = {
        prefix: snippet.prefix ?? (slug(code.id) || slug(code.label) || 'snippet'),
        body: snippet.body.split('\n'),
        description: [code.label, snippet.description, codebook.name].filter((part) => part !== undefined && part.trim() !== '').join(' — '),
        scope: SNIPPET_SCOPE,
      };
    }
  }
  return snippets;
}

function uniqueName(taken: Record<string, unknown>, name: string): string {
  if (!Object.hasOwn(taken, name)) return name;
  let n = 2;
  while (Object.hasOwn(taken, `${name} (${n})`)) n++;
  return `${name} (${n})`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
