import type { QdaCase, QdaCode, QdaNote, QdaProject, QdaSelection, QdaSet, QdaSource, QdaValue, QdaVariable } from './model';

// project.qde and .qdc text, written element by element in the order the schema's sequences
// require (REFI-QDA Project.xsd 1.0), indented with tabs, with nothing that varies between runs.

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The path inside the .qdpx of a source's plain text. */
export function sourceEntryName(guid: string): string {
  return `sources/${guid}.txt`;
}

// Characters XML 1.0 cannot hold at all (C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates) become U+FFFD.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data: markup characters escaped, a carriage return kept as a reference (a parser would turn it into a line feed). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
}

function attr(value: string): string {
  return xmlText(value).replace(/["\t\n]/g, (c) => ({ '"': '&quot;', '\t': '&#9;', '\n': '&#10;' })[c]!);
}

type Attrs = Record<string, string | number | boolean | undefined>;

class XmlLines {
  readonly lines: string[] = [];
  private depth = 0;

  open(name: string, attrs: Attrs = {}, empty = false): void {
    const written = Object.entries(attrs)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([key, value]) => ` ${key}="${attr(String(value))}"`)
      .join('');
    this.lines.push(`${'\t'.repeat(this.depth)}<${name}${written}${empty ? '/' : ''}>`);
    if (!empty) this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${'\t'.repeat(this.depth)}</${name}>`);
  }

  leaf(name: string, text: string | undefined): void {
    if (text !== undefined) this.lines.push(`${'\t'.repeat(this.depth)}<${name}>${xmlText(text)}</${name}>`);
  }

  ref(name: string, guids: readonly string[]): void {
    for (const guid of guids) this.open(name, { targetGUID: guid }, true);
  }
}

/** The text of project.qde for a project whose sources' texts go into the .qdpx as `sources/<guid>.txt`. */
export function projectXml(project: QdaProject): string {
  const xml = new XmlLines();
  xml.lines.push('<?xml version="1.0" encoding="utf-8"?>');
  xml.open('Project', {
    xmlns: PROJECT_NAMESPACE,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${PROJECT_NAMESPACE} Project.xsd`,
    name: project.name,
    origin: project.origin,
    creatingUserGUID: project.users[0]?.guid,
  });
  if (project.users.length > 0) {
    xml.open('Users');
    for (const user of project.users) xml.open('User', { guid: user.guid, name: user.name }, true);
    xml.close('Users');
  }
  if (project.codes.length > 0) {
    xml.open('CodeBook');
    codes(xml, project.codes);
    xml.close('CodeBook');
  }
  list(xml, 'Variables', project.variables, variable);
  list(xml, 'Cases', project.cases, caseElement);
  if (project.sources.length > 0) {
    xml.open('Sources');
    for (const source of project.sources) textSource(xml, source, project.users[0]?.guid);
    xml.close('Sources');
  }
  list(xml, 'Notes', project.notes, (lines, n) => note(lines, n, project.users[0]?.guid));
  list(xml, 'Sets', project.sets, (lines, s) => set(lines, s));
  xml.close('Project');
  return `${xml.lines.join('\n')}\n`;
}

/** The text of a REFI-QDA codebook (.qdc): the codes and their sets alone. */
export function codebookXml(project: Pick<QdaProject, 'codes' | 'sets' | 'origin'>): string {
  const xml = new XmlLines();
  xml.lines.push('<?xml version="1.0" encoding="utf-8"?>');
  xml.open('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: project.origin });
  codes(xml, project.codes);
  // The Codebook schema's MemberCode names its code by `guid` (the Project schema's by `targetGUID`).
  list(xml, 'Sets', project.sets, (lines, s) => set(lines, s, 'guid'));
  xml.close('CodeBook');
  return `${xml.lines.join('\n')}\n`;
}

function list<T>(xml: XmlLines, name: string, items: readonly T[], write: (xml: XmlLines, item: T) => void): void {
  if (items.length === 0) return;
  xml.open(name);
  for (const item of items) write(xml, item);
  xml.close(name);
}

// A codebook with no codes is still valid: <Codes> needs one, so an empty codebook is left out by the caller.
function codes(xml: XmlLines, list: readonly QdaCode[]): void {
  xml.open('Codes');
  for (const c of list) code(xml, c);
  xml.close('Codes');
}

function code(xml: XmlLines, c: QdaCode): void {
  const attrs = { guid: c.guid, name: c.name, isCodable: c.isCodable, color: c.color };
  if (c.description === undefined && c.children.length === 0) return xml.open('Code', attrs, true);
  xml.open('Code', attrs);
  xml.leaf('Description', c.description);
  for (const child of c.children) code(xml, child);
  xml.close('Code');
}

function variable(xml: XmlLines, v: QdaVariable): void {
  const attrs = { guid: v.guid, name: v.name, typeOfVariable: v.type };
  if (v.description === undefined) return xml.open('Variable', attrs, true);
  xml.open('Variable', attrs);
  xml.leaf('Description', v.description);
  xml.close('Variable');
}

function values(xml: XmlLines, list: readonly QdaValue[]): void {
  for (const v of list) {
    xml.open('VariableValue');
    xml.ref('VariableRef', [v.variable]);
    xml.leaf(`${v.type}Value`, v.value);
    xml.close('VariableValue');
  }
}

function caseElement(xml: XmlLines, c: QdaCase): void {
  xml.open('Case', { guid: c.guid, name: c.name });
  xml.leaf('Description', c.description);
  values(xml, c.values);
  xml.ref('SourceRef', c.sources);
  xml.ref('SelectionRef', c.selections);
  xml.close('Case');
}

// Every element a user makes names them (`creatingUser`), as the tools that exchange projects write it; no time is written, so runs stay the same.
function textSource(xml: XmlLines, s: QdaSource, user: string | undefined): void {
  xml.open('TextSource', { guid: s.guid, name: s.name, plainTextPath: `internal://${s.guid}.txt`, creatingUser: user });
  xml.leaf('Description', s.description);
  for (const selection of s.selections) plainTextSelection(xml, selection, user);
  xml.ref('NoteRef', s.notes);
  values(xml, s.values);
  xml.close('TextSource');
}

function plainTextSelection(xml: XmlLines, s: QdaSelection, user: string | undefined): void {
  const attrs = { guid: s.guid, name: s.name, startPosition: s.start, endPosition: s.end, creatingUser: user };
  if (s.codings.length === 0 && s.notes.length === 0) return xml.open('PlainTextSelection', attrs, true);
  xml.open('PlainTextSelection', attrs);
  for (const coding of s.codings) {
    xml.open('Coding', { guid: coding.guid, creatingUser: user });
    xml.ref('CodeRef', [coding.code]);
    xml.ref('NoteRef', coding.notes);
    xml.close('Coding');
  }
  xml.ref('NoteRef', s.notes);
  xml.close('PlainTextSelection');
}

function note(xml: XmlLines, n: QdaNote, user: string | undefined): void {
  xml.open('Note', { guid: n.guid, name: n.name, creatingUser: user });
  xml.leaf('PlainTextContent', n.text);
  xml.close('Note');
}

function set(xml: XmlLines, s: QdaSet, member: 'targetGUID' | 'guid' = 'targetGUID'): void {
  xml.open('Set', { guid: s.guid, name: s.name });
  xml.leaf('Description', s.description);
  for (const code of s.codes) xml.open('MemberCode', { [member]: code }, true);
  xml.close('Set');
}
