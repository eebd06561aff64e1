import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { annomiAvailable, annomiSession, exampleTranscripts, loadAnnomi } from './annomi';
import { ROOT } from './paths';

// Inputs for the property tests: arbitrary text, text built from the pieces of the format (and of
// the ways it breaks), and real transcripts with a few random edits. SESSIONMD_FC_SEED replays a
// failure; SESSIONMD_FC_SCALE multiplies the number of runs (`npm run fuzz` uses 25).

/** The fast-check seed of every property; a failure prints it, and this variable replays it. */
export const SEED = Number(process.env['SESSIONMD_FC_SEED'] ?? 20260314);
/** How many times the default number of runs to try. */
export const SCALE = Number(process.env['SESSIONMD_FC_SCALE'] ?? 1);

/** Options for `fc.assert`: the seed and `n` runs scaled. */
export function runs(n: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: Math.max(1, Math.round(SCALE * n)) };
}

/** Pieces of the format, of Markdown around it, of YAML and of broken encodings. */
export const FRAGMENTS: readonly string[] = [
  '---',
  '---\n',
  '\n---\n',
  'T:',
  'T: ',
  'C: ',
  'Client: ',
  '**Therapist:** ',
  '**C**: ',
  'Dr Who: ',
  'P: ',
  '[00:01:02] ',
  '[01:02] ',
  '[00:1O] ',
  '[99:99] ',
  '[00:00:05.250] ',
  '{code}',
  '{open-question}',
  '{reflection.complex}',
  '{reflectoin}',
  '{reframe | "a" -> "b"}',
  '{}',
  '{ ',
  '}',
  '{#goal}',
  '{#sleep}',
  '{ #sleep }',
  '{#}',
  '{#nope}',
  '> ',
  '> Memo: ',
  '>',
  '#',
  '# ',
  '## ',
  '## Middle\n',
  '## Beginning\n',
  '## Termination\n',
  '## Midle\n',
  '### ',
  '#### ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\u0000',
  '\uFEFF',
  '\t',
  '`',
  '``',
  '```\n',
  '~~~\n',
  '    ',
  '- ',
  '* ',
  '1. ',
  '2. ',
  '10) ',
  '***\n',
  '===\n',
  '<!-- ',
  ' -->',
  '<div>\n',
  '<details>\n',
  '<pre>\n',
  '<!-- {open-question} -->',
  '(Recording starts.)\n',
  'speakers:\n',
  '  T: therapist\n',
  '  C: client\n',
  '  X: nobody\n',
  'speakers: {T: therapist, P: other}\n',
  'goals:\n',
  '  - id: sleep\n    text: Sleep better\n',
  '  - id: sleep\n',
  '    status: done\n',
  'goals: [',
  'session: 3\n',
  'session: three\n',
  'date: 2026-02-30\n',
  'phases: mi\n',
  'phases: [A, B]\n',
  'codebook: core\n',
  'codebook: lab.codebook.yaml\n',
  'codebook: nowhere.yaml\n',
  'rules:\n  phase-missing: off\n',
  'rules: {goal-unsued: off}\n',
  '&a ',
  '*a',
  '&a [1, *a]',
  '[[[',
  ']]]',
  '{{{',
  ': ',
  '? ',
  '|\n',
  '"',
  "'",
  '(pause)',
  '[inaudible]',
  '[redacted]',
  'Jane Doe',
  'MÜLLER',
  'jane@example.org',
  '+44 20 7946 0958',
  'https://example.org/a?b=c',
  'on 12/04/1985 ',
  '123-45-6789',
  'é',
  'ß',
  '日本語',
  '😀',
  '\u0301',
  '\u2028',
  '\uD800',
  ' ',
  'a',
  'words ',
  'Honestly: ',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const anyText = fc.string({ unit: 'binary', maxLength: 12 });

/** Arbitrary text: fully arbitrary code points, or a run of the format's fragments with arbitrary bits between. */
export function documentArbitrary(): fc.Arbitrary<string> {
  const pieces = fc.array(fc.oneof({ weight: 4, arbitrary: fragment }, { weight: 1, arbitrary: anyText }), { maxLength: 40 }).map((p) => p.join(''));
  // Line by line, so labels, headings and fences more often start a line.
  const lines = fc
    .array(
      fc.array(fragment, { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
      { maxLength: 25 },
    )
    .map((l) => l.join('\n'));
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    pieces,
    lines,
    // Often a front matter first, so the fields and the rules that read them come into play.
    fc.tuple(lines, lines).map(([head, body]) => `---\n${head}\n---\n${body}`),
    // A front matter never closed (unless a line of the body closes it), which ends where no front matter goes on.
    fc.tuple(lines, lines).map(([head, body]) => `---\n${head}\n\n${body}`),
  );
}

// Lines of a transcript and of the Markdown around it, for documents shaped like real ones.
const TRANSCRIPT_LINES: readonly string[] = [
  '[00:00:05] T: Would you like to share a bit? {open-question}',
  '[00:00:19] C: I feel really lonely. {#sleep}',
  'T: so {reflection | deep} and [inaudible] then',
  'C: [crosstalk, 2 s] yes! wow & more * _ = | ~ # - + 1.',
  'difficult for you. {reflection.complex}',
  '**Therapist:** Hello. (pause)',
  'Client: ok {change-talk}',
  '> Memo: first affective reflection.',
  '> the client relaxes.',
  '>',
  '## Beginning',
  '## Middle — exposure work',
  '### Sleep diary',
  '# Session 3',
  '- a list item {summary}',
  '1. T: numbered',
  '   C: indented turn',
  '    indented code',
  '```',
  '~~~',
  '---',
  '----',
  '***',
  '===',
  '<!-- note',
  'end -->',
  '<details>',
  '</details>',
  'T: `code {x}` and <b>tag</b> and [link](/x) and \\* escape',
  'T: *emphasis* and **strong** &amp; &copy; words\\',
  '[a]: /url',
  'session: 3',
  'speakers:',
  '  T: therapist',
  '\uFEFFT: after a byte order mark {summary}',
  '\uFEFF## Middle',
  '',
  '',
  '',
];
const HEADS: readonly string[] = [
  '',
  '',
  '---\nsession: 1\ngoals:\n  - id: sleep\n    text: Sleep\n---\n',
  '---\nsession: 1\nclient: C-017\n',
  '---\nsession: 1\n\n',
  '---\nsession: 1\n----\n',
  '\uFEFF---\nsession: 1\n---\n',
];

/** Documents shaped like transcripts: an optional front matter (closed, never closed, or closed by `----`), then lines of turns, memos and Markdown, with any line endings. */
export function transcriptArbitrary(): fc.Arbitrary<string> {
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...TRANSCRIPT_LINES) },
    { weight: 1, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 3 }).map((p) => p.join('')) },
  );
  const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
  return fc
    .tuple(fc.constantFrom(...HEADS), fc.array(fc.tuple(line, ending), { maxLength: 30 }))
    .map(([head, lines]) => head + lines.map(([text, eol]) => text + eol).join(''));
}

/** One random change to a text: an insertion, a deletion or a replacement at a relative place. */
export interface Mutation {
  kind: 'insert' | 'delete' | 'replace';
  /** Where, from 0 (the start) to 1 (the end) of the text as it is when the change is made. */
  at: number;
  length: number;
  insert: string;
}

const insertion = fc.oneof(
  { weight: 3, arbitrary: fragment },
  { weight: 1, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: anyText },
);

/** One to five random changes, at uniform places and at the very start and end. */
export function mutationsArbitrary(): fc.Arbitrary<Mutation[]> {
  const mutation = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('insert', 'delete', 'replace'),
    at: fc.oneof(fc.constant(0), fc.constant(1), fc.noBias(fc.double({ min: 0, max: 1, noNaN: true }))),
    length: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 80 })),
    insert: insertion,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 5 });
}

/** The text after the changes, applied one after another. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const { kind, at, length, insert } of mutations) {
    const offset = Math.min(out.length, Math.floor(at * (out.length + 1)));
    const removed = kind === 'insert' ? 0 : Math.min(length, out.length - offset);
    out = out.slice(0, offset) + (kind === 'delete' ? '' : insert) + out.slice(offset + removed);
  }
  return out;
}

/** A transcript whose text is built when a test first reads it, not when the test file loads. */
export function lazyTranscript(label: string, build: () => string): { label: string; readonly text: string } {
  let text: string | undefined;
  return {
    label,
    get text() {
      return (text ??= build());
    },
  };
}

/**
 * Real transcripts to mutate: the examples (also as CRLF with a BOM) and two sessions built from
 * AnnoMI or, without it, from the examples' turns (the CSV is read on first use).
 */
export function realTranscripts(): { label: string; readonly text: string }[] {
  const list: { label: string; readonly text: string }[] = [];
  const dir = join(ROOT, 'examples', 'C-017');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.session.md'))
    .sort())
    list.push({ label: file, text: readFileSync(join(dir, file), 'utf8') });
  const first = list[0]!;
  list.push({ label: `${first.label}, CRLF and BOM`, text: `\uFEFF${first.text.replace(/\n/g, '\r\n')}` });
  if (annomiAvailable()) {
    list.push(
      lazyTranscript(
        'AnnoMI 0 and 13',
        () =>
          annomiSession(
            [0, 13].flatMap((id) => loadAnnomi().get(id) ?? []),
            { turns: 60 },
          ).text,
      ),
    );
    list.push(lazyTranscript('AnnoMI 104, compact', () => annomiSession(loadAnnomi().get(104) ?? [], { turns: 60, compact: true }).text));
  } else {
    list.push(
      lazyTranscript(
        'the first two examples as one 60-turn session',
        () =>
          annomiSession(
            [0, 1].flatMap((id) => exampleTranscripts().get(id) ?? []),
            { turns: 60 },
          ).text,
      ),
    );
    list.push(
      lazyTranscript(
        'the last example as a 60-turn session, compact',
        () => annomiSession(exampleTranscripts().get(2) ?? [], { turns: 60, compact: true }).text,
      ),
    );
  }
  return list;
}
