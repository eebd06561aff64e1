// Loads the session grammar with vscode-textmate and vscode-oniguruma (both come with
// vscode-tmgrammar-test), with the Markdown and YAML grammars it embeds from tm-grammars.
// Shared by test/grammar/parity.ts and bench/grammar.ts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const ROOT = join(__dirname, '..', '..');

/** The grammars by scope name; fenced code blocks in other languages stay untokenized. */
export const GRAMMAR_FILES: Record<string, string> = {
  'text.session.markdown': join(ROOT, 'syntaxes', 'session-markdown.tmLanguage.json'),
  'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json'),
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
};

let wasm: Promise<void> | undefined;

export async function loadSessionGrammar(): Promise<textmate.IGrammar> {
  wasm ??= oniguruma.loadWASM(readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer);
  await wasm;
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      const path = GRAMMAR_FILES[scopeName];
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
  });
  const grammar = await registry.loadGrammar('text.session.markdown');
  if (!grammar) throw new Error('could not load text.session.markdown');
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes lines in order, carrying the rule stack from one line to the next. */
export function tokenizeLines(grammar: textmate.IGrammar, lines: string[]): Token[][] {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

export { textmate };
