import { strict as assert } from 'node:assert';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { parseSession } from '../../src/core/parse/session';
import { ANNOMI_CSV, annomiImportArgs, requireAnnomi } from '../support/annomi';
import { FIXTURES, ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

type Workspace = ReturnType<typeof makeWorkspace>;

// `session-md export --format qdpx|qdc` and `session-md import --from qdpx` (issue 17, acceptance
// 7), run as a user runs them: the sample course goes out as a REFI-QDA project and comes back
// as the same sessions, so that exporting them again gives the same bytes; another tool's
// project comes in with its codebook; broken and hostile files are refused with the place to blame.

describe('session-md export --format qdpx / import --from qdpx', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('exports the sample course as a project and imports it back into the same sessions, which export to the same bytes', async () => {
    ws = makeWorkspace({});
    cpSync(join(ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const course = ws.path('examples/C-017');
    const first = await runCli(['export', '.', '--format', 'qdpx', '--out', '../course.qdpx'], course);
    assert.equal(first.code, 0, first.stderr);
    const files = unzipSync(readFileSync(ws.path('examples/course.qdpx')));
    assert.equal(Object.keys(files).filter((name) => /^sources\/[0-9a-f-]{36}\.txt$/.test(name)).length, 3);
    const xml = strFromU8(files['project.qde']!);
    assert.match(xml, /<TextSource guid="[^"]+" name="04-sleep-window\.session\.md" plainTextPath="internal:\/\/[^"]+\.txt" creatingUser="[^"]+">/);

    const imported = await runCli(['import', 'course.qdpx', '--from', 'qdpx', '--out', 'restored'], ws.path('examples'));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /wrote the codebook restored\/course\.codebook\.yaml \(\d+ codes\)/);
    assert.match(imported.stderr, /imported 3 sessions \(184 turns\) to restored/);
    assert.deepEqual(readdirSync(ws.path('examples/restored')).sort(), [...readdirSync(course), 'course.codebook.yaml'].sort());
    const second = await runCli(['export', '.', '--format', 'qdpx', '--out', 'course.qdpx'], ws.path('examples/restored'));
    assert.equal(second.code, 0, second.stderr);
    assert.ok(
      readFileSync(ws.path('examples/restored/course.qdpx')).equals(readFileSync(ws.path('examples/course.qdpx'))),
      'the second export differs from the first',
    );

    const turns = (path: string): unknown[] =>
      parseSession(readFileSync(path, 'utf8')).turns.map((t) => [
        t.label,
        t.role,
        t.timestamp?.raw,
        t.text,
        t.codes.map((c) => [c.id, c.utterance, c.note]),
        t.goals.map((g) => g.id),
        t.memos.map((m) => m.text),
      ]);
    for (const name of readdirSync(course)) assert.deepEqual(turns(ws.path(`examples/restored/${name}`)), turns(join(course, name)), name);
  });

  it('round-trips the 133 AnnoMI sessions (9,699 turns, with mi_quality and topic) byte for byte', async function () {
    requireAnnomi(this);
    ws = makeWorkspace({});
    const imported = await runCli(
      ['import', ANNOMI_CSV, ...annomiImportArgs('transcript_id', ['--meta-columns', 'mi_quality,topic']), '--out', ws.path('annomi')],
      ws.dir,
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal((await runCli(['export', '.', '--format', 'qdpx', '--out', '../annomi.qdpx'], ws.path('annomi'))).code, 0);
    const back = await runCli(['import', 'annomi.qdpx', '--from', 'qdpx', '--out', 'back'], ws.dir);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stderr, /imported 133 sessions \(9699 turns\) to back/);
    assert.equal((await runCli(['export', '.', '--format', 'qdpx', '--out', 'annomi.qdpx'], ws.path('back'))).code, 0);
    assert.ok(readFileSync(ws.path('back/annomi.qdpx')).equals(readFileSync(ws.path('annomi.qdpx'))), 'the second export differs from the first');
    const xml = strFromU8(unzipSync(readFileSync(ws.path('annomi.qdpx')))['project.qde']!);
    // One coding per AnnoMI label: every one of the 9,699 rows of AnnoMI-simple.csv has exactly one of main_therapist_behaviour
    // and client_talk_type that is not n/a (Python: sum(((r['main_therapist_behaviour'] != 'n/a') + (r['client_talk_type'] != 'n/a'))
    // == 1 for r in csv.DictReader(f)) == 9699; pandas would read n/a as NaN).
    assert.equal((xml.match(/<Coding /g) ?? []).length, 9699);
    assert.match(xml, /<Variable guid="[^"]+" name="mi_quality" typeOfVariable="Text"\/>/);
  });

  it('writes the codebook alone as a .qdc to stdout', async () => {
    ws = makeWorkspace({});
    cpSync(join(ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const result = await runCli(['export', '.', '--format', 'qdc'], ws.path('examples/C-017'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Session Markdown">\n\t<Codes>/);
    assert.match(result.stdout, /<Code guid="[0-9a-f-]{36}" name="reflection" isCodable="true" color="#[0-9A-F]{6}">/);
  });

  it("imports another tool's project with the role map, and refuses to overwrite what is there", async () => {
    const dir = join(FIXTURES, 'qdpx/other-tool');
    const zipped: Record<string, Uint8Array> = { 'project.qde': readFileSync(join(dir, 'project.qde')) };
    for (const name of readdirSync(join(dir, 'sources'))) zipped[`sources/${name}`] = readFileSync(join(dir, 'sources', name));
    ws = makeWorkspace({ 'study.qdpx': zipSync(zipped) });
    const result = await runCli(
      ['import', 'study.qdpx', '--from', 'qdpx', '--out', 'sessions', '--role-map', 'Interviewer=therapist,Respondent=client'],
      ws.dir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: 1 PDFSource element\(s\) are not imported/);
    const session = parseSession(readFileSync(ws.path('sessions/Interview-7.session.md'), 'utf8'));
    assert.deepEqual(
      session.turns.map((t) => [t.label, t.role, t.codes.map((c) => c.id)]),
      [
        ['Interviewer', 'therapist', ['Questions']],
        ['Respondent', 'client', ['Mood.Low-mood']],
        ['Interviewer', 'therapist', []],
        ['Respondent', 'client', ['Change-talk', 'Change-talk', 'Plans']],
      ],
    );
    assert.match(readFileSync(ws.path('sessions/Interview-study.codebook.yaml'), 'utf8'), /- id: Mood\.Low-mood\n {4}label: Low mood\n {4}color: "#3366CC"/);
    const again = await runCli(['import', 'study.qdpx', '--from', 'qdpx', '--out', 'sessions'], ws.dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /not overwriting sessions\/Interview-study\.codebook\.yaml, sessions\/Interview-7\.session\.md; nothing was written/);
  });

  it('says what is wrong with a file that is no project, with the entry, line and column to blame, and never crashes', async () => {
    ws = makeWorkspace({
      'text.qdpx': 'T: not a zip',
      'bad-xml.qdpx': zipSync({ 'project.qde': new TextEncoder().encode('<Project name="x">\n<Sources>\n</Project>') }),
    });
    const notZip = await runCli(['import', 'text.qdpx', '--from', 'qdpx', '--out', 'out'], ws.dir);
    assert.equal(notZip.code, 2);
    assert.equal(notZip.stderr, 'session-md: text.qdpx: it is not a readable zip file (invalid zip data); a .qdpx is a zip holding project.qde\n');
    const badXml = await runCli(['import', 'bad-xml.qdpx', '--from', 'qdpx', '--out', 'out'], ws.dir);
    assert.equal(badXml.code, 2);
    assert.match(badXml.stderr, /^session-md: bad-xml\.qdpx: project\.qde:3:\d+: not well-formed XML: /);
    const noOut = await runCli(['export', '.', '--format', 'qdpx'], ws.dir);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--format qdpx writes a zip file: name it with --out/);
    const wrongOption = await runCli(['import', 'bad-xml.qdpx', '--from', 'qdpx', '--out', 'out', '--client', 'X'], ws.dir);
    assert.equal(wrongOption.code, 2);
    assert.match(wrongOption.stderr, /--client does not apply to --from qdpx/);
  });

  it('documents the formats in --help', async () => {
    const exportHelp = await runCli(['export', '--help'], ROOT);
    assert.match(exportHelp.stdout, /qdpx or qdc \(REFI-QDA, above\)/);
    const importHelp = await runCli(['import', '--help'], ROOT);
    assert.match(importHelp.stdout, /--from vtt\|srt\|csv\|text\|json\|qdpx/);
  });
});
