import type { Role } from '../../model';
import { ATOM_NAMES, HAS_WHAT, QUERY_ROLES, type AtomName, type HasWhat, type QuerySyntaxError, type TurnCondition } from './condition';
import { MAX_PATTERN_LENGTH, regexpPattern, wordsPattern } from './textPattern';

// The query syntax: atoms such as `code:reflection`, `mi_quality=high` or `text:"I feel"`,
// combined with `not`, `and` and `or` (that order of precedence) and parentheses. Two atoms side
// by side are and-ed. Keywords are matched without regard to case.

/** The longest query read, so that a pasted text cannot make parsing or matching costly. */
export const MAX_QUERY_LENGTH = 2000;
/** The deepest nesting of parentheses and `not`s, which keeps the recursive parser far from the stack's end. */
const MAX_DEPTH = 100;

type Token =
  | { kind: '(' | ')'; column: number }
  | { kind: 'keyword'; word: 'and' | 'or' | 'not'; column: number }
  | { kind: 'atom'; condition: TurnCondition; column: number }
  /** Where the text stops being tokens: reported when the parser reaches it, so that an earlier mistake is reported first. */
  | { kind: 'bad'; problem: SyntaxProblem; column: number };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses a query such as `code:reflection and phase:Middle and not has:memo` into a condition, or says where it is wrong. */
export function parseTurnQuery(text: string): { condition: TurnCondition } | { error: QuerySyntaxError } {
  try {
    if (text.length > MAX_QUERY_LENGTH) throw new SyntaxProblem(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH + 1);
    const tokens = tokenize(text);
    if (tokens.length === 0) throw new SyntaxProblem('the query is empty; write a condition such as code:<id>', 1);
    const parser = new Parser(tokens, text.length + 1);
    const condition = parser.parseOr(0);
    parser.expectEnd();
    return { condition };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { error: { message: error.message, column: error.column } };
    throw error;
  }
}

/** The condition of one atom given as its name and value apart, as the CLI's shorthand flags give them (`--code reflection`); a `text` value is a /regexp/, a phrase when it has spaces, else a word. */
export function conditionAtom(name: AtomName | 'field', value: string, field?: string): { condition: TurnCondition } | { error: QuerySyntaxError } {
  try {
    if (name === 'field') return { condition: fieldAtom(field ?? '', value, 1) };
    if (name === 'text') {
      const regexp = /^\/(.*)\/([a-z]*)$/s.exec(value);
      if (regexp) return { condition: textAtom(value, regexp[1]!, regexp[2]!, 1, 2) };
      return { condition: atomOf(name, value, 1) };
    }
    return { condition: atomOf(name, value, 1) };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { error: { message: error.message, column: error.column } };
    throw error;
  }
}

class Parser {
  private next = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly endColumn: number,
  ) {}

  parseOr(depth: number): TurnCondition {
    const operands = [this.parseAnd(depth)];
    while (this.keyword('or')) {
      this.next++;
      operands.push(this.parseAnd(depth));
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private parseAnd(depth: number): TurnCondition {
    const operands = [this.parseNot(depth)];
    for (;;) {
      if (this.keyword('and')) this.next++;
      else if (!this.startsOperand()) break;
      operands.push(this.parseNot(depth));
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private parseNot(depth: number): TurnCondition {
    if (depth > MAX_DEPTH) throw new SyntaxProblem(`the query nests more than ${MAX_DEPTH} deep`, this.columnHere());
    if (!this.keyword('not')) return this.parsePrimary(depth);
    this.next++;
    return { kind: 'not', operand: this.parseNot(depth + 1) };
  }

  private parsePrimary(depth: number): TurnCondition {
    const token = this.peek();
    if (token?.kind === 'atom') {
      this.next++;
      return token.condition;
    }
    if (token?.kind === '(') {
      this.next++;
      const inner = this.parseOr(depth + 1);
      if (this.peek()?.kind !== ')') throw new SyntaxProblem('this ( is not closed', token.column);
      this.next++;
      return inner;
    }
    const previous = this.tokens[this.next - 1];
    const after = previous?.kind === 'keyword' ? ` after '${previous.word}'` : previous?.kind === '(' ? ' after (' : '';
    if (token === undefined) throw new SyntaxProblem(`a condition is missing${after} at the end of the query`, this.endColumn);
    const found = token.kind === 'keyword' ? `'${token.word}'` : `'${token.kind}'`;
    throw new SyntaxProblem(`expected a condition${after}, found ${found}`, token.column);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token === undefined) return;
    if (token.kind === ')') throw new SyntaxProblem('this ) has no ( before it', token.column);
    throw new SyntaxProblem(`unexpected '${token.kind === 'keyword' ? token.word : token.kind}'`, token.column);
  }

  private peek(): Token | undefined {
    const token = this.tokens[this.next];
    if (token?.kind === 'bad') throw token.problem;
    return token;
  }

  private keyword(word: 'and' | 'or' | 'not'): boolean {
    const token = this.peek();
    return token?.kind === 'keyword' && token.word === word;
  }

  private startsOperand(): boolean {
    const token = this.peek();
    return token?.kind === 'atom' || token?.kind === '(' || (token?.kind === 'keyword' && token.word === 'not');
  }

  private columnHere(): number {
    return this.peek()?.column ?? this.endColumn;
  }
}

const NAME = /[^\s():="/]+/y;
const BARE_VALUE = /[^\s()"]*/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  try {
    readTokens(text, tokens);
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    tokens.push({ kind: 'bad', problem: error, column: error.column });
  }
  return tokens;
}

function readTokens(text: string, tokens: Token[]): void {
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ kind: char, column: at + 1 });
      at++;
      continue;
    }
    if (char === '"' || char === '/')
      throw new SyntaxProblem(`a ${char === '"' ? 'quoted phrase' : '/regular expression/'} must follow text: (or a name and : or =)`, at + 1);
    NAME.lastIndex = at;
    const name = NAME.exec(text)![0];
    const start = at;
    at += name.length;
    const separator = text[at];
    if (separator !== ':' && separator !== '=') {
      const word = name.toLowerCase();
      if (word === 'and' || word === 'or' || word === 'not') tokens.push({ kind: 'keyword', word, column: start + 1 });
      else
        throw new SyntaxProblem(
          `'${excerpt(name)}' is not a condition; write one such as code:<id>, phase:<name> or <field>=<value>, joined by and, or, not`,
          start + 1,
        );
      continue;
    }
    at++;
    const value = readValue(text, at, name.toLowerCase() === 'text' && separator === ':');
    const column = start + 1;
    if (separator === '=') tokens.push({ kind: 'atom', condition: fieldAtom(name, value.text, column), column });
    else if (value.regexp)
      tokens.push({ kind: 'atom', condition: textAtom(text.slice(at, value.end), value.text, value.regexp.flags, column, at + 2), column });
    else tokens.push({ kind: 'atom', condition: atomOf(atomName(name, column), value.text, at + 1), column });
    at = value.end;
  }
}

interface Value {
  text: string;
  end: number;
  regexp?: { flags: string };
}

// A value is "quoted" (\" and \\ inside), /a regexp/flags (for text: only), or runs to the next space or parenthesis.
function readValue(text: string, at: number, allowRegexp: boolean): Value {
  const first = text[at];
  if (first === '"' || (first === '/' && allowRegexp)) {
    let value = '';
    let i = at + 1;
    for (; i < text.length && text[i] !== first; i++) {
      const escaped = text[i] === '\\' ? text[i + 1] : undefined;
      if (escaped === undefined) value += text[i];
      // A regexp keeps its escapes as written (\/ included); a quoted phrase reads \" and \\ as " and \.
      else if (first === '/') value += text[i] + text[++i]!;
      else if (escaped === '"' || escaped === '\\') value += text[++i];
      else value += text[i];
    }
    if (i >= text.length)
      throw new SyntaxProblem(first === '"' ? 'this " is not closed' : 'this / starts a regular expression that is not closed with /', at + 1);
    if (first === '"') return { text: value, end: i + 1 };
    const flags = /[a-z]*/y;
    flags.lastIndex = i + 1;
    const written = flags.exec(text)![0];
    return { text: value, end: i + 1 + written.length, regexp: { flags: written } };
  }
  BARE_VALUE.lastIndex = at;
  const bare = BARE_VALUE.exec(text)![0];
  return { text: bare, end: at + bare.length };
}

function atomName(name: string, column: number): AtomName {
  const lower = name.toLowerCase();
  if ((ATOM_NAMES as readonly string[]).includes(lower)) return lower as AtomName;
  throw new SyntaxProblem(
    `unknown condition '${excerpt(name)}:'; use ${ATOM_NAMES.map((n) => `${n}:`).join(', ')}, or ${excerpt(name)}=<value> for a front-matter field`,
    column,
  );
}

// `column` is where the value starts, for the problems of the value.
function atomOf(name: AtomName, value: string, column: number): TurnCondition {
  if (value.trim() === '') throw new SyntaxProblem(`${name}: needs a value`, column);
  switch (name) {
    case 'code':
      return { kind: 'code', id: value };
    case 'phase':
      return { kind: 'phase', name: value };
    case 'speaker':
      return { kind: 'speaker', label: value };
    case 'goal':
      return { kind: 'goal', id: value.replace(/^#/, '') };
    case 'role': {
      const role = value.toLowerCase() as Role;
      if (!QUERY_ROLES.includes(role)) throw new SyntaxProblem(`role: takes ${QUERY_ROLES.join(', ')}, not '${excerpt(value)}'`, column);
      return { kind: 'role', role };
    }
    case 'has': {
      const what = value.toLowerCase() as HasWhat;
      if (!HAS_WHAT.includes(what)) throw new SyntaxProblem(`has: takes ${HAS_WHAT.join(', ')}, not '${excerpt(value)}'`, column);
      return { kind: 'has', what };
    }
    case 'text':
      if (value.length > MAX_PATTERN_LENGTH) throw new SyntaxProblem(`text: takes at most ${MAX_PATTERN_LENGTH} characters`, column);
      return { kind: 'text', written: value, pattern: wordsPattern(value) };
  }
}

function textAtom(written: string, source: string, flags: string, column: number, sourceColumn: number): TurnCondition {
  if (source.length > MAX_PATTERN_LENGTH) throw new SyntaxProblem(`text: takes at most ${MAX_PATTERN_LENGTH} characters`, sourceColumn);
  if (source === '') throw new SyntaxProblem('text: needs a value; // is an empty regular expression', column);
  const pattern = regexpPattern(source, flags);
  if ('problem' in pattern) throw new SyntaxProblem(pattern.problem, pattern.inFlags ? sourceColumn + source.length + 1 : sourceColumn);
  return { kind: 'text', written, pattern };
}

const RESERVED_FIELDS: readonly string[] = ATOM_NAMES;

function fieldAtom(field: string, value: string, column: number): TurnCondition {
  if (field === '') throw new SyntaxProblem('a field name is missing before =', column);
  if (RESERVED_FIELDS.includes(field.toLowerCase()))
    throw new SyntaxProblem(`write ${field.toLowerCase()}:<value> (${field}= compares a front-matter field)`, column);
  if (value === '') throw new SyntaxProblem(`${excerpt(field)}= needs a value`, column + field.length + 1);
  return { kind: 'field', field, value };
}

/** A piece of the query for a message, bounded. */
function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
