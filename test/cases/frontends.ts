// One table of cases that runs through both front ends: the CLI (test/cli/frontends.test.ts) and
// the editor's commands in a real VS Code (test/integration/suite/frontends.test.ts). Each case
// gives its files and what a user asks for; both sides assert the same expected outcome. Each
// case is one place where the two front ends used to differ.

/** A finding as a user sees it: in which file (relative to the case's folder), where, how bad, what and by which rule. */
export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
}

/** `session-md import <input> --from <format> --out <the case's folder>`, or Import Transcript… of that file. */
export interface ImportRun {
  kind: 'import';
  /** The input, at the top of the case's folder; the sessions are written beside it. */
  input: string;
  format: 'vtt' | 'srt' | 'csv' | 'text';
  /** `--role-map`, or the role map given to the editor. */
  roleMap?: string;
  /** `--codebook`: a built-in name. */
  codebook?: string;
  /** CSV columns, as `--speaker-column`, `--text-column`, `--time-column`, `--code-columns`, `--split-by` and `--meta-columns` name them. */
  csv?: { speakerColumn: string; textColumn: string; timeColumn?: string; codeColumns?: string[]; splitBy?: string; metaColumns?: string[] };
}

/** `session-md agree <copies…>`, or Compare Coders… of those files. */
export interface CompareRun {
  kind: 'compare';
  copies: string[];
}

/** `session-md lint <the case's folder>`, or the Problems panel of the editor with every file closed. */
export interface CheckRun {
  kind: 'check';
}

/**
 * What importing gives: the input's problem (with its line), or the files written (name → text)
 * and the findings in them other than phase-missing; and the warnings about the input (the CLI
 * prints each, the editor's notification counts them and shows the first).
 */
export interface ImportExpectation {
  failure?: { message: string; line?: number };
  written: Record<string, string>;
  problems: ExpectedFinding[];
  warnings?: { line: number; message: string }[];
}

/**
 * What comparing gives: the warnings, with `{0}`, `{1}`… standing for the copies' names as each
 * front end shows them, the agreement of the codebook's groups (the editor adds the groups of
 * its workspace's libraries, the CLI those of the folders it is given, after them), whether each
 * group compares one code or the set of codes of a turn, and the turns where the coders differ
 * (`agree --disagreements`, and the last section of Compare Coders' report): the groups they
 * differ on and each copy's line and codes.
 */
export interface CompareExpectation {
  warnings: string[];
  /** `percentAgreement` to three decimals, as the editor's report shows it. */
  groups: { label: string; units: number; percentAgreement: number; exclusive: boolean }[];
  disagreements: { groups: string[]; copies: { line: number; codes: string[] }[] }[];
}

/** What checking gives: the findings of each file named (none for a file given an empty list). */
export interface CheckExpectation {
  findings: Record<string, ExpectedFinding[]>;
}

export type FrontendCase = { name: string; id: string; files: Record<string, string | Uint8Array>; maxFileSize?: number } & (
  { run: ImportRun; expect: ImportExpectation } | { run: CompareRun; expect: CompareExpectation } | { run: CheckRun; expect: CheckExpectation }
);

/** Where a front end's message names the size limit: `--max-file-size` or `sessionMarkdown.maxFileSize`. */
export const SETTING = '{setting}';

// Every case folder has a config of its own that stops the search for settings above it, so the
// editor's workspace and the CLI's temporary folder check the files alike.
const CONFIG = { '.sessionmdrc.yaml': 'root: true\n' };

const session = (codebook: string, middle = '[00:05:00] T: You lie awake and worry. {reflection.simple}'): string =>
  [
    '---',
    'session: 1',
    'date: 2026-03-14',
    'client: C-001',
    `codebook: ${codebook}`,
    '---',
    '',
    '# Session 1',
    '',
    '## Beginning',
    '',
    '[00:00:05] T: What brings you here today? {open-question}',
    '[00:00:12] C: I cannot sleep. {sustain-talk}',
    '',
    '## Middle',
    '',
    middle,
    '',
    '## Termination',
    '',
    '[00:40:00] T: Let us look back at the week. {summary}',
    '',
  ].join('\n');

const utf16 = (text: string): Uint8Array => new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

// The text with `inserted` bytes after the first `marker`.
const splitAfter = (text: string, marker: string, inserted: number[]): [string, number[], string] => {
  const at = text.indexOf(marker) + marker.length;
  return [text.slice(0, at), inserted, text.slice(at)];
};

const INTAKE_CSV = [
  'speaker,text,time,codes,session',
  'Dr Rivera,How was the week?,00:00:01,open-question,1',
  'Sam,Hard. I slept badly.,00:00:04,,1',
  'Dr Rivera,Tell me more about the nights.,00:00:01,open-question,2',
  'Sam,They got better.,00:00:05,change-talk,2',
  '',
].join('\n');

const intakeSession = (n: number, turns: string[]): string =>
  [
    '---',
    'source: Intake.csv',
    'speakers:',
    '  Dr Rivera: therapist',
    '  Sam: client',
    'codebook: core',
    '---',
    '',
    `# Intake, session ${n}`,
    ...turns.flatMap((t) => ['', t]),
    '',
  ].join('\n');

// AnnoMI-like transcript-level columns: a value YAML would read as a number, one it would read as a mapping, and a row whose quality differs.
const RATED_CSV = [
  'speaker,text,talk,mi_quality,topic,wave',
  'T,How was the week?,7,high,smoking: cutting down,3',
  'C,Better.,7,high,smoking: cutting down,3',
  'T,What happened?,8,low,#diet,4',
  'C,Not much.,8,high,#diet,4',
  '',
].join('\n');

const ratedSession = (n: number, quality: string, topic: string, wave: string, turns: string[]): string =>
  [
    '---',
    'source: Rated.csv',
    `mi_quality: ${quality}`,
    `topic: ${topic}`,
    `wave: ${wave}`,
    'speakers:',
    '  T: therapist',
    '  C: client',
    'codebook: annomi',
    '---',
    '',
    `# Rated, talk ${n}`,
    ...turns.flatMap((t) => ['', t]),
    '',
  ].join('\n');

// A coder's copy of a short transcript: its first turn is on line 12.
const coderCopy = (codebook: string, turns: string[]): string =>
  ['---', 'session: 1', 'date: 2026-03-14', 'client: C-001', `codebook: ${codebook}`, '---', '', '# Session 1', '', '## Middle', '', ...turns, ''].join('\n');

const BROKEN_CODEBOOK = ['name: Team codes', 'codes:', '  - id: team-check-in', '    label: Check-in', '    role: patient', ''].join('\n');
const UNANNOTATED_LIBRARY = [
  'name: Team library',
  'codes:',
  '  - id: team-recap',
  '    label: Recap',
  '    role: therapist',
  '    snippets:',
  '      - label: Recap the week',
  '        body: "T: Let us recap the week."',
  '',
].join('\n');

export const FRONTEND_CASES: FrontendCase[] = [
  {
    name: 'refuses to import a UTF-16 file, naming the encoding and the line',
    id: 'import-utf16',
    files: { ...CONFIG, 'notes.txt': utf16('Therapist: How was the week?\nClient: Hard.\n') },
    run: { kind: 'import', input: 'notes.txt', format: 'text' },
    expect: { failure: { message: 'This file is saved as UTF-16; save it as UTF-8', line: 1 }, written: {}, problems: [] },
  },
  {
    name: 'refuses to import a binary file, naming the NUL byte and its line',
    id: 'import-binary',
    files: { ...CONFIG, 'call.vtt': bytes('WEBVTT\n\n', [0x00, 0x01, 0x02]) },
    run: { kind: 'import', input: 'call.vtt', format: 'vtt' },
    expect: {
      failure: { message: 'This looks like a binary file, not a transcript (NUL byte at byte 8); it was not linted', line: 3 },
      written: {},
      problems: [],
    },
  },
  {
    name: 'refuses to import a file above the size limit without reading it, naming the limit',
    id: 'import-oversize',
    maxFileSize: 2000,
    files: { ...CONFIG, 'long.txt': `Therapist: ${'Tell me more. '.repeat(214)}\n` },
    run: { kind: 'import', input: 'long.txt', format: 'text' },
    expect: { failure: { message: `File is 3.0 kB, larger than the 2 kB limit (${SETTING})` }, written: {}, problems: [] },
  },
  {
    name: 'imports a CSV split by session with a role map and a codebook: the same files, roles, codebook and titles',
    id: 'import-roles',
    files: { ...CONFIG, 'Intake.csv': INTAKE_CSV },
    run: {
      kind: 'import',
      input: 'Intake.csv',
      format: 'csv',
      roleMap: 'Dr Rivera=therapist,Sam=client',
      codebook: 'core',
      csv: { speakerColumn: 'speaker', textColumn: 'text', timeColumn: 'time', codeColumns: ['codes'], splitBy: 'session' },
    },
    expect: {
      written: {
        'intake-0001.session.md': intakeSession(1, ['[00:00:01] Dr Rivera: How was the week? {open-question}', '[00:00:04] Sam: Hard. I slept badly.']),
        'intake-0002.session.md': intakeSession(2, [
          '[00:00:01] Dr Rivera: Tell me more about the nights. {open-question}',
          '[00:00:05] Sam: They got better. {change-talk}',
        ]),
      },
      problems: [],
    },
  },
  {
    name: "carries a CSV's transcript-level columns into each session's front matter, quoted as YAML needs, warning of a row that differs",
    id: 'import-meta-columns',
    files: { ...CONFIG, 'Rated.csv': RATED_CSV },
    run: {
      kind: 'import',
      input: 'Rated.csv',
      format: 'csv',
      codebook: 'annomi',
      csv: { speakerColumn: 'speaker', textColumn: 'text', splitBy: 'talk', metaColumns: ['mi_quality', 'topic', 'wave'] },
    },
    expect: {
      written: {
        'rated-0007.session.md': ratedSession(7, 'high', '"smoking: cutting down"', '"3"', ['T: How was the week?', 'C: Better.']),
        'rated-0008.session.md': ratedSession(8, 'low', '"#diet"', '"4"', ['T: What happened?', 'C: Not much.']),
      },
      problems: [],
      warnings: [{ line: 5, message: "column 'mi_quality' differs within this session from its value on line 4; the front matter keeps the value of line 4" }],
    },
  },
  {
    name: 'lints what it imported and reports the findings other than phase-missing',
    id: 'import-linted',
    files: { ...CONFIG, 'visit.csv': 'speaker,text,codes\nT,How are you?,open-question\nC,Tired.,tired-talk\n' },
    run: { kind: 'import', input: 'visit.csv', format: 'csv', codebook: 'core', csv: { speakerColumn: 'speaker', textColumn: 'text', codeColumns: ['codes'] } },
    expect: {
      written: {
        'visit.session.md': [
          '---',
          'source: visit.csv',
          'speakers:',
          '  T: therapist',
          '  C: client',
          'codebook: core',
          '---',
          '',
          '# visit',
          '',
          'T: How are you? {open-question}',
          '',
          'C: Tired. {tired-talk}',
          '',
        ].join('\n'),
      },
      problems: [
        {
          file: 'visit.session.md',
          line: 13,
          column: 11,
          severity: 'error',
          ruleId: 'code-unknown',
          message: "Unknown code 't****-t***' in codebook 'Core techniques'",
        },
      ],
    },
  },
  {
    name: "warns when coders' copies use different codebooks, and compares them by the first copy's",
    id: 'agree-codebooks',
    files: { ...CONFIG, 'a.session.md': session('core'), 'b.session.md': session('miti-4.2.1') },
    run: { kind: 'compare', copies: ['a.session.md', 'b.session.md'] },
    expect: {
      warnings: ["{1} uses the codebook 'MITI 4.2.1 behaviour codes', not 'Core techniques' as {0} does; the groups of 'Core techniques' are used"],
      groups: [
        { label: 'Therapist technique', units: 3, percentAgreement: 1, exclusive: false },
        { label: 'Client talk', units: 1, percentAgreement: 1, exclusive: false },
      ],
      disagreements: [],
    },
  },
  {
    name: "compares a MITI volley's codes as a set, whatever their order, and lists the turns where the coders differ",
    id: 'agree-sets',
    files: {
      ...CONFIG,
      'a.session.md': coderCopy('miti-4.2.1', [
        'T: You want to sleep. What would help? {reflection.simple} {question}',
        'C: Less coffee.',
        'T: Good plan. {affirm} {question}',
        'C: Yes.',
        'T: Here is a leaflet. {giving-information}',
      ]),
      'b.session.md': coderCopy('miti-4.2.1', [
        'T: You want to sleep. What would help? {question}',
        'C: Less coffee.',
        'T: Good plan. {question} {affirm}',
        'C: Yes.',
        'T: Here is a leaflet. {giving-information} {persuade}',
      ]),
    },
    run: { kind: 'compare', copies: ['a.session.md', 'b.session.md'] },
    expect: {
      warnings: [],
      groups: [{ label: 'MITI behaviour code', units: 3, percentAgreement: 0.333, exclusive: false }],
      disagreements: [
        {
          groups: ['behaviour'],
          copies: [
            { line: 12, codes: ['question', 'reflection.simple'] },
            { line: 12, codes: ['question'] },
          ],
        },
        {
          groups: ['behaviour'],
          copies: [
            { line: 16, codes: ['giving-information'] },
            { line: 16, codes: ['giving-information', 'persuade'] },
          ],
        },
      ],
    },
  },
  {
    name: 'aligns turns by speaker as well as text, and warns about a turn aligned across speakers',
    id: 'agree-speakers',
    files: {
      ...CONFIG,
      // B lacks the client's "Okay.", and gave "Fine." to the therapist.
      'a.session.md': coderCopy('annomi', [
        'T: How was the week? {question}',
        'C: Okay. {neutral}',
        'T: Okay. {other}',
        'C: Fine. {neutral}',
        'C: I slept badly. {sustain}',
      ]),
      'b.session.md': coderCopy('annomi', ['T: How was the week? {question}', 'T: Okay. {other}', 'T: Fine. {other}', 'C: I slept badly. {sustain}']),
    },
    run: { kind: 'compare', copies: ['a.session.md', 'b.session.md'] },
    expect: {
      warnings: ["{1}:14 (turn 3) T: F***. is aligned with {0}:15 (turn 4) C: F***., another speaker; the first copy's speaker decides the role"],
      groups: [
        { label: 'Main therapist behaviour', units: 2, percentAgreement: 1, exclusive: true },
        { label: 'Client talk type', units: 2, percentAgreement: 0.5, exclusive: true },
      ],
      // The unit takes the first copy's speaker: a client turn, so only the client group applies to it.
      disagreements: [
        {
          groups: ['client-talk'],
          copies: [
            { line: 15, codes: ['neutral'] },
            { line: 14, codes: ['other'] },
          ],
        },
      ],
    },
  },
  {
    name: 'reports a closed transcript with invalid UTF-8 as file-invalid at the bad byte',
    id: 'closed-invalid-utf8',
    files: { ...CONFIG, 'bad.session.md': bytes(...splitAfter(session('core'), 'I cannot sleep', [0xff])) },
    run: { kind: 'check' },
    expect: {
      findings: {
        'bad.session.md': [
          {
            file: 'bad.session.md',
            line: 13,
            column: 29,
            severity: 'error',
            ruleId: 'file-invalid',
            message: 'This file is not valid UTF-8 (byte 0xFF at byte 179); save it as UTF-8',
          },
        ],
      },
    },
  },
  {
    name: "reports a broken library and a library's snippets as session-md lint does, on their own files",
    id: 'codebook-findings',
    // The transcript codes a client turn with the second library's therapist code: it is reported once that library is in force.
    files: {
      ...CONFIG,
      'team.codebook.yaml': BROKEN_CODEBOOK,
      'recap.codebook.yaml': UNANNOTATED_LIBRARY,
      's.session.md': session('core', '[00:05:00] C: I might try that. {team-recap}'),
    },
    run: { kind: 'check' },
    expect: {
      findings: {
        'team.codebook.yaml': [
          {
            file: 'team.codebook.yaml',
            line: 5,
            column: 11,
            severity: 'error',
            ruleId: 'codebook-invalid',
            message: `Codebook: 'codes.0.role' should be one of "therapist", "client", "any"`,
          },
        ],
        'recap.codebook.yaml': [],
        's.session.md': [
          {
            file: 's.session.md',
            line: 17,
            column: 33,
            severity: 'error',
            ruleId: 'code-role-mismatch',
            message: "Code 'team-recap' is for therapist turns, but 'C' is the client",
          },
        ],
      },
    },
  },
];

/** The case's expected warning with the copies' names put in. */
export function expectedWarning(template: string, names: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => names[Number(i)] ?? `{${i}}`);
}
