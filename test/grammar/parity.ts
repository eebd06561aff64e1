// Checks that the grammar reads turns, timestamps and phase headings as the parser does
// (src/core/parse), on generated lines and on every line of the example sessions.
// Run by test/grammar/run.mjs: node --import tsx test/grammar/parity.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSession } from '../../src/core';
import { loadSessionGrammar, ROOT, tokenizeLines, type Token } from './registry';

type Role = 'therapist' | 'client' | 'other';

const failures: string[] = [];
let checks = 0;

let grammar: Awaited<ReturnType<typeof loadSessionGrammar>>;

function turnRole(tokens: Token[]): Role | undefined {
  const scopes = tokens[0]?.scopes ?? [];
  const turn = scopes.find((s) => s.startsWith('meta.turn.'));
  return turn ? (turn.split('.')[2] as Role) : undefined;
}

function timestampValidity(tokens: Token[]): 'valid' | 'invalid' | undefined {
  for (const t of tokens) {
    if (t.scopes.includes('constant.numeric.timestamp.session')) return 'valid';
    if (t.scopes.includes('invalid.illegal.timestamp.session')) return 'invalid';
  }
  return undefined;
}

function expect(what: string, line: string, parser: unknown, grammarSays: unknown): void {
  checks++;
  if (parser !== grammarSays) failures.push(`${what} ${JSON.stringify(line)}: parser ${String(parser)}, grammar ${String(grammarSays)}`);
}

/** A line on its own, and the same line right after a therapist turn (where it may continue it). */
function checkTurnLine(line: string): void {
  const alone = parseSession(line);
  const turn = alone.turns[0];
  const tokens = tokenizeLines(grammar, [line])[0]!;
  expect('turn role of', line, turn ? (turn.role ?? 'other') : undefined, turnRole(tokens));
  const ts = turn?.timestamp ? (turn.timestamp.seconds === undefined ? 'invalid' : 'valid') : undefined;
  expect('timestamp of', line, ts, timestampValidity(tokens));

  const after = parseSession(`T: x\n${line}`);
  const [, second] = tokenizeLines(grammar, ['T: x', line]);
  if (after.turns.length === 2) {
    expect('new turn after a turn', line, after.turns[1]!.role ?? 'other', turnRole(second!));
  } else if (after.turns.length === 1 && after.turns[0]!.range.end.line === 2) {
    expect('continuation of a turn', line, 'therapist', turnRole(second!));
  }
}

async function main(): Promise<void> {
  grammar = await loadSessionGrammar();
  const LABELS = [
    'T', 'Therapist', 'C', 'Client', 'P', 'Dr Who', 'Dr. K', 'She said', 'the doctor', 'Three Big Words',
    'T2', 'Therapist Two', "Mum's", 'Mum (P)', 'Parent/Carer', 'x'.repeat(40), 'X'.repeat(41), 'Ä', '7', 'T ',
  ];
  const TIMESTAMPS = ['', '[00:01:05] ', '[01:05]', '[1:02:03] ', '[00:01:05.250] ', '[63:00] ', '[00:1O] ', '[inaudible] ', '[1:2:3:4] ', '[12345:1] ', '[] '];
  const INDENTS = ['', '   ', '    '];
  const AFTER = [' hi', '', 'hi', ':x', '\tthere'];
  for (const indent of INDENTS) {
    for (const ts of TIMESTAMPS) {
      for (const label of LABELS) {
        for (const form of [`${label}:`, `**${label}:**`, `**${label}**:`]) {
          for (const after of AFTER) checkTurnLine(`${indent}${ts}${form}${after}`);
        }
      }
    }
  }
  for (const line of ['She said: no', 'T:T:T:', '(pause) C: x', '- T: x', '> T: x', '# T: x', '[inaudible] at the start', '{code} T: x']) {
    checkTurnLine(line);
  }

  // Phase headings: known when the parser finds a phase of the default or the MI model.
  const NAMES = ['Beginning', 'opening', 'MIDDLE', 'Work', 'Working', 'Termination', 'End', 'Engagement', 'Focus', 'Evocation', 'Plan', 'Middles', 'Check-in', 'Workshop'];
  const WRAPS = [(n: string) => n, (n: string) => `**${n}**`, (n: string) => `_${n}_`];
  const FILLERS = ['', ' phase', ' Stage', ' process', ' school', ' phase two'];
  const SUBTITLES = ['', ' — exposure work', '–exposure', ': exposure', ':', ' - exposure', '-exposure', ' -exposure', ' (exposure)', ' ##'];
  const MI = '---\nphases: mi\n---\n';
  function known(text: string, prefix: string): boolean {
    return parseSession(prefix + text).sections.some((s) => s.phaseIndex >= 0);
  }
  for (const name of NAMES) {
    for (const wrap of WRAPS) {
      for (const filler of FILLERS) {
        for (const subtitle of SUBTITLES) {
          const line = `## ${wrap(name)}${filler}${subtitle}`;
          const tokens = tokenizeLines(grammar, [line])[0]!;
          const grammarKnown = tokens.some((t) => t.scopes.includes('markup.heading.phase.known.session'));
          expect('phase heading', line, known(line, '') || known(line, MI), grammarKnown);
        }
      }
    }
  }

  // Every line of the example sessions, in context: the grammar's turn of each line against the parser's.
  const examples = join(ROOT, 'examples');
  for (const dir of readdirSync(examples, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(examples, dir.name)).filter((f) => f.endsWith('.session.md'))) {
      const text = readFileSync(join(examples, dir.name, file), 'utf8');
      const session = parseSession(text);
      const lines = text.split(/\r?\n/);
      const tokens = tokenizeLines(grammar, lines);
      const roleOfLine = new Map<number, Role>();
      for (const turn of session.turns) {
        for (let l = turn.range.start.line; l <= turn.range.end.line; l++) roleOfLine.set(l, turn.role ?? 'other');
      }
      lines.forEach((line, i) => {
        const grammarRole = tokens[i]!.length && line.trim() ? turnRole(tokens[i]!) : undefined;
        expect(`${dir.name}/${file}:${i + 1}`, line, roleOfLine.get(i + 1), grammarRole);
      });
    }
  }

  if (failures.length) {
    console.error(failures.slice(0, 40).join('\n'));
    console.error(`grammar/parser parity: ${failures.length} of ${checks} checks differ`);
    process.exit(1);
  }
  console.log(`grammar/parser parity: ${checks} checks agree`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
