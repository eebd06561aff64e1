// Inline codebooks for the CLI tests of `codebook check`, `codebook list`, `snippets` and `lint --codebook`.

// A trainer's library whose bodies use VS Code placeholders, quotes, a `|` note, a backslash,
// a list body and a block body with a trailing line break: all must survive conversion.
export const LIBRARY = [
  "name: Trainer's library",
  'version: 2.0.0',
  'source: Example trainer, 2026',
  'codes:',
  '  - id: reflection.complex',
  '    label: Complex reflection',
  '    role: therapist',
  '    description: Adds meaning beyond what the client said, such as the feeling behind it, and this description is long.',
  '    snippets:',
  '      - label: Feeling and reason',
  '        prefix: feel',
  '        description: Name the feeling and its reason',
  '        body: "T: It sounds like you feel ${1:emotion} because \\"${2:situation}\\". {reflection.complex | feeling \\\\ reason}"',
  '      - label: Two sides',
  '        body:',
  '          - "T: ${1:On the one hand}…"',
  '          - "   ${2:and on the other}. {reflection.complex}"',
  '  - id: reframe',
  '    label: Reframe',
  '    role: therapist',
  '    snippets:',
  '      - label: Reframe',
  '        body: |',
  '          T: What if it went ${1:badly this time}, not \\$always? {reframe | "always fail" -> "went badly"}',
  '      - label: Reframe',
  '        body: "T: ${1:Another way to see it}. {reframe}"',
  '  - id: change-talk',
  '    label: Change talk',
  '    role: client',
  '',
].join('\n');

export const BROKEN = `name: Broken library
codes:
  - id: reframe
    label: Reframe
    role: counsellor
  - id: homework
    description: No label
    snipets: []
`;

export const DUPLICATES = `name: Duplicates
groups:
  - id: talk
    codes: [reframe, nope]
codes:
  - id: reframe
    label: Reframe
    snippets:
      - label: Forgot the code
        body: "T: What if it went badly this time?"
  - id: reframe
    label: Reframe again
`;

// Core's codes that transcript() uses, without `reframe`.
export const NO_REFRAME = `name: No reframe
codes:
  - { id: open-question, label: Open question, role: therapist }
  - { id: reflection.simple, label: Simple reflection, role: therapist }
  - { id: summary, label: Summary, role: therapist }
`;
