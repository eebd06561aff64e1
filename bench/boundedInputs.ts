import type { BadInput } from './badInput';

// The hostile inputs of issue 11, items 10–13: "did you mean" over huge or many names, an
// `extends` diamond, a long pii name list on a long transcript, and files that are no regular
// files or are endless. Everything is generated deterministically, so every run times the same input.

const HELLO = 'T: Hello.\n';

/** A small linear congruential generator: the same sequence on every run and platform. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = [
  'an',
  'bel',
  'cor',
  'da',
  'el',
  'fin',
  'ga',
  'hil',
  'is',
  'jo',
  'ka',
  'lin',
  'mar',
  'ne',
  'or',
  'pet',
  'ra',
  'sol',
  'ta',
  'ur',
  'vi',
  'wen',
  'xa',
  'yo',
  'zel',
];

/** `count` distinct made-up names of two to four syllables, one in five of two words (`Marlin Dasol`). */
export function generatedNames(count: number, seed = 11): string[] {
  const random = lcg(seed);
  const word = (): string => {
    const n = 2 + Math.floor(random() * 3);
    const text = Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!).join('');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const names = new Set<string>();
  while (names.size < count) names.add(random() < 0.2 ? `${word()} ${word()}` : word());
  return [...names];
}

/** About `bytes` of turns of everyday words, with a name of `names` every 400 words or so. */
export function transcriptWithNames(bytes: number, names: readonly string[], seed = 12): string {
  const random = lcg(seed);
  const words = [
    'I',
    'keep',
    'lying',
    'awake',
    'and',
    'thinking',
    'about',
    'work',
    'the',
    'week',
    'was',
    'hard',
    'we',
    'talked',
    'so',
    'maybe',
    'sleep',
    'better',
    'tomorrow',
    'yes',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let turn = 0; size < bytes; turn++) {
    const parts: string[] = [];
    for (let i = 0; i < 40; i++) parts.push(random() < 0.0025 ? names[Math.floor(random() * names.length)]! : words[Math.floor(random() * words.length)]!);
    const line = `${turn % 2 === 0 ? 'T' : 'C'}: ${parts.join(' ')}.\n\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

function longGoalId(): Record<string, string> {
  const id = 'a'.repeat(30_000);
  const typo = `${id.slice(0, -1)}b`;
  return { 'x.session.md': `---\ngoals:\n  - id: ${id}\n    text: Sleep\n    status: open\n---\n\nT: Hello. {#${typo}}\n` };
}

function manyGoals(): Record<string, string> {
  const ids = Array.from({ length: 3000 }, (_, i) => String(i).padStart(4, '0'));
  const goals = ids.map((n) => `  - id: goal-${n}\n    text: Goal ${n}\n    status: open`).join('\n');
  const turns = ids.map((n, i) => `${i % 2 === 0 ? 'T' : 'C'}: Next. {#gaol-${n}}`).join('\n\n');
  return { 'x.session.md': `---\ngoals:\n${goals}\n---\n\n${turns}\n` };
}

function hugeCodebook(count: number): Record<string, string> {
  // The least a code needs (an id and a label), so the row times the suggestions rather than the YAML parser.
  const codes = Array.from({ length: count }, (_, i) => `  - id: code-${String(i).padStart(6, '0')}\n    label: C`).join('\n');
  const turns = Array.from({ length: 50 }, (_, i) => `T: Next. {cdoe-${String(Math.floor((i * count) / 50)).padStart(6, '0')}}`).join('\n\n');
  return { 'big.codebook.yaml': `name: Big\ncodes:\n${codes}\n`, 'x.session.md': `---\ncodebook: big.codebook.yaml\n---\n\n${turns}\n` };
}

// Each level has two files that both extend the two files of the next level: 2^16 paths to the last level,
// whose files make a missing phase an error, so the transcript's findings show they were read (exit 1).
function extendsDiamond(levels: number): Record<string, string> {
  const files: Record<string, string> = { '.sessionmdrc.yaml': 'extends: [level-0-a.yaml, level-0-b.yaml]\n', 'x.session.md': HELLO };
  for (let level = 0; level < levels; level++) {
    const next = level + 1 < levels ? `extends: [level-${level + 1}-a.yaml, level-${level + 1}-b.yaml]\n` : 'rules:\n  phase-missing: error\n';
    for (const side of ['a', 'b']) files[`level-${level}-${side}.yaml`] = next;
  }
  return files;
}

function namesOnTranscript(): Record<string, string> {
  const names = generatedNames(50_000);
  return {
    '.sessionmdrc.yaml': 'pii:\n  names: private/names.txt\n',
    'private/names.txt': `${names.join('\n')}\n`,
    'x.session.md': transcriptWithNames(1_000_000, names),
  };
}

/** The rows for items 10–13 of issue 11. */
export const BOUNDED_CASES: BadInput[] = [
  { name: '30,000-character goal id (60 KB)', files: longGoalId() },
  { name: '3,000 × 3,000 undeclared goals', files: manyGoals() },
  // 2.9 MB: above the 1 MB limit for codebooks and libraries, refused without being read.
  { name: '100,000-code codebook, 50 unknown', files: hugeCodebook(100_000) },
  // 0.75 MB, near the most codes a library under the limit can hold: 50 suggestions among 25,000 codes.
  { name: '25,000-code codebook, 50 unknown', files: hugeCodebook(25_000) },
  { name: '16-level extends diamond', files: extendsDiamond(16) },
  { name: '50,000 pii names on 1 MB', files: namesOnTranscript() },
  { name: 'FIFO as the codebook', files: { 'x.session.md': `---\ncodebook: pipe.codebook.yaml\n---\n\n${HELLO}` }, fifos: ['pipe.codebook.yaml'] },
  {
    name: '/dev/zero as the pii name list',
    files: { '.sessionmdrc.yaml': 'pii:\n  names: names.txt\n', 'x.session.md': HELLO },
    links: { 'names.txt': '/dev/zero' },
  },
];
