// VS Code's snippet syntax, read the way VS Code reads it (its grammar, its backslash escapes and
// its fallbacks for broken constructs), so that variables can be made literal without touching
// tab stops, placeholders and choices. A library's `$CLIPBOARD` or `${TM_FILEPATH}` would
// otherwise put the clipboard or local paths into a transcript.

type TokenType = '$' | ':' | ',' | '{' | '}' | '\\' | '/' | '|' | '+' | '-' | '?' | 'int' | 'name' | 'other' | 'eof';
interface Token {
  type: TokenType;
  start: number;
  end: number;
}

/** A piece of a snippet, by its place in the source. */
export type SnippetNode =
  | { kind: 'text'; start: number; end: number }
  /** `$1`, `${1}`, a choice `${1|a,b|}` or a transformed tab stop, kept as written. */
  | { kind: 'tabstop'; start: number; end: number }
  | { kind: 'placeholder'; start: number; end: number; headEnd: number; children: SnippetNode[] }
  | {
      kind: 'variable';
      start: number;
      end: number;
      name: string;
      form: 'short' | 'braced' | 'default' | 'transform';
      headEnd: number;
      children: SnippetNode[];
    };

const SINGLE: Record<string, TokenType> = { $: '$', ':': ':', ',': ',', '{': '{', '}': '}', '\\': '\\', '/': '/', '|': '|', '+': '+', '-': '-', '?': '?' };
const DIGIT = /[0-9]/;
const NAME_START = /[_a-zA-Z]/;
const NAME = /[_a-zA-Z0-9]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    let type: TokenType;
    if (SINGLE[c]) {
      type = SINGLE[c]!;
      i++;
    } else if (DIGIT.test(c)) {
      type = 'int';
      while (i < source.length && DIGIT.test(source[i]!)) i++;
    } else if (NAME_START.test(c)) {
      type = 'name';
      while (i < source.length && NAME.test(source[i]!)) i++;
    } else {
      type = 'other';
      while (i < source.length && !SINGLE[source[i]!] && !NAME.test(source[i]!)) i++;
    }
    tokens.push({ type, start, end: i });
  }
  tokens.push({ type: 'eof', start: source.length, end: source.length });
  return tokens;
}

/** Reads a snippet body into its pieces, as VS Code's snippet parser does. */
export function parseSnippet(source: string): SnippetNode[] {
  return new SnippetReader(source).read();
}

class SnippetReader {
  private readonly tokens: Token[];
  private readonly untilEnd = new Map<string, number>();
  private at = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  read(): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    while (this.any(nodes));
    return nodes;
  }

  private get token(): Token {
    return this.tokens[this.at]!;
  }

  private accept(type?: TokenType): Token | undefined {
    const token = this.token;
    if (token.type === 'eof' || (type !== undefined && token.type !== type)) return undefined;
    this.at++;
    return token;
  }

  private back(to: number): false {
    this.at = to;
    return false;
  }

  private any(parent: SnippetNode[]): boolean {
    return this.escaped(parent) || this.simple(parent) || this.complexTabstop(parent) || this.complexVariable(parent) || this.anything(parent);
  }

  private text(parent: SnippetNode[], start: number, end: number): void {
    const last = parent[parent.length - 1];
    if (last?.kind === 'text' && last.end === start) last.end = end;
    else parent.push({ kind: 'text', start, end });
  }

  // `\$`, `\}` and `\\` are text; a backslash before anything else is itself text.
  private escaped(parent: SnippetNode[]): boolean {
    const slash = this.accept('\\');
    if (!slash) return false;
    const next = this.accept('$') ?? this.accept('}') ?? this.accept('\\');
    this.text(parent, slash.start, (next ?? slash).end);
    return true;
  }

  // `$1` is a tab stop, `$NAME` a variable.
  private simple(parent: SnippetNode[]): boolean {
    const from = this.at;
    const dollar = this.accept('$');
    const value = dollar && (this.accept('name') ?? this.accept('int'));
    if (!dollar || !value) return this.back(from);
    if (value.type === 'int') parent.push({ kind: 'tabstop', start: dollar.start, end: value.end });
    else parent.push({ kind: 'variable', start: dollar.start, end: value.end, name: this.slice(value), form: 'short', headEnd: value.end, children: [] });
    return true;
  }

  private complexTabstop(parent: SnippetNode[]): boolean {
    const from = this.at;
    const dollar = this.accept('$');
    const index = dollar && this.accept('{') && this.accept('int');
    if (!dollar || !index) return this.back(from);
    if (this.accept(':'))
      return this.withChildren(parent, dollar.start, (headEnd, children, end) => ({ kind: 'placeholder', start: dollar.start, end, headEnd, children }));
    if (Number(this.slice(index)) > 0 && this.accept('|')) {
      if (this.choice()) return this.keep(parent, dollar.start);
      return this.back(from);
    }
    if (this.accept('/')) return this.transform() ? this.keep(parent, dollar.start) : this.back(from);
    if (this.accept('}')) return this.keep(parent, dollar.start);
    return this.back(from);
  }

  private complexVariable(parent: SnippetNode[]): boolean {
    const from = this.at;
    const dollar = this.accept('$');
    const nameToken = dollar && this.accept('{') && this.accept('name');
    if (!dollar || !nameToken) return this.back(from);
    const name = this.slice(nameToken);
    const variable = (form: 'braced' | 'transform'): boolean => {
      const end = this.tokens[this.at - 1]!.end;
      parent.push({ kind: 'variable', start: dollar.start, end, name, form, headEnd: end, children: [] });
      return true;
    };
    if (this.accept(':'))
      return this.withChildren(parent, dollar.start, (headEnd, children, end) => ({
        kind: 'variable',
        start: dollar.start,
        end,
        name,
        form: 'default',
        headEnd,
        children,
      }));
    if (this.accept('/')) return this.transform() ? variable('transform') : this.back(from);
    if (this.accept('}')) return variable('braced');
    return this.back(from);
  }

  // `${…:` then children up to `}`; without a `}`, the head is text and the children stay (VS Code's fallback).
  private withChildren(parent: SnippetNode[], start: number, make: (headEnd: number, children: SnippetNode[], end: number) => SnippetNode): boolean {
    const headEnd = this.tokens[this.at - 1]!.end;
    const children: SnippetNode[] = [];
    for (;;) {
      const close = this.accept('}');
      if (close) {
        parent.push(make(headEnd, children, close.end));
        return true;
      }
      if (this.any(children)) continue;
      this.text(parent, start, headEnd);
      for (const child of children) child.kind === 'text' ? this.text(parent, child.start, child.end) : parent.push(child);
      return true;
    }
  }

  private keep(parent: SnippetNode[], start: number): true {
    parent.push({ kind: 'tabstop', start, end: this.tokens[this.at - 1]!.end });
    return true;
  }

  // `a,b|}` after `${1|`: options of any tokens, `\,` `\|` `\\` escaped.
  private choice(): boolean {
    for (;;) {
      let options = 0;
      while (this.token.type !== ',' && this.token.type !== '|') {
        if (this.accept('\\')) this.accept(',') ?? this.accept('|') ?? this.accept('\\');
        else if (!this.accept()) return false;
        options++;
      }
      if (options === 0) return false;
      if (this.accept(',')) continue;
      this.accept('|');
      return this.accept('}') !== undefined;
    }
  }

  // `regex/format/options}` after `${1/` or `${NAME/`; the regex must compile, as in VS Code.
  private transform(): boolean {
    let regex = '';
    while (!this.accept('/')) {
      if (this.accept('\\')) regex += this.accept('/') ? '/' : '\\';
      else if (this.token.type !== 'eof') regex += this.slice(this.accept()!);
      else return false;
    }
    while (!this.accept('/')) {
      if (this.accept('\\')) this.accept('\\') ?? this.accept('/');
      else if (!this.formatString() && !this.accept()) return false;
    }
    let flags = '';
    while (!this.accept('}')) {
      const token = this.accept();
      if (!token) return false;
      flags += this.slice(token);
    }
    try {
      new RegExp(regex, flags);
      return true;
    } catch {
      return false;
    }
  }

  // `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, `${1:else}` in a transform's format.
  private formatString(): boolean {
    const from = this.at;
    if (!this.accept('$')) return false;
    const braced = this.accept('{') !== undefined;
    if (!this.accept('int')) return this.back(from);
    if (!braced || this.accept('}')) return true;
    if (!this.accept(':')) return this.back(from);
    if (this.accept('/')) return (!!this.accept('name') && !!this.accept('}')) || this.back(from);
    if (this.accept('+') || this.accept('-')) return this.until('}') || this.back(from);
    if (this.accept('?')) return (this.until(':') && this.until('}')) || this.back(from);
    return this.until('}') || this.back(from);
  }

  // Tokens up to `type`, with `\$`, `\}` and `\\` escaped; nothing in between counts as failure.
  // Remembered by start: a transform's format may ask again from the same place, and cost must stay bounded.
  private until(type: TokenType): boolean {
    const key = `${type}${this.at}`;
    const known = this.untilEnd.get(key);
    if (known !== undefined) {
      if (known < 0) return false;
      this.at = known;
      return true;
    }
    const ok = this.scanUntil(type);
    this.untilEnd.set(key, ok ? this.at : -1);
    return ok;
  }

  private scanUntil(type: TokenType): boolean {
    const first = this.at;
    while (this.token.type !== type) {
      if (this.token.type === 'eof') return false;
      if (this.token.type === '\\') {
        const next = this.tokens[this.at + 1]!.type;
        if (next !== '$' && next !== '}' && next !== '\\') return false;
        this.at++;
      }
      this.at++;
    }
    const empty = this.at === first;
    this.at++;
    return !empty;
  }

  private anything(parent: SnippetNode[]): boolean {
    const token = this.accept();
    if (!token) return false;
    this.text(parent, token.start, token.end);
    return true;
  }

  private slice(token: Token): string {
    return this.source.slice(token.start, token.end);
  }
}
