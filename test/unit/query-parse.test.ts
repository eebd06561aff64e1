import { strict as assert } from 'node:assert';
import { conditionAtom, parseTurnQuery, type TurnCondition } from '../../src/core';

// The query syntax of `session-md query` and the Coded Segments view (docs/research.md#retrieving-segments).

function parsed(text: string): TurnCondition {
  const result = parseTurnQuery(text);
  if ('error' in result) assert.fail(`${text}: ${result.error.message} at column ${result.error.column}`);
  return result.condition;
}

function failure(text: string): { message: string; column: number } {
  const result = parseTurnQuery(text);
  if (!('error' in result)) assert.fail(`${text} parsed`);
  return result.error;
}

/** The tree in a compact prefix form, so that precedence shows. */
function shape(condition: TurnCondition): string {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return `(${condition.kind} ${condition.operands.map(shape).join(' ')})`;
    case 'not':
      return `(not ${shape(condition.operand)})`;
    case 'code':
      return `code:${condition.id}`;
    case 'phase':
      return `phase:${condition.name}`;
    case 'speaker':
      return `speaker:${condition.label}`;
    case 'role':
      return `role:${condition.role}`;
    case 'goal':
      return `goal:${condition.id}`;
    case 'field':
      return `${condition.field}=${condition.value}`;
    case 'text':
      return `text:${condition.written}`;
    case 'has':
      return `has:${condition.what}`;
  }
}

describe('query syntax', () => {
  it('reads every kind of atom', () => {
    assert.equal(
      shape(parsed('code:reflection.complex phase:Middle speaker:T role:Client goal:#sleep mi_quality=high text:sorry has:memo')),
      '(and code:reflection.complex phase:Middle speaker:T role:client goal:sleep mi_quality=high text:sorry has:memo)',
    );
  });

  it('binds not tighter than and, and and tighter than or', () => {
    assert.equal(shape(parsed('code:a or code:b and not code:c')), '(or code:a (and code:b (not code:c)))');
    assert.equal(shape(parsed('not code:a and code:b')), '(and (not code:a) code:b)');
    assert.equal(shape(parsed('(code:a or code:b) and code:c')), '(and (or code:a code:b) code:c)');
    assert.equal(shape(parsed('not not (code:a)')), '(not (not code:a))');
  });

  it('reads keywords without regard to case, and two atoms side by side as and', () => {
    assert.equal(shape(parsed('code:a OR Not code:b')), '(or code:a (not code:b))');
    assert.equal(shape(parsed('code:a (phase:x or phase:y)')), '(and code:a (or phase:x phase:y))');
  });

  it('reads quoted values, with \\" and \\\\ inside', () => {
    assert.equal(shape(parsed('phase:"Change talk" and therapist="Dr \\"K\\" \\\\ co"')), '(and phase:Change talk therapist=Dr "K" \\ co)');
  });

  it('matches a word or a phrase whole, without regard to case, with * for any letters', () => {
    const test = (query: string, text: string): boolean => {
      const condition = parsed(query);
      assert.equal(condition.kind, 'text');
      return condition.kind === 'text' && condition.pattern.test(text);
    };
    assert.equal(test('text:sad', 'I feel SAD, really.'), true);
    assert.equal(test('text:sad', 'a saddle'), false);
    assert.equal(test('text:anx*', 'so anxious'), true);
    assert.equal(test('text:"I feel"', 'and I   feel low'), true);
    assert.equal(test('text:"I feel"', 'I feeling'), false);
    assert.equal(test('text:"1.5"', 'about 1.5 hours'), true);
    assert.equal(test('text:"1.5"', 'about 105 hours'), false);
    assert.equal(test('text:/dr(i|a)nk/i', 'I DRANK'), true);
    assert.equal(test('text:/a\\/b/', 'a/b'), true);
    assert.equal(test('text:ça', 'Ça va'), true);
    // Punctuation inside a word is literal: `-` and `/` once threw "Invalid escape" under the u flag.
    assert.equal(test('text:self-care', 'my Self-care plan'), true);
    assert.equal(test('text:"self-care plan"', 'a self-care  plan'), true);
    assert.equal(test('text:and/or', 'this and/or that'), true);
    assert.equal(test('text:c++', 'in C++ code'), true);
    assert.equal(test('text:c++', 'in cpp'), false);
  });

  it('runs a regular expression without backtracking, so a pattern typed by hand cannot hang on a long turn', () => {
    // With JavaScript's engine, /(a+)+$/ on 5000 a's and a b takes 2^5000 steps; RE2 takes one pass.
    const condition = parsed('text:/(a+)+$/');
    assert.equal(condition.kind === 'text' && condition.pattern.test(`${'a'.repeat(5000)}b`), false);
    assert.equal(condition.kind === 'text' && condition.pattern.test('baaa'), true);
    assert.deepEqual(failure('text:/(?<=I )feel/'), { message: 'look-around ((?=, (?!, (?<=, (?<!) is not supported in text:/…/', column: 7 });
    assert.match(failure('text:/(a)\\1/').message, /^not a valid regular expression: invalid escape sequence/);
  });

  it('gives the 1-based column of each syntax error', () => {
    assert.deepEqual(failure('code:a and'), { message: "a condition is missing after 'and' at the end of the query", column: 11 });
    assert.deepEqual(failure('code:a or or code:b'), { message: "expected a condition after 'or', found 'or'", column: 11 });
    // The first mistake from the left is the one reported, though a later word is no condition either.
    assert.deepEqual(failure('code:a and or x'), { message: "expected a condition after 'and', found 'or'", column: 12 });
    assert.equal(failure('(code:a or code:b').column, 1);
    assert.match(failure('(code:a or code:b').message, /not closed/);
    assert.deepEqual(failure('code:a)'), { message: 'this ) has no ( before it', column: 7 });
    assert.equal(failure('code:a reflection').column, 8);
    assert.match(failure('code:a reflection').message, /'reflection' is not a condition/);
    assert.equal(failure('cod:a').column, 1);
    assert.match(failure('mi_quality:high').message, /mi_quality=<value> for a front-matter field/);
    assert.deepEqual(failure('role:coach'), { message: "role: takes therapist, client, other, not 'coach'", column: 6 });
    assert.deepEqual(failure('has:notes'), { message: "has: takes memo, code, goal, not 'notes'", column: 5 });
    assert.deepEqual(failure('code: and'), { message: 'code: needs a value', column: 6 });
    assert.deepEqual(failure('phase="Middle"'), { message: 'write phase:<value> (phase= compares a front-matter field)', column: 1 });
    assert.equal(failure('text:"I feel').column, 6);
    assert.equal(failure('code:a text:/a(b/i').column, 14);
    assert.match(failure('code:a text:/a(b/i').message, /not a valid regular expression/);
    assert.equal(failure('text:/ab/g').column, 10);
    assert.equal(failure('').column, 1);
    assert.equal(failure('x'.repeat(3000)).column, 2001);
  });

  it('refuses nesting deep enough to exhaust the stack, with a message', () => {
    assert.match(failure(`${'('.repeat(900)}code:a${')'.repeat(900)}`).message, /nests more than/);
    assert.match(failure(`${'not '.repeat(400)}code:a`).message, /nests more than/);
  });

  it('quotes at most a bounded piece of the query in a message', () => {
    assert.ok(failure(`${'w'.repeat(1500)}`).message.length < 200);
  });

  it('builds the atom of a shorthand flag from its value', () => {
    const atom = (...args: Parameters<typeof conditionAtom>): string => {
      const result = conditionAtom(...args);
      return 'error' in result ? `error: ${result.error.message}` : shape(result.condition);
    };
    assert.equal(atom('code', 'reflection'), 'code:reflection');
    assert.equal(atom('text', 'I feel'), 'text:I feel');
    assert.equal(atom('text', '/x+/i'), 'text:/x+/i');
    assert.equal(atom('field', 'high', 'mi_quality'), 'mi_quality=high');
    assert.match(atom('role', 'nurse'), /^error: role: takes/);
  });
});
