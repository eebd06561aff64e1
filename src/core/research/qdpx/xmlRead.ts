import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { QdaCase, QdaCode, QdaCoding, QdaNote, QdaProject, QdaSelection, QdaSet, QdaSource, QdaValue, QdaValueType, QdaVariable } from './model';
import { QdpxError } from './zip';

// project.qde read into a QdaProject. The XML is checked for well-formedness first (a mistake is
// reported at its line and column); a DOCTYPE is refused, so no entity can expand (the
// "billion laughs"), and only XML's five entities and character references are decoded. What the
// import does not use (pictures, PDFs, audio, video, graphs, links) is counted in `skipped`.

type Element = Record<string, unknown>;

const LISTS = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'TextSource',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'Coding',
  'NoteRef',
  'VariableValue',
  'SourceRef',
  'SelectionRef',
  'Note',
  'Set',
  'MemberCode',
  'Graph',
  'Link',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A project read from project.qde, and what of it the import leaves out. */
export interface ReadProject {
  project: QdaProject;
  /** Elements not read, by kind: `PDFSource: 2`. */
  skipped: Map<string, number>;
  /** The `plainTextPath` of each text source without `PlainTextContent`. */
  paths: Map<string, string>;
}

/** Reads the text of a project.qde; a mistake throws a QdpxError with its line and column. */
export function readProjectXml(xml: string, entry = 'project.qde'): ReadProject {
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype) throw new QdpxError('a DOCTYPE is not accepted in a REFI-QDA project (it could declare entities)', { entry, ...lineColumn(xml, doctype.index) });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new QdpxError(`not well-formed XML: ${valid.err.msg.slice(0, 200)}`, { entry, line: valid.err.line, column: valid.err.col });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    tagValueProcessor: (_name, value) => decode(value),
    attributeValueProcessor: (_name, value) => decode(value),
    isArray: (name) => LISTS.has(name),
  });
  let parsed: Element;
  try {
    parsed = parser.parse(xml) as Element;
  } catch (error) {
    // The parser's own limits, such as elements nested too deeply.
    throw new QdpxError(`cannot be read: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`, { entry });
  }
  const root = parsed['Project'];
  if (!isElement(root)) throw new QdpxError('its root element is not <Project> (urn:QDA-XML:project:1.0)', { entry, line: 1 });
  const skipped = new Map<string, number>();
  const paths = new Map<string, string>();
  const project: QdaProject = {
    name: attr(root, 'name') ?? 'project',
    users: list(child(root, 'Users'), 'User').map((u) => ({ guid: guid(u, 'User'), name: attr(u, 'name') ?? '' })),
    codes: list(child(child(root, 'CodeBook'), 'Codes'), 'Code').map(code),
    variables: list(child(root, 'Variables'), 'Variable').map(variable),
    cases: list(child(root, 'Cases'), 'Case').map(caseOf),
    sources: list(child(root, 'Sources'), 'TextSource').map((s) => textSource(s, paths, skipped)),
    notes: list(child(root, 'Notes'), 'Note').map(note),
    sets: list(child(root, 'Sets'), 'Set').map(set),
  };
  const origin = attr(root, 'origin');
  if (origin !== undefined) project.origin = origin;
  for (const kind of ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']) {
    const count = list(child(root, 'Sources'), kind).length;
    if (count > 0) skipped.set(kind, count);
  }
  for (const [kind, parent] of [
    ['Graph', 'Graphs'],
    ['Link', 'Links'],
  ] as const) {
    const count = list(child(root, parent), kind).length;
    if (count > 0) skipped.set(kind, count);
  }
  const projectNotes = refs(root, 'NoteRef').length;
  if (projectNotes > 0) skipped.set('NoteRef on the project', projectNotes);
  return { project, skipped, paths };
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(element: Element | undefined, name: string): Element | undefined {
  const value = element?.[name];
  return isElement(value) ? value : value === '' ? {} : undefined;
}

function list(element: Element | undefined, name: string): Element[] {
  const value = element?.[name];
  return Array.isArray(value) ? value.map((v) => (isElement(v) ? v : {})) : [];
}

function attr(element: Element, name: string): string | undefined {
  const value = element[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function text(element: Element | undefined, name: string): string | undefined {
  const value = element?.[name];
  if (typeof value === 'string') return value;
  if (isElement(value)) return typeof value['#text'] === 'string' ? value['#text'] : '';
  return undefined;
}

// GUIDs are compared without braces and case, as the schema allows both `{…}` and either case.
function guid(element: Element, kind: string): string {
  const value = attr(element, 'guid') ?? attr(element, 'targetGUID');
  if (value === undefined || value.trim() === '') throw new QdpxError(`a <${kind}> has no guid`, { entry: 'project.qde' });
  return normalGuid(value);
}

/** A GUID as compared: without braces, lower case. */
export function normalGuid(value: string): string {
  return value
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

function refs(element: Element, name: string): string[] {
  return list(element, name).map((r) => guid(r, name));
}

function code(element: Element): QdaCode {
  const result: QdaCode = {
    guid: guid(element, 'Code'),
    name: attr(element, 'name') ?? '',
    isCodable: attr(element, 'isCodable') !== 'false' && attr(element, 'isCodable') !== '0',
    children: list(element, 'Code').map(code),
  };
  const color = attr(element, 'color');
  if (color !== undefined && /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(color.trim())) result.color = color.trim();
  const description = text(element, 'Description');
  if (description !== undefined && description.trim() !== '') result.description = description;
  return result;
}

const TYPES: readonly QdaValueType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

function variable(element: Element): QdaVariable {
  const type = attr(element, 'typeOfVariable') ?? 'Text';
  const result: QdaVariable = {
    guid: guid(element, 'Variable'),
    name: attr(element, 'name') ?? '',
    type: (TYPES as readonly string[]).includes(type) ? (type as QdaValueType) : 'Text',
  };
  const description = text(element, 'Description');
  if (description !== undefined) result.description = description;
  return result;
}

function values(element: Element): QdaValue[] {
  return list(element, 'VariableValue').flatMap((v) => {
    const ref = list(v, 'VariableRef')[0] ?? child(v, 'VariableRef');
    const type = TYPES.find((t) => text(v, `${t}Value`) !== undefined);
    if (!ref || type === undefined) return [];
    return [{ variable: guid(ref, 'VariableRef'), type, value: text(v, `${type}Value`)! }];
  });
}

function caseOf(element: Element): QdaCase {
  const result: QdaCase = {
    guid: guid(element, 'Case'),
    name: attr(element, 'name') ?? '',
    values: values(element),
    sources: refs(element, 'SourceRef'),
    selections: refs(element, 'SelectionRef'),
  };
  const description = text(element, 'Description');
  if (description !== undefined && description.trim() !== '') result.description = description;
  return result;
}

function textSource(element: Element, paths: Map<string, string>, skipped: Map<string, number>): QdaSource {
  const source: QdaSource = {
    guid: guid(element, 'TextSource'),
    name: attr(element, 'name') ?? '',
    text: text(element, 'PlainTextContent') ?? '',
    selections: list(element, 'PlainTextSelection').map(selection),
    values: values(element),
    notes: refs(element, 'NoteRef'),
  };
  const description = text(element, 'Description');
  if (description !== undefined && description.trim() !== '') source.description = description;
  const path = attr(element, 'plainTextPath');
  if (text(element, 'PlainTextContent') === undefined && path !== undefined) paths.set(source.guid, path);
  const whole = list(element, 'Coding').length;
  if (whole > 0) skipped.set('Coding of a whole source', (skipped.get('Coding of a whole source') ?? 0) + whole);
  return source;
}

function position(element: Element, name: string): number {
  const value = Number(attr(element, name));
  if (!Number.isSafeInteger(value) || value < 0)
    throw new QdpxError(`a <PlainTextSelection> (${attr(element, 'guid') ?? 'no guid'}) has no whole ${name} of 0 or more`, { entry: 'project.qde' });
  return value;
}

function selection(element: Element): QdaSelection {
  const result: QdaSelection = {
    guid: guid(element, 'PlainTextSelection'),
    start: position(element, 'startPosition'),
    end: position(element, 'endPosition'),
    codings: list(element, 'Coding').map(coding),
    notes: refs(element, 'NoteRef'),
  };
  const name = attr(element, 'name');
  if (name !== undefined) result.name = name;
  return result;
}

function coding(element: Element): QdaCoding {
  const ref = list(element, 'CodeRef')[0] ?? child(element, 'CodeRef');
  if (!ref) throw new QdpxError(`a <Coding> (${attr(element, 'guid') ?? 'no guid'}) has no <CodeRef>`, { entry: 'project.qde' });
  return { guid: guid(element, 'Coding'), code: guid(ref, 'CodeRef'), notes: refs(element, 'NoteRef') };
}

function note(element: Element): QdaNote {
  const result: QdaNote = { guid: guid(element, 'Note'), text: text(element, 'PlainTextContent') ?? '' };
  const name = attr(element, 'name');
  if (name !== undefined) result.name = name;
  return result;
}

function set(element: Element): QdaSet {
  const result: QdaSet = { guid: guid(element, 'Set'), name: attr(element, 'name') ?? '', codes: refs(element, 'MemberCode') };
  const description = text(element, 'Description');
  if (description !== undefined && description.trim() !== '') result.description = description;
  return result;
}
