// Tokenizes adversarial lines with the session grammar (and the Markdown and YAML grammars it embeds)
// and prints the time per line, so catastrophic backtracking in a regex would show.
//   node --import tsx bench/grammar.ts [--sizes 1000,10000,100000] [--limit-ms 250]
// Each payload is tried in several places: a prose line, a turn's first line and a continuation line,
// a phase heading, a memo and the front matter. The last column is the time ratio between the two
// largest sizes: about 10 for 10x longer lines means linear; about 100 would mean quadratic.
// VS Code itself stops tokenizing a line after 20,000 characters (editor.maxTokenizationLineLength).
// "prose", "front matter" and "HTML tag" lines are tokenized by the embedded Markdown and YAML grammars, whose own
// rules are quadratic on some payloads (VS Code's .md and .yaml files behave the same); the other
// contexts are the session grammar's own rules.
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSessionGrammar, ROOT, textmate, tokenizeLines } from '../test/grammar/registry';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SIZES = option('--sizes', '1000,10000,100000').split(',').map(Number);
// A size is skipped once the same payload took longer than this at a smaller size.
// Markdown's and YAML's own rules are quadratic on some of these payloads; they would take minutes at 100k.
const LIMIT_MS = Number(option('--limit-ms', '250'));
const REPEATS = 3;

/** Adversarial payloads: `make(n)` returns a string of about n characters. */
const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const PAYLOADS: Record<string, (n: number) => string> = {
  '{{{{': repeat('{'),
  '}}}}': repeat('}'),
  '{#{#': repeat('{#'),
  '{a|{a|': repeat('{a|'),
  '{a | b': (n) => '{a |' + ' b'.repeat(Math.ceil(n / 2)),
  '{ a   a': (n) => '{ ' + 'a   '.repeat(Math.ceil(n / 4)),
  '[[[[': repeat('['),
  '[00:[00:': repeat('[00:'),
  '[a:b:c:d:': repeat('[a:b:c:d:'),
  'T:T:T:': repeat('T:'),
  '**T**:**': repeat('**T**:'),
  'Aa Aa Aa:': (n) => repeat('Aa ')(n) + ':',
  '((((': repeat('('),
  '(pause(pause': repeat('(pause'),
  '(long long': (n) => '(long ' + 'long '.repeat(Math.ceil(n / 5)),
  '[inaudible[': repeat('[inaudible'),
  '****': repeat('*'),
  ____: repeat('_'),
  '````': repeat('`'),
  '<<<<': repeat('<'),
  '\\\\\\\\': repeat('\\'),
  'spaces then x': (n) => ' '.repeat(n) + 'x',
  '— — — ': repeat('— '),
  'Middle Middle': repeat('Middle '),
  'prose words': repeat('word '),
  '{a}{a}': repeat('{a}'),
  '{a.b | n} ': repeat('{a.b | n} '),
  '{#a} ': repeat('{#a} '),
  '(pause) ': repeat('(pause) '),
  '[redacted] ': repeat('[redacted] '),
  '`a` ': repeat('`a` '),
  '**a** ': repeat('**a** '),
  '_a_ ': repeat('_a_ '),
  'TTTT…:': (n) => 'T'.repeat(n) + ':',
  '<!--<!--': repeat('<!--'),
  '<!-- -->': repeat('<!-- -->'),
  ' a=b a=b': repeat(' a=b'),
  '1. 1. 1. ': repeat('1. '),
};

const CONTEXTS: Record<string, { before: string[]; prefix: string }> = {
  prose: { before: [], prefix: '' },
  'turn start': { before: [], prefix: 'T: ' },
  continuation: { before: ['[00:00:01] C: first line'], prefix: '' },
  'phase heading': { before: [], prefix: '## Middle ' },
  'unknown heading': { before: [], prefix: '## ' },
  memo: { before: [], prefix: '> Memo: ' },
  'list item': { before: [], prefix: '1. T: ' },
  'HTML block': { before: ['<details>'], prefix: '' },
  'HTML tag': { before: [], prefix: '<span' },
  'front matter': { before: ['---'], prefix: 'text: ' },
};

async function main(): Promise<void> {
  const grammar = await loadSessionGrammar();

  // Warm up: compile every rule's scanner on a realistic file before timing anything.
  const examples = join(ROOT, 'examples', 'C-017');
  const files = readdirSync(examples).filter((f) => f.endsWith('.session.md'));
  const exampleLines = files.flatMap((f) => readFileSync(join(examples, f), 'utf8').split(/\r?\n/));
  tokenizeLines(grammar, exampleLines);
  const start = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) tokenizeLines(grammar, exampleLines);
  const perLineUs = ((performance.now() - start) / rounds / exampleLines.length) * 1000;
  console.log(`examples/C-017: ${exampleLines.length} lines, ${perLineUs.toFixed(1)} µs per line on average\n`);

  const width = Math.max(...Object.keys(PAYLOADS).map((k) => k.length)) + 2;
  const header = ['context'.padEnd(16), 'payload'.padEnd(width), ...SIZES.map((s) => `${s / 1000}k chars`.padStart(12)), 'ratio'.padStart(7)];
  console.log(header.join(''));
  // A line that is not a whole tag is prose, so 'HTML tag' counts as Markdown's too.
  const UPSTREAM = new Set(['prose', 'front matter', 'HTML tag']);
  const worst = { own: { ms: 0, what: '' }, upstream: { ms: 0, what: '' } };
  for (const [contextName, context] of Object.entries(CONTEXTS)) {
    for (const [payloadName, make] of Object.entries(PAYLOADS)) {
      const times: (number | undefined)[] = [];
      for (const size of SIZES) {
        const previous = times[times.length - 1];
        if (previous !== undefined && previous > LIMIT_MS) {
          times.push(undefined);
          continue;
        }
        let state = textmate.INITIAL;
        for (const line of context.before) state = grammar.tokenizeLine(line, state).ruleStack;
        const line = context.prefix + make(size);
        // The best of up to REPEATS runs, so a garbage collection does not pass for backtracking.
        let ms = Infinity;
        for (let r = 0; r < REPEATS; r++) {
          const t0 = performance.now();
          grammar.tokenizeLine(line, state);
          ms = Math.min(ms, performance.now() - t0);
          if (ms > LIMIT_MS) break;
        }
        times.push(ms);
        const slot = UPSTREAM.has(contextName) ? worst.upstream : worst.own;
        if (ms > slot.ms) Object.assign(slot, { ms, what: `${contextName} / ${payloadName} / ${size} chars` });
      }
      const [a, b] = times.slice(-2);
      const ratio = a !== undefined && b !== undefined && a > 0 ? (b / a).toFixed(1) : '-';
      const cells = times.map((t) => (t === undefined ? 'skipped' : `${t.toFixed(2)} ms`).padStart(12));
      console.log([contextName.padEnd(16), payloadName.padEnd(width), ...cells, ratio.padStart(7)].join(''));
    }
  }
  console.log(`\nslowest line in the session grammar's own rules: ${worst.own.ms.toFixed(1)} ms (${worst.own.what})`);
  console.log(`slowest line in embedded Markdown/YAML: ${worst.upstream.ms.toFixed(1)} ms (${worst.upstream.what})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
