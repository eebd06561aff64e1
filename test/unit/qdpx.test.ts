import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { exportProjectXml, exportQdc, exportQdpx, importQdpx, QdpxError } from '../../src/core/research/qdpx';
import { MAX_ENTRIES } from '../../src/core/research/qdpx/zip';
import { FIXTURES } from '../support/paths';

// REFI-QDA exchange (issue 17, acceptance 7): the project.qde that `export --format qdpx` writes
// validates against the REFI-QDA 1.0 Project schema (test/fixtures/refi-qda/Project.xsd, MIT, from
// REFI via QualCoder) with libxml2 (xmllint-wasm); a project read back and written again is the
// same, byte for byte; a project shaped like another tool's is read; hostile files are refused
// with a clear message.

const SCHEMA = { fileName: 'Project.xsd', contents: readFileSync(join(FIXTURES, 'refi-qda/Project.xsd'), 'utf8') };

const CODEBOOK = `name: Study
codes:
  - id: reflection.complex
    label: Complex reflection
    role: therapist
    description: Adds meaning or emphasis.
  - id: open-question
    label: Open question
    role: therapist
    color: '#123456'
  - id: change-talk
    label: Change talk
    role: client
groups:
  - id: client-talk
    label: Client talk
    codes: [change-talk]
`;

const SESSION = `---
session: 2
date: 2024-03-01
client: A-01
codebook: study.codebook.yaml
speakers:
  T: therapist
  C: client
goals:
  - id: sleep
    text: Sleep better
    status: in-progress
mi_quality: high
ratings:
  empathy: 4
---

# Second session

## Beginning

[00:00:01] T: How was the week? {open-question} Ok & <fine>, "quoted". {#sleep}

> Memo: asked first, before the diary

C: I feel {change-talk | hesitant} so stuck. 😀 But I'll try.

## Middle

[00:02:10] T: Let's look at sleep. {#sleep} It matters to you. {reflection.complex} {reflection}

C: Yes.

> Memo: short answer

> Memo: a second memo on the same turn
`;

function inputs(session = SESSION, file = 'client-a/02.session.md') {
  const codebook = parseCodebook(CODEBOOK, 'study.codebook.yaml').codebook!;
  return [{ file, session: parseSession(session), codebook }];
}

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'project.qde', contents: xml }, schema: SCHEMA });
  return result.errors.map((e) => e.message);
}

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? new TextEncoder().encode(content) : content])),
  );
}

function otherToolQdpx(): Uint8Array {
  const dir = join(FIXTURES, 'qdpx/other-tool');
  const files: Record<string, Uint8Array> = { 'project.qde': readFileSync(join(dir, 'project.qde')) };
  for (const name of readdirSync(join(dir, 'sources'))) files[`sources/${name}`] = readFileSync(join(dir, 'sources', name));
  return zip(files);
}

// The zip with the unpacked size of sources/a.txt, in its local header and its central directory entry, set to `size`.
function declaring(bytes: Uint8Array, size: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = (at: number): string => strFromU8(bytes.subarray(at, at + 13));
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && name(at + 30) === 'sources/a.txt') view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50 && name(at + 46) === 'sources/a.txt') view.setUint32(at + 24, size, true);
  }
  return bytes;
}

function failure(bytes: Uint8Array): QdpxError {
  try {
    importQdpx(bytes, {});
  } catch (error) {
    if (error instanceof QdpxError) return error;
    throw error;
  }
  assert.fail('the file was read');
}

describe('REFI-QDA export (.qdpx, .qdc)', () => {
  it('writes a project.qde that validates against the REFI-QDA 1.0 Project schema', async () => {
    const xml = exportProjectXml(inputs(), 'Study');
    assert.deepEqual(await schemaErrors(xml), []);
    // The validator does reject what breaks the schema, so the check above can fail.
    assert.notDeepEqual(await schemaErrors(xml.replace('isCodable="true"', 'isCodable="maybe"')), []);
  });

  it('holds the codebook tree with descriptions and colours, each coded utterance as a selection, memos and code notes as notes, fields as variables, clients and goals as cases', () => {
    const files = unzipSync(exportQdpx(inputs(), 'Study'));
    const xml = strFromU8(files['project.qde']!);
    // reflection > complex: the parent no codebook defines is a code too, coloured like its child (the therapist's colour).
    assert.match(
      xml,
      /<Code guid="[^"]+" name="reflection" isCodable="true" color="#2F80ED">\s*<Code guid="[^"]+" name="complex" isCodable="true" color="#2F80ED">\s*<Description>Complex reflection\n\nAdds meaning or emphasis.<\/Description>/,
    );
    assert.match(xml, /name="open-question" isCodable="true" color="#123456">\s*<Description>Open question<\/Description>/);
    assert.match(xml, /<Set guid="[^"]+" name="client-talk">\s*<Description>Client talk<\/Description>\s*<MemberCode targetGUID=/);
    const source = Object.keys(files).filter((name) => name.startsWith('sources/'));
    assert.equal(source.length, 1);
    const text = strFromU8(files[source[0]!]!);
    assert.equal(
      text,
      '## Beginning\n\n[00:00:01] T: How was the week? Ok & <fine>, "quoted".\n\nC: I feel so stuck. 😀 But I\'ll try.\n\n## Middle\n\n[00:02:10] T: Let\'s look at sleep. It matters to you.\n\nC: Yes.\n',
    );
    const points = Array.from(text);
    const selected = [...xml.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map(([, s, e]) => points.slice(Number(s), Number(e)).join(''));
    // Each coded utterance, and the whole turn where a memo or goal needs it (positions count code points: the emoji is one).
    assert.deepEqual(selected, ['How was the week?', 'How was the week? Ok & <fine>, "quoted".', 'I feel', "Let's look at sleep. It matters to you.", 'Yes.']);
    assert.equal((xml.match(/<Coding /g) ?? []).length, 4);
    assert.match(xml, /<PlainTextContent>hesitant<\/PlainTextContent>/);
    assert.equal((xml.match(/<Note guid/g) ?? []).length, 4);
    assert.match(xml, /<Variable guid="[^"]+" name="session" typeOfVariable="Integer"\/>/);
    assert.match(xml, /<Variable guid="[^"]+" name="date" typeOfVariable="Date"\/>/);
    assert.match(xml, /<TextValue>\[\{"id":"sleep","text":"Sleep better","status":"in-progress"\}\]<\/TextValue>/);
    assert.match(xml, /<Case guid="[^"]+" name="A-01">\s*<SourceRef /);
    assert.match(xml, /<Case guid="[^"]+" name="#sleep">\s*<Description>Sleep better<\/Description>\s*<SelectionRef [^>]+>\s*<SelectionRef /);
  });

  it('gives the same GUIDs and the same bytes on every run, and other GUIDs to other sessions', () => {
    const first = exportQdpx(inputs(), 'Study');
    assert.deepEqual(exportQdpx(inputs(), 'Study'), first);
    const other = exportProjectXml(inputs(SESSION, 'client-b/02.session.md'), 'Study');
    const guids = (xml: string): Set<string> => new Set([...xml.matchAll(/<TextSource guid="([^"]+)"/g)].map((m) => m[1]!));
    assert.notDeepEqual(guids(other), guids(exportProjectXml(inputs(), 'Study')));
  });

  it('writes the codebook alone as a .qdc, its codes valid as the Project schema declares them', async () => {
    const qdc = exportQdc(inputs())!;
    assert.match(qdc, /^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Session Markdown">/);
    // The Codebook schema names a set's codes by guid; every one is a code of the file.
    const codeGuids = new Set([...qdc.matchAll(/<Code guid="([^"]+)"/g)].map((m) => m[1]));
    const members = [...qdc.matchAll(/<MemberCode guid="([^"]+)"\/>/g)].map((m) => m[1]);
    assert.equal(members.length, 1);
    assert.ok(members.every((guid) => codeGuids.has(guid)));
    // No licensed copy of Codebook.xsd was found: the codes are checked against the Project schema's CodeBook type, which declares the same Code element.
    const codes = /<Codes>[\s\S]*<\/Codes>/.exec(qdc)![0];
    assert.deepEqual(await schemaErrors(`<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook>${codes}</CodeBook></Project>`), []);
  });
});

describe('REFI-QDA import (.qdpx)', () => {
  it('reads its own project back into sessions and a codebook that export to the same bytes (every coding, memo and variable kept)', () => {
    const first = exportQdpx(inputs(), 'Study');
    const back = importQdpx(first, {});
    assert.deepEqual(back.warnings, []);
    assert.equal(back.sessions.length, 1);
    const restored = back.sessions[0]!;
    assert.equal(restored.path, 'client-a/02.session.md');
    assert.equal(back.codebook?.file, 'study.codebook.yaml');
    const session = parseSession(restored.text);
    assert.deepEqual(
      session.turns.map((t) => [
        t.label,
        t.timestamp?.raw,
        t.codes.map((c) => [c.id, c.utterance, c.note]),
        t.goals.map((g) => g.id),
        t.memos.map((m) => m.text),
      ]),
      parseSession(SESSION).turns.map((t) => [
        t.label,
        t.timestamp?.raw,
        t.codes.map((c) => [c.id, c.utterance, c.note]),
        t.goals.map((g) => g.id),
        t.memos.map((m) => m.text),
      ]),
    );
    assert.deepEqual(session.frontMatter?.data, parseSession(SESSION).frontMatter?.data);
    const codebook = parseCodebook(back.codebook!.text, 'study.codebook.yaml');
    assert.deepEqual(codebook.problems, []);
    const again = exportQdpx([{ file: restored.path, session, codebook: codebook.codebook! }], 'Study');
    assert.ok(Buffer.from(again).equals(Buffer.from(first)), 'the second export differs from the first');
  });

  it('writes a code that another tool placed inside a word against it, so the words stay as they were', () => {
    const session = '---\nspeakers:\n  T: therapist\n---\n\n# S\n\nT: Hello{open-question}there, friend. {reflection}\n';
    const back = importQdpx(exportQdpx(inputs(session), 'Study'), {});
    assert.match(back.sessions[0]!.text, /\nT: Hello\{open-question\}there, friend\. \{reflection\}\n/);
  });

  it('keeps the roles a project gives, but for the speakers the role map names', () => {
    const session = '---\nspeakers:\n  Dr Lee: therapist\n  Sam: client\n  Kim: client\n---\n\n# S\n\nDr Lee: Hello. {open-question}\n\nSam: Hi.\n\nKim: Hi.\n';
    const back = importQdpx(exportQdpx(inputs(session), 'Study'), { roleMap: 'sam=other' });
    assert.match(back.sessions[0]!.text, /\nspeakers:\n {2}Dr Lee: therapist\n {2}Sam: other\n {2}Kim: client\n/);
  });

  it("reads a project shaped like another tool's: code tree, selections over continued lines, notes, cases, variables and sets", () => {
    const back = importQdpx(otherToolQdpx(), { roleMap: 'Interviewer=therapist,Respondent=client' });
    assert.deepEqual(back.warnings, [
      '1 PDFSource element(s) are not imported (session-md reads plain-text sources, their codings, notes, variables and cases)',
    ]);
    assert.equal(back.sessions.length, 1);
    assert.equal(back.sessions[0]!.path, 'Interview-7.session.md');
    assert.equal(
      back.sessions[0]!.text,
      [
        '---',
        'interview_date: 2023-11-02',
        'client: Participant 07',
        'age: 34',
        'gender: female',
        'codebook: Interview-study.codebook.yaml',
        'speakers:',
        '  Interviewer: therapist',
        '  Respondent: client',
        '---',
        '',
        '# Interview 7',
        '',
        '> Note: First interview after the winter.',
        '',
        'Interviewer: Thank you for coming. How have the last weeks been? {Questions}',
        '',
        'Respondent: Honestly, hard. I stopped going out after work. It got worse in winter. {Mood.Low-mood | strong wording}',
        '',
        '> Memo: Withdrawal since autumn; ask about work.',
        '',
        'Interviewer: What would you like to be different?',
        '',
        'Respondent: I want to see my friends again. {Change-talk} I think I can start with one evening. {Change-talk} {Plans}',
        '',
      ].join('\n'),
    );
    const codebook = parseCodebook(back.codebook!.text, back.codebook!.file);
    assert.deepEqual(codebook.problems, []);
    assert.deepEqual(
      [...codebook.codebook!.codes.values()].map((c) => [c.id, c.label, c.color, c.description]),
      [
        ['Mood', 'Mood', '#808080', 'How the participant describes their mood.'],
        ['Mood.Low-mood', 'Low mood', '#3366CC', 'Says they feel down or withdrawn.'],
        ['Change-talk', 'Change talk', '#00AA00', undefined],
        ['Questions', 'Questions', undefined, undefined],
        ['Plans', 'Plans', '#AA5500', undefined],
      ],
    );
    assert.deepEqual(codebook.codebook!.groups, [
      { id: 'Client-talk', label: 'What the participant says about change', codes: ['Change-talk', 'Plans'], exclusive: true },
    ]);
  });

  it('says where a project is broken: not a zip, no project.qde, XML that is not well-formed (line and column), a DOCTYPE', () => {
    assert.match(failure(new TextEncoder().encode('not a zip at all')).message, /not a readable zip file/);
    assert.match(failure(zip({ 'other.xml': '<a/>' })).message, /no project\.qde/);
    const broken = failure(zip({ 'project.qde': '<?xml version="1.0"?>\n<Project name="x">\n  <Sources>\n  </Source>\n</Project>' }));
    assert.match(broken.message, /not well-formed XML/);
    assert.deepEqual([broken.at?.entry, broken.at?.line], ['project.qde', 4]);
    const entities = failure(zip({ 'project.qde': '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaa">]>\n<Project name="&a;"/>' }));
    assert.match(entities.message, /DOCTYPE is not accepted/);
    assert.equal(entities.at?.line, 2);
    assert.match(failure(zip({ 'project.qde': '<Other/>' })).message, /root element is not <Project>/);
    const selection =
      '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="11111111-1111-4111-8111-111111111111" name="s"><PlainTextContent>A: hi</PlainTextContent><PlainTextSelection guid="21111111-1111-4111-8111-111111111111" startPosition="-3" endPosition="x"/></TextSource></Sources></Project>';
    assert.match(failure(zip({ 'project.qde': selection })).message, /PlainTextSelection.*startPosition/);
  });

  it('is bounded against hostile zips: too many entries, a declared size too large, a size that lies, names that climb out', () => {
    const project = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>';
    const many: Record<string, string> = { 'project.qde': project };
    for (let i = 0; i <= MAX_ENTRIES; i++) many[`junk/${i}`] = '';
    assert.match(failure(zip(many)).message, new RegExp(`more than ${MAX_ENTRIES} entries`));
    // A zip bomb: an entry declaring 300 MB unpacked is refused before anything is inflated.
    const source =
      '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="11111111-1111-4111-8111-111111111111" name="s" plainTextPath="internal://a.txt"/></Sources></Project>';
    assert.match(failure(declaring(zip({ 'project.qde': source, 'sources/a.txt': 'A: hello' }), 300 * 1024 * 1024)).message, /more than 256 MB unpacked/);
    // An entry that declares 10 bytes but holds 20 MB is inflated to 10 bytes, no more.
    const lying = declaring(zip({ 'project.qde': source, 'sources/a.txt': `A: ${'x'.repeat(20 * 1024 * 1024)}` }), 10);
    assert.ok(lying.length < 100_000);
    const read = importQdpx(lying, {});
    assert.match(read.sessions[0]!.text, /\nA: xxxxxxx\n$/);
    // Elements nested without end stop at the parser's limit.
    const deep = `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>${'<Code guid="11111111-1111-4111-8111-111111111111" name="a" isCodable="true">'.repeat(5000)}${'</Code>'.repeat(5000)}</Codes></CodeBook></Project>`;
    assert.match(failure(zip({ 'project.qde': deep })).message, /nested/);
    // Names that climb out of the folder are never written anywhere: they only fail to match a source.
    const slip = zip({
      'project.qde':
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="11111111-1111-4111-8111-111111111111" name="../../evil" plainTextPath="internal://../../x.txt"/></Sources></Project>',
      '../../x.txt': 'T: hello',
    });
    const climbed = importQdpx(slip, {});
    assert.deepEqual(climbed.sessions, []);
    assert.match(climbed.warnings[0]!, /has no plain text in the project/);
  });
});
