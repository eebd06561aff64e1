import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURES, ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 16, problems 2, 3, 6 and 9: speakers as Zoom, Teams, WhisperX, whisper.cpp, Otter and
// Rev write them, each imported as one turn label per diarized speaker. The files in
// test/fixtures/import/ are written for these tests in each tool's own output format.

const IMPORT = join(FIXTURES, 'import');
const fixture = (name: string): string => readFileSync(join(IMPORT, name), 'utf8');
const SPEAKER_NAME = new RegExp(
  (
    JSON.parse(readFileSync(join(ROOT, 'schemas', 'session-front-matter.schema.json'), 'utf8')) as {
      properties: { speakers: { propertyNames: { pattern: string } } };
    }
  ).properties.speakers.propertyNames.pattern,
  'u',
);

interface Imported {
  code: number;
  stderr: string;
  text: string;
  speakers: Record<string, string>;
  turns: { label: string; words: string; seconds?: number }[];
}

/** Imports a fixture in a fresh folder (no configuration), returning the session, its speakers and its turns. */
async function importFixture(name: string, from: string, extra: string[] = []): Promise<Imported> {
  const ws = makeWorkspace({ [name]: fixture(name) });
  try {
    const result = await runCli(['import', name, '--from', from, '--out', 'out.session.md', ...extra], ws.dir);
    const text = existsSync(ws.path('out.session.md')) ? readFileSync(ws.path('out.session.md'), 'utf8') : '';
    const speakers = text === '' ? {} : ((parseYaml(text.split('---\n')[1]!) as { speakers: Record<string, string> }).speakers ?? {});
    const turns = [...text.matchAll(/^(?:\[(\d\d):(\d\d):(\d\d)\] )?([^\n:#][^\n:]*): (.*)$/gm)]
      .filter((m) => m[4]! in speakers)
      .map((m) => ({ label: m[4]!, words: m[5]!, ...(m[1] !== undefined ? { seconds: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) } : {}) }));
    return { code: result.code, stderr: result.stderr, text, speakers, turns };
  } finally {
    ws.dispose();
  }
}

const labels = (imported: Imported): string[] => imported.turns.map((t) => t.label);

describe('session-md import: speaker names as the tools write them (issue 16)', () => {
  it('problem 2: gives each Zoom display name its own turn: pronouns, "Last, First", e-mail, "&" and five words or more', async () => {
    const imported = await importFixture('zoom-names.vtt', 'vtt');
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(labels(imported), ['Dr Rivera', 'Jane Doe', 'Inglis Jake', 'sam.lee', 'Alex and Jordan Reyes', 'Maria de los Angeles Santos']);
    assert.equal(imported.turns[5]!.words, 'And I joined from my phone.', 'not appended to the speaker before');
    for (const label of Object.keys(imported.speakers)) assert.match(label, SPEAKER_NAME, 'the front matter schema accepts the label');
    assert.doesNotMatch(imported.text, /she\/her|example\.org/, 'pronouns and the e-mail domain are not part of the label');
  });

  it('problem 2: reads Zoom chat through --from text, in the current and the 2020 layout', async () => {
    const chat = await importFixture('zoom-chat.txt', 'text');
    assert.equal(chat.code, 0, chat.stderr);
    assert.deepEqual(
      chat.turns.map((t) => [t.label, t.words, t.seconds]),
      [
        ['Dr Rivera', 'Here is the worksheet we talked about.', 192],
        ['Inglis Jake', 'Thanks, got it.', 220],
        ['jake.inglis', 'Can we talk about the homework later?', 242],
      ],
    );
    const old = await importFixture('zoom-chat-2020.txt', 'text');
    assert.deepEqual(
      old.turns.map((t) => [t.label, t.words]),
      [
        ['Jane Doe', 'Is the recording on?'],
        ['Maria de los Angeles Santos', 'Yes, since the start.'],
      ],
    );
  });

  it('problem 3: reads WhisperX SRT "[SPEAKER_00]: text" and WhisperX JSON "speaker" fields as one speaker per label', async () => {
    const srt = await importFixture('whisperx.srt', 'srt');
    assert.equal(srt.code, 0, srt.stderr);
    assert.deepEqual(Object.keys(srt.speakers), ['SPEAKER_00', 'SPEAKER_01']);
    assert.doesNotMatch(srt.text, /\[SPEAKER_/, 'the tag is not left in the words');
    const json = await importFixture('whisperx.json', 'json');
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      json.turns.map((t) => [t.label, t.words]),
      srt.turns.map((t) => [t.label, t.words]),
    );
    assert.match(json.stderr, /warning: segment 3 names no speaker; it is given to the speaker before it/);
    assert.deepEqual(
      json.turns.map((t) => t.seconds),
      [1, 5, 13, 18, 25, 29, 62, 67],
    );
  });

  it('problem 6: --role-map takes a Teams "Last, First" name or its turn label, and warns of a name that is no speaker', async () => {
    const byName = await importFixture('teams.vtt', 'vtt', ['--role-map', 'Inglis, Jake=client,Rivera, Ana=therapist']);
    assert.equal(byName.code, 0, byName.stderr);
    assert.deepEqual(byName.speakers, { 'Rivera Ana': 'therapist', 'Inglis Jake': 'client' });
    const byLabel = await importFixture('zoom-names.vtt', 'vtt', ['--role-map', 'jane doe=client, sam.lee=other, Dr Rivera=therapist']);
    assert.equal(byLabel.code, 0, byLabel.stderr);
    assert.equal(byLabel.speakers['Jane Doe'], 'client', 'matched by the cleaned label, ignoring case');
    assert.equal(byLabel.speakers['Dr Rivera'], 'therapist');
    const typo = await importFixture('teams.vtt', 'vtt', ['--role-map', 'Ingles, Jake=client']);
    assert.equal(typo.code, 0, typo.stderr);
    assert.deepEqual(typo.speakers, { 'Rivera Ana': 'other', 'Inglis Jake': 'other' });
    assert.match(
      typo.stderr,
      /teams\.vtt: warning: --role-map: 'I\*\*\*\*\*, J\*\*\*' is not a speaker of this transcript, so no turn gets that role; its speakers' labels are 'R\*\*\*\*\* A\*\*', 'I\*\*\*\*\* J\*\*\*'/,
    );
  });

  it('problem 9: reads Otter and Rev text, whisper.cpp diarized output, and leaves out a Date: header', async () => {
    const expected = [1, 5, 13, 18, 25, 29, 62, 67];
    for (const [name, first, second] of [
      ['otter.txt', 'Speaker 1', 'Speaker 2'],
      ['rev.txt', 'Dr. Ana Rivera', 'Jake Inglis'],
      ['whispercpp-diarize.txt', 'Speaker 0', 'Speaker 1'],
      ['whispercpp-diarize.srt', 'Speaker 0', 'Speaker 1'],
      ['whispercpp-tdrz.txt', 'Speaker 1', 'Speaker 2'],
    ] as const) {
      const imported = await importFixture(name, name.endsWith('.srt') ? 'srt' : 'text');
      assert.equal(imported.code, 0, `${name}: ${imported.stderr}`);
      assert.deepEqual(labels(imported), [first, second, first, second, first, second, first, second], name);
      assert.deepEqual(
        imported.turns.map((t) => t.seconds),
        expected,
        name,
      );
    }
    const inline = await importFixture('rev-inline.txt', 'text');
    assert.deepEqual(
      inline.turns.map((t) => [t.label, t.words, t.seconds]),
      [
        ['Speaker 1', 'So what brings you here today?', 0],
        ['Speaker 2', 'My sleep, mostly.', 4],
      ],
    );
    const header = await importFixture('header-date.txt', 'text');
    assert.deepEqual(Object.keys(header.speakers), ['Therapist', 'Client']);
    assert.match(header.stderr, /header-date\.txt:2: warning: header line 'D\*\*\*: ####-##-##' is left out/);
  });

  it('problem 9: names what --from text reads when it finds no speaker', async () => {
    const ws = makeWorkspace({ 'notes.txt': 'just some words\nand more\n' });
    try {
      const result = await runCli(['import', 'notes.txt', '--from', 'text'], ws.dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /Otter's "Speaker 1 {2}0:03" and Rev's "Speaker 1 \(00:03\):" headings, Zoom chat, or whisper\.cpp's/);
    } finally {
      ws.dispose();
    }
  });

  it('exits 1 with a warning, writing nothing, when no cue names a speaker', async () => {
    const imported = await importFixture('no-speakers.srt', 'srt');
    assert.equal(imported.code, 1);
    assert.equal(imported.text, '', 'no session of "Speaker:" turns is written');
    assert.match(imported.stderr, /no-speakers\.srt: warning: no cue or segment names a speaker/);
  });

  // Acceptance 6 for speakers: the same session written by each tool imports to the same turns.
  // The reference is WhisperX's own word list (`word_segments`, one entry per word with its
  // speaker), not a parse of any of the files: runs of one speaker's words are its turns.
  it("imports the corpus with the word counts and speaker turns of WhisperX's word list", async () => {
    const words = (JSON.parse(fixture('whisperx.json')) as { word_segments: { word: string; speaker?: string }[] }).word_segments;
    const reference: [number, number][] = [];
    const order: string[] = [];
    let speaker: string | undefined;
    for (const word of words) {
      speaker = word.speaker ?? speaker;
      if (!order.includes(speaker!)) order.push(speaker!);
      const last = reference[reference.length - 1];
      if (last && last[0] === order.indexOf(speaker!)) last[1]++;
      else reference.push([order.indexOf(speaker!), 1]);
    }
    assert.equal(reference.length, 8, 'the reference has turns of two speakers');
    const corpus = [
      ['zoom.vtt', 'vtt'],
      ['teams.vtt', 'vtt'],
      ['whisperx.srt', 'srt'],
      ['whisperx.json', 'json'],
      ['whispercpp-diarize.txt', 'text'],
      ['whispercpp-diarize.srt', 'srt'],
      ['whispercpp-tdrz.txt', 'text'],
      ['otter.txt', 'text'],
      ['rev.txt', 'text'],
    ];
    for (const [name, from] of corpus) {
      const imported = await importFixture(name!, from!);
      const seen = Object.keys(imported.speakers);
      assert.deepEqual(
        imported.turns.map((t) => [seen.indexOf(t.label), t.words.split(/\s+/).length]),
        reference,
        name,
      );
    }
  });
});
