import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { completionsAt, snippetInsertText } from '../../../src/core';
import { literalSnippet, literalSnippetVariables, MAX_SNIPPET_BODY, techniqueSnippets } from '../../../src/core/language/snippets';
import { mergeLibraries } from '../../../src/core/codebook/library';
import { parseCodebook } from '../../../src/core/codebook/codebook';
import { parseSnippet, type SnippetNode } from '../../../src/core/language/snippetSyntax';
import { runs } from '../../support/fuzz';
import { CORE, withCursor } from './support';

// A library snippet's variables ($CLIPBOARD, ${TM_FILEPATH}, …) stay literal text unless the
// workspace is trusted; tab stops, placeholders and choices keep working.

const CASES: [string, string][] = [
  ['T: $CLIPBOARD and ${TM_FILEPATH}', 'T: \\$CLIPBOARD and \\${TM_FILEPATH\\}'],
  ['${1:emotion} ${2|sad,angry|} $3 ${4} $0', '${1:emotion} ${2|sad,angry|} $3 ${4} $0'],
  ['${1:a ${CLIPBOARD} b}', '${1:a \\${CLIPBOARD\\} b}'],
  ['${UUID:${1:default}}', '\\${UUID:${1:default}\\}'],
  ['${TM_FILENAME/(.*)\\..+$/$1/}', '\\${TM_FILENAME/(.*)\\\\..+\\$/\\$1/\\}'],
  ['\\$CLIPBOARD stays, \\\\$CLIPBOARD goes', '\\$CLIPBOARD stays, \\\\\\$CLIPBOARD goes'],
  ['${1|a,$CLIPBOARD|}', '${1|a,$CLIPBOARD|}'],
  ['${0|a|} $RANDOM_HEX', '${0|a|} \\$RANDOM_HEX'],
  ['${1:unclosed $WORKSPACE_NAME', '${1:unclosed \\$WORKSPACE_NAME'],
  ['costs $ 5 } or {x}', 'costs $ 5 } or {x}'],
];

/** The variables VS Code would resolve, by name, anywhere in the snippet. */
function variables(nodes: SnippetNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'variable' ? [n.name, ...variables(n.children)] : n.kind === 'placeholder' ? variables(n.children) : []));
}

/** Tab stops, choices and placeholder openings, as written, outside variables without a default. */
function stops(source: string, nodes: SnippetNode[]): string[] {
  return nodes.flatMap((n) => {
    if (n.kind === 'tabstop') return [source.slice(n.start, n.end)];
    if (n.kind === 'placeholder') return [source.slice(n.start, n.headEnd), ...stops(source, n.children)];
    if (n.kind === 'variable') return stops(source, n.children);
    return [];
  });
}

describe('literalSnippetVariables', () => {
  it('escapes every variable and keeps tab stops, placeholders, choices and escapes', () => {
    for (const [body, expected] of CASES) assert.equal(literalSnippetVariables(body), expected, body);
  });

  it('reads snippets as VS Code does: variables, tab stops and its fallbacks', () => {
    assert.deepEqual(variables(parseSnippet('$A ${B} ${C:x} ${D/a/b/} \\$E ${1:$F}')), ['A', 'B', 'C', 'D', 'F']);
    assert.deepEqual(variables(parseSnippet('${1|x,$A|} ${A/[/b/} ${A/a/b/zz}')), [], 'choices are text; a transform that does not compile is text');
    assert.deepEqual(variables(parseSnippet('${1:unclosed $A')), ['A'], 'an unclosed placeholder keeps what it holds');
  });

  it('leaves no variable and keeps every tab stop and placeholder (property)', () => {
    const piece = fc.constantFrom(
      '$',
      '{',
      '}',
      '\\',
      ':',
      '|',
      ',',
      '/',
      '+',
      '-',
      '?',
      '1',
      '0',
      '12',
      'A',
      'CLIPBOARD',
      'TM_FILEPATH',
      '_x',
      ' ',
      'a',
      '.',
      '(',
      ')',
      '$1',
      '${1:',
      '${2|',
      '${A:',
      '${A/',
      '$A',
      '${A}',
      '$CLIPBOARD',
      '${TM_FILEPATH:',
      '\\$',
      '\\\\',
    );
    const body = fc.oneof(
      fc.array(piece, { maxLength: 24 }).map((p) => p.join('')),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(body, (b) => {
        const out = literalSnippetVariables(b);
        assert.deepEqual(variables(parseSnippet(out)), [], out);
        if (out !== literalSnippet(b)) assert.deepEqual(stops(out, parseSnippet(out)), stops(b, parseSnippet(b)), out);
        if (variables(parseSnippet(b)).length === 0) assert.equal(out, b, 'a body without variables is unchanged');
      }),
      runs(2000),
    );
  });

  it('inserts a very long body entirely as written, and a deeply nested one without failing', () => {
    const long = `T: $CLIPBOARD ${'x'.repeat(MAX_SNIPPET_BODY)} \${1:y}`;
    assert.equal(literalSnippetVariables(long), literalSnippet(long));
    const deep = '${1:'.repeat(MAX_SNIPPET_BODY / 4 - 10) + '$CLIPBOARD';
    assert.deepEqual(variables(parseSnippet(literalSnippetVariables(deep))), []);
    const costly = '${1/'.repeat(300) + '${1:'.repeat(300) + '${1|a,'.repeat(300);
    assert.deepEqual(variables(parseSnippet(literalSnippetVariables(costly))), []);
  });
});

describe('library snippets and workspace trust', () => {
  const library = parseCodebook(
    [
      'name: Colleague library',
      'codes:',
      '  - id: probe',
      '    label: Probe',
      '    role: therapist',
      '    snippets:',
      '      - label: Probe',
      '        body: "T: $CLIPBOARD ${1:more} ${TM_FILEPATH} {probe}"',
    ].join('\n'),
    '/ws/colleague.codebook.yaml',
  ).codebook!;
  const merged = mergeLibraries([
    { source: 'builtin', codebook: CORE },
    { source: 'workspace', codebook: library },
  ])!.codebook;

  it('inserts a workspace library snippet with its variables as written unless the workspace is trusted', () => {
    const entry = techniqueSnippets(merged).find((e) => e.library === 'Colleague library')!;
    assert.equal(entry.builtin, false);
    assert.equal(snippetInsertText(entry), 'T: \\$CLIPBOARD ${1:more} \\${TM_FILEPATH\\} {probe}');
    assert.equal(snippetInsertText(entry, undefined, true), 'T: $CLIPBOARD ${1:more} ${TM_FILEPATH} {probe}');
    const { session, offset } = withCursor(['## Beginning', '', 'C: Hello.', '‸']);
    const insert = (trusted: boolean) => completionsAt(session, offset, merged, trusted).find((e) => e.label === 'Probe')!.insertText;
    assert.equal(insert(false), 'T: \\$CLIPBOARD ${1:more} \\${TM_FILEPATH\\} {probe}');
    assert.equal(insert(true), 'T: $CLIPBOARD ${1:more} ${TM_FILEPATH} {probe}');
  });

  it('leaves the built-in snippets as they are', () => {
    const builtins = techniqueSnippets(merged).filter((e) => e.library !== 'Colleague library');
    assert.ok(builtins.length > 10 && builtins.every((e) => e.builtin));
    for (const entry of builtins) assert.equal(snippetInsertText(entry), snippetInsertText(entry, undefined, true));
  });
});
