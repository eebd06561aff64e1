import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Range, YamlProblem } from '../model';
import { computeLineStarts, rangeAt } from '../text/lines';
import { excerpt } from '../text/excerpt';
import { closestName, spellingBudget, type SpellingBudget } from '../text/spelling';
import { yamlErrorMessage } from './yamlErrors';

/** YAML text read into plain data, with every problem positioned in the host text. */
export interface YamlData {
  doc?: Document;
  data: unknown;
  problems: YamlProblem[];
  /** Maps an offset inside the YAML text to a range in the host text. */
  toRange(start: number, end: number): Range;
}

/** Caps that keep hostile YAML (alias bombs, deep nesting) cheap to reject. */
const MAX_ALIAS_COUNT = 100;
const TOO_DEEP = 'YAML is nested too deeply (lists or mappings hundreds of levels inside each other); it was not read';
// What the parser threw may repeat the text; the range says where.
const CANNOT_READ = 'YAML could not be read here';

// Deep nesting overflows the stack of the recursive parts of the yaml parser, which either throw a RangeError or report it.
function tooDeep(error: unknown): boolean {
  return error instanceof RangeError || /call stack/i.test(describe(error));
}

/**
 * Parses YAML that sits at `baseOffset` inside `hostText` (a whole codebook or config file,
 * or a session's front matter), so every position refers to the host text.
 */
export function readYaml(yamlText: string, hostText: string, baseOffset: number, hostLineStarts?: number[]): YamlData {
  const lineStarts = hostLineStarts ?? computeLineStarts(hostText);
  // A position between the CR and LF of a line break is on no column; it moves back before the CR.
  const at = (offset: number): number => (hostText.charCodeAt(offset - 1) === 13 && hostText.charCodeAt(offset) === 10 ? offset - 1 : offset);
  const toRange = (start: number, end: number): Range => rangeAt(lineStarts, at(baseOffset + Math.max(0, start)), at(baseOffset + Math.max(start, end)));
  const problems: YamlProblem[] = [];
  let doc: Document;
  try {
    // The yaml parser does not end a line at a lone CR; a LF in its place keeps every offset.
    const source = yamlText.includes('\r') ? yamlText.replace(/\r(?!\n)/g, '\n') : yamlText;
    doc = parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problems.push({ kind: 'syntax', message: tooDeep(error) ? TOO_DEEP : CANNOT_READ, range: toRange(0, 0) });
    return { data: undefined, problems, toRange };
  }
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    // The parser turns a stack overflow into an error where it gave up; one report of it is enough.
    if (tooDeep(error) && problems.some((p) => p.message === TOO_DEEP)) continue;
    problems.push({ kind: 'syntax', message: tooDeep(error) ? TOO_DEEP : `YAML syntax error: ${yamlErrorMessage(error)}`, range: toRange(start, end) });
  }
  if (problems.length > 0) return { doc, data: undefined, problems, toRange };
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, data, problems, toRange };
  } catch (error) {
    problems.push({ kind: 'syntax', message: conversionProblem(error), range: toRange(0, 0) });
    return { doc, data: undefined, problems, toRange };
  }
}

// Why parsed YAML could not become data. What was thrown can repeat the text (`Unresolved alias …: *Jane`), so it is only classified.
function conversionProblem(error: unknown): string {
  const message = describe(error);
  if (/unresolved alias/i.test(message))
    return 'YAML syntax error: an alias (*name) refers to no anchor (&name) before it; put the value in quotes if the * belongs to it';
  if (/alias/i.test(message)) return `YAML uses too many aliases (more than ${MAX_ALIAS_COUNT}); refusing to expand it`;
  return tooDeep(error) ? TOO_DEEP : CANNOT_READ;
}

const validators = new WeakMap<object, Validator>();

/**
 * How a message shows text taken from the YAML (a value, or a key the schema does not name):
 * `excerpt` for a transcript's front matter and the pii files, `asWritten` for codebooks and
 * configs, whose text is vocabulary (code ids, rule ids, paths).
 */
export type ShowText = (text: string) => string;

/** Codebook and config text as it is written, cut after 60 characters. */
export const asWritten: ShowText = (text) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

// How one validation names fields and values: the schema's own property names as they are, anything else through `show`.
interface Naming {
  show: ShowText;
  field(path: readonly (string | number)[]): string;
}

/** Checks data against a JSON Schema and turns each failure into a positioned, readable problem; `show` says how text from the YAML appears in messages. */
export function validateYaml(yaml: YamlData, schema: Schema, what: string, show: ShowText = excerpt): YamlProblem[] {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema, '2020-12', false);
    validators.set(schema, validator);
  }
  const result = validator.validate(yaml.data);
  if (result.valid) return [];
  const problems: YamlProblem[] = [];
  const seen = new Set<string>();
  const budget = spellingBudget();
  // Alternatives (anyOf) get one message from their description, not one per branch.
  const alternatives = result.errors.filter((u) => u.keyword === 'anyOf' || u.keyword === 'oneOf').map((u) => u.keywordLocation + '/');
  const known = propertyNames(schema);
  const naming: Naming = { show, field: (path) => path.map((p) => (typeof p === 'number' || known.has(p) ? String(p) : show(p))).join('.') };
  for (const unit of result.errors) {
    if (alternatives.some((prefix) => unit.keywordLocation.startsWith(prefix))) continue;
    const problem = toProblem(unit, yaml, schema, what, naming, budget);
    if (!problem) continue;
    const key = `${problem.range.start.offset}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

const AGGREGATE_KEYWORDS = new Set([
  'properties',
  'items',
  'additionalProperties',
  'allOf',
  'propertyNames',
  '$ref',
  'prefixItems',
  'unevaluatedProperties',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'patternProperties',
]);

function toProblem(unit: OutputUnit, yaml: YamlData, schema: Schema, what: string, naming: Naming, budget: SpellingBudget): YamlProblem | undefined {
  if (AGGREGATE_KEYWORDS.has(unit.keyword)) return undefined;
  const path = pointerToPath(unit.instanceLocation);
  const rule = schemaAt(schema, unit.keywordLocation);
  const parent = rule.parent as Record<string, unknown> | undefined;
  if (unit.keywordLocation.includes('/propertyNames/')) return keyProblem(unit, yaml, path, parent, what, naming, budget);
  const field = path.length > 0 ? `'${naming.field(path)}'` : what;
  let message: string;
  let range = rangeOf(yaml, path, 'value');
  switch (unit.keyword) {
    case 'type':
      message = `${field} should be ${article(String(parent?.['type']))}, not ${typeName(valueAt(yaml.data, path), naming.show)}`;
      break;
    case 'enum':
      message = `${field} should be one of ${(parent?.['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `${field} should be ${JSON.stringify(parent?.['const'])}`;
      break;
    case 'required': {
      const missing = /"([^"]+)"/.exec(unit.error)?.[1] ?? '?';
      message = `${path.length > 0 ? field : what} is missing the required field '${missing}'`;
      break;
    }
    case 'false': {
      const name = String(path[path.length - 1]);
      message = `Unknown field '${naming.show(name)}' in ${path.length > 1 ? `'${naming.field(path.slice(0, -1))}'` : what}`;
      range = rangeOf(yaml, path, 'key');
      break;
    }
    case 'pattern':
      message = `${field} ${describePattern(parent)}`;
      break;
    case 'format':
      message = `${field} should be a valid ${String(parent?.['format'])}${parent?.['format'] === 'date' ? ' (YYYY-MM-DD)' : ''}`;
      break;
    case 'minimum':
      message = `${field} should be at least ${String(parent?.['minimum'])}`;
      break;
    case 'minLength':
      message = `${field} should not be empty`;
      break;
    case 'minItems':
      message = `${field} should have at least ${String(parent?.['minItems'])} item(s)`;
      break;
    case 'minProperties':
      message = `${field} should have at least ${String(parent?.['minProperties'])} entry(ies)`;
      break;
    case 'anyOf':
    case 'oneOf':
      message = `${field} should be: ${String(parent?.['description'] ?? 'one of the allowed forms')}`;
      break;
    case 'uniqueItems':
      message = `${field} should not repeat items`;
      break;
    default:
      // The validator's own text can repeat the value; the keyword says what failed.
      message = `${field} does not fit the schema (${unit.keyword})`;
  }
  return { kind: 'type', message, range };
}

// A mapping key that its schema does not allow, such as a misspelt rule id.
function keyProblem(
  unit: OutputUnit,
  yaml: YamlData,
  path: (string | number)[],
  parent: Record<string, unknown> | undefined,
  what: string,
  naming: Naming,
  budget: SpellingBudget,
): YamlProblem {
  const name = String(path[path.length - 1]);
  const container = path.length > 1 ? `'${naming.field(path.slice(0, -1))}'` : what;
  const range = rangeOf(yaml, path, 'key');
  if (unit.keyword === 'enum') {
    const allowed = (parent?.['enum'] as unknown[]).map(String);
    const closest = closestName(name, allowed, budget);
    return {
      kind: 'type',
      range,
      message: `Unknown key '${naming.show(name)}' in ${container}${closest ? `; did you mean '${closest}'?` : `; expected one of ${allowed.join(', ')}`}`,
    };
  }
  return { kind: 'type', range, message: `Key '${naming.show(name)}' in ${container} ${describePattern(parent)}` };
}

function describePattern(parent: Record<string, unknown> | undefined): string {
  const hint = parent?.['x-pattern-hint'];
  return typeof hint === 'string' ? hint : `should match ${String(parent?.['pattern'])}`;
}

function pointerToPath(pointer: string): (string | number)[] {
  const parts = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '');
  return parts.map((p) => {
    const decoded = decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(decoded) ? Number(decoded) : decoded;
  });
}

function schemaAt(schema: Schema, keywordLocation: string): { parent: unknown } {
  const parts = pointerToPath(keywordLocation);
  let node: unknown = schema;
  for (const part of parts.slice(0, -1)) {
    if (node && typeof node === 'object') node = (node as Record<string | number, unknown>)[part];
  }
  return { parent: node };
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let node = data;
  for (const part of path) {
    if (node && typeof node === 'object') node = (node as Record<string | number, unknown>)[part];
    else return undefined;
  }
  return node;
}

/** The range of the value (or key) at a path, falling back to the nearest ancestor that exists. */
export function rangeOf(yaml: YamlData, path: (string | number)[], part: 'key' | 'value'): Range {
  if (!yaml.doc) return yaml.toRange(0, 0);
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    if (part === 'key' && depth === path.length && depth > 0) {
      const parentNode = sub.length > 1 ? yaml.doc.getIn(sub.slice(0, -1), true) : yaml.doc.contents;
      if (isMap(parentNode)) {
        const pair = parentNode.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === sub[sub.length - 1]);
        const key = pair?.key as Node | undefined;
        if (key?.range) return yaml.toRange(key.range[0], key.range[1]);
      }
    }
    const node = (sub.length === 0 ? yaml.doc.contents : yaml.doc.getIn(sub, true)) as Node | null | undefined;
    if (node && node.range) return yaml.toRange(node.range[0], node.range[1]);
  }
  return yaml.toRange(0, 0);
}

function typeName(value: unknown, show: ShowText): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `${article(typeof value)} (${typeof value === 'string' ? `"${show(value)}"` : String(value)})`;
}

const names = new WeakMap<object, Set<string>>();

/** Every property name a schema declares: the field names a message may show as they are. */
function propertyNames(schema: Schema): Set<string> {
  let found = names.get(schema);
  if (!found) {
    const set = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) set.add(name);
          if (key === 'required' && Array.isArray(value)) for (const name of value) if (typeof name === 'string') set.add(name);
          walk(value);
        }
      }
    };
    walk(schema);
    found = set;
    names.set(schema, found);
  }
  return found;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
