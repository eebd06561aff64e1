import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SrtParser from 'srt-parser-2';
import { WebVTTParser, type WebVTTNode } from 'webvtt-parser';
import { readSrt, readVtt, type ImportedTranscript } from '../../src/core/research/import';
import { FIXTURES } from '../support/paths';

// Issue 16, acceptance 6 (cues): real-shaped WebVTT and SRT files, written for this test in the formats
// Zoom, Teams, Google Meet, Subtitle Edit and ffmpeg (from Whisper) write, are imported, and their
// cues, start times and words are those an independent parser finds: W3C's webvtt.js (the npm
// package webvtt-parser) for WebVTT, srt-parser-2 for SRT. Character references are left to
// test/cli/import-cues.test.ts: webvtt.js 2.2 decodes `&amp;` as `&;`.
const CORPUS = join(FIXTURES, 'import', 'corpus');

/** A cue as a reference parser reads it: its start and its words, without markup or the `Name:` that names its speaker. */
interface ReferenceCue {
  seconds: number;
  words: string[];
}

function nodeText(node: WebVTTNode | { children: WebVTTNode[] }): string {
  if (!('type' in node)) return node.children.map(nodeText).join('');
  return node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(nodeText).join('');
}

// A speaker's `Name:` at the start of a cue is how Zoom and others name the speaker, not words.
function withoutSpeaker(text: string, speakers: readonly string[]): string {
  const trimmed = text.trim();
  const name = speakers.find((s) => trimmed.startsWith(`${s}:`));
  return name === undefined ? trimmed : trimmed.slice(name.length + 1);
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

function referenceVtt(text: string, speakers: readonly string[]): ReferenceCue[] {
  const parsed = new WebVTTParser().parse(text);
  // webvtt.js predates header lines after WEBVTT (`Kind: captions`), which the spec now allows; it reads past them.
  const errors = parsed.errors.filter((e) => e.message !== 'No blank line after the signature.');
  assert.deepEqual(errors, [], 'the reference parser finds the file well-formed');
  return parsed.cues.map((cue) => ({ seconds: cue.startTime, words: words(withoutSpeaker(nodeText(cue.tree), speakers)) }));
}

// srt-parser-2 keeps the markup in the text; its formatting tags and {\an8} are taken out here.
function referenceSrt(text: string, speakers: readonly string[]): ReferenceCue[] {
  return new SrtParser().fromSrt(text.replace(/^\uFEFF/, '')).map((cue) => ({
    seconds: cue.startSeconds,
    words: words(withoutSpeaker(cue.text.replace(/<\/?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}/g, ''), speakers)),
  }));
}

// One turn per cue (--keep-cues); a cue is known by the line of its timing.
function importedCues(imported: ImportedTranscript): ReferenceCue[] {
  const cues = new Map<number, ReferenceCue>();
  for (const u of imported.utterances) {
    const cue = cues.get(u.line) ?? { seconds: u.seconds!, words: [] };
    cue.words.push(...words(u.text));
    cues.set(u.line, cue);
  }
  return [...cues.values()];
}

const FILES: { name: string; speakers: string[]; cues: number }[] = [
  { name: 'zoom.vtt', speakers: ['Dr Ana Rivera', 'Sam Okafor'], cues: 16 },
  { name: 'teams.vtt', speakers: ['Rivera, Ana', 'Okafor, Sam'], cues: 11 },
  { name: 'google-meet.vtt', speakers: ['Dr Rivera', 'Sam'], cues: 11 },
  { name: 'subtitle-edit.srt', speakers: ['Dr Rivera', 'Sam'], cues: 10 },
  { name: 'whisper-ffmpeg.srt', speakers: ['Speaker'], cues: 10 },
];

describe('import: a corpus of real-shaped WebVTT and SRT files against independent parsers (issue 16)', () => {
  for (const { name, speakers, cues } of FILES) {
    it(`${name}: the same cues, start times and words as ${name.endsWith('.vtt') ? 'webvtt.js' : 'srt-parser-2'}`, () => {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      const vtt = name.endsWith('.vtt');
      const imported = vtt ? readVtt(text, { keepCues: true }) : readSrt(text, { keepCues: true });
      const reference = vtt ? referenceVtt(text, speakers) : referenceSrt(text, speakers);
      assert.equal(reference.length, cues, 'the reference parser reads every cue of the file');
      assert.deepEqual(imported.warnings, []);
      const ours = importedCues(imported);
      assert.equal(ours.length, reference.length, 'cue count');
      assert.equal(
        ours.reduce((n, c) => n + c.words.length, 0),
        reference.reduce((n, c) => n + c.words.length, 0),
        'word count',
      );
      assert.deepEqual(ours, reference);
      assert.deepEqual([...new Set(imported.utterances.map((u) => u.speaker))], speakers);
    });
  }
});
