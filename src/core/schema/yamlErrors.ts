import type { YAMLError } from 'yaml';

// The yaml library's messages sometimes repeat the text they stumbled on (`Unresolved tag: !x`,
// `Invalid escape sequence \q`, `Unexpected … in flow map`), and in a front matter or a
// pseudonym map that text can be a name. A problem's range points at it, so the message needs
// only the kind of mistake: the library's own words when they quote nothing, or ours by code.

/** The library's messages that quote no source text (yaml 2.x). */
const FIXED = new Set([
  'All mapping items must start at the same column',
  'All sequence items must start at the same column',
  'A block sequence may not be used as an implicit map key',
  'An alias node must not specify any properties',
  'Alias cannot be an empty string',
  'Alias ending in : is ambiguous',
  'Anchor cannot be an empty string',
  'Anchor ending in : is ambiguous',
  'A node can have at most one anchor',
  'A node can have at most one tag',
  'Block collection cannot start on same line with directives-end marker',
  'Block collections are not allowed within flow collections',
  'Block scalar header not found',
  'Block scalar values in collections must be indented',
  'Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
  'Comments must be separated from other tokens by white space characters',
  'Flow end indicator should be more indented than parent',
  'Implicit keys need to be on a single line',
  'Implicit keys of flow sequence pairs need to be on a single line',
  'Implicit map keys need to be followed by map values',
  'Map comment with trailing content',
  'Map keys must be unique',
  'Missing closing "quote',
  "Missing closing 'quote",
  'Missing directives-end indicator line',
  'Missing directives-end/doc-start indicator line',
  'Missing newline after block sequence props',
  'Nested mappings are not allowed in compact mappings',
  'Sequence item without - indicator',
  'Tabs are not allowed as indentation',
  'Tags and anchors must be separated from the next token by white space',
  'The : indicator must be at most 1024 chars after the start of an implicit block mapping key',
  'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key',
  'Unexpected block-seq-ind on same line with key',
  'Unexpected doc-end without preceding document',
  'Verbatim tags must end with a >',
]);

/** The library's messages whose variable part comes from a closed set of its own words (a collection or token kind), never from the source. */
const FIXED_PATTERNS = [
  /^Flow (?:sequence|map|mapping)(?: in block collection must be sufficiently indented and| must) end with a [\]}]$/,
  /^(?:Missing , between|Missing , or : between|Unexpected empty item in) flow (?:sequence|map|mapping)(?: items)?$/,
  /^(?:Missing space after : in|Unexpected , in) flow (?:sequence|map|mapping)$/,
  /^Unexpected [a-z]+(?:-[a-z]+)* (?:token|at node end)$/,
];

/** What each kind of error means, for messages the library builds from the source. */
const BY_CODE: Record<string, string> = {
  ALIAS_PROPS: 'an alias (*name) must not have an anchor or a tag',
  BAD_ALIAS: 'this alias or anchor name is not valid',
  BAD_COLLECTION_TYPE: 'this tag does not fit the kind of value it is on',
  BAD_DIRECTIVE: 'this % directive is not valid',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted value; write \\\\ for a backslash',
  BAD_INDENT: 'the indentation here is wrong',
  BAD_PROP_ORDER: 'anchors (&) and tags (!) must come after the - or ? indicator',
  BAD_SCALAR_START: 'a plain value cannot start with this character; put the value in quotes',
  BLOCK_AS_IMPLICIT_KEY: 'a block value cannot be a key',
  BLOCK_IN_FLOW: 'a block value cannot be inside [ ] or { }',
  DUPLICATE_KEY: 'Map keys must be unique',
  IMPOSSIBLE: 'the YAML parser could not read this',
  KEY_OVER_1024_CHARS: 'a key may be at most 1024 characters long',
  MISSING_CHAR: 'a character is missing here, such as a comma, a colon, a space or a closing quote',
  MULTILINE_IMPLICIT_KEY: 'Implicit keys need to be on a single line',
  MULTIPLE_ANCHORS: 'A node can have at most one anchor',
  MULTIPLE_DOCS: 'only one YAML document is allowed here (a line with --- starts another)',
  MULTIPLE_TAGS: 'A node can have at most one tag',
  NON_STRING_KEY: 'keys must be text',
  RESOURCE_EXHAUSTION: 'the YAML is too large or too deeply nested to read',
  TAB_AS_INDENT: 'Tabs are not allowed as indentation',
  TAG_RESOLVE_FAILED: 'unknown tag (a word starting with !); put the value in quotes if the ! belongs to it',
  UNEXPECTED_TOKEN: 'unexpected characters here; a value with : # [ ] { } or quotes in it may need quotes around it',
};

/** A YAML syntax error as a message that quotes nothing from the text it is about. */
export function yamlErrorMessage(error: Pick<YAMLError, 'code' | 'message'>): string {
  const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (FIXED.has(first) || FIXED_PATTERNS.some((pattern) => pattern.test(first))) return first;
  return BY_CODE[error.code] ?? `the YAML parser stopped here (${error.code})`;
}
