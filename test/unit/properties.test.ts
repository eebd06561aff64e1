import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createNodeHost } from '../../src/cli/nodeHost';
import { Linter, safeFixEdits, type Finding, type Range, type Session, type TextEdit } from '../../src/core';
import { applyEdits } from '../../src/core/lint/fix';
import { parseSession } from '../../src/core/parse/session';
import { documentArbitrary, mutate, mutationsArbitrary, realTranscripts, runs, SCALE, SEED } from '../support/fuzz';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// Whatever a transcript holds, the parser and every rule answer without throwing, every position
// they give lies inside the document, a fix touches only its own range, and `--fix` settles.
// Inputs: arbitrary text, text made of the format's pieces, and real transcripts with random edits.

// A workspace where every rule has something to work with: a local codebook, and a name list and
// pseudonym map for the pii rules (whose pseudonym fixes are safe, so --fix applies them).
const WORKSPACE = {
  'lab.codebook.yaml':
    'name: Lab\ncodes:\n  - id: lab.note\n    label: Note\n    role: any\n  - id: open-question\n    label: Open question\n    role: therapist\n',
  '.sessionmdrc.yaml': 'pii:\n  names: names.txt\n  pseudonyms: pseudonyms.yaml\n',
  'names.txt': 'Jane Doe\nMüller\n',
  'pseudonyms.yaml': 'Jane Doe: Client A\nmüller: Client B\njane@example.org: client-a@example.invalid\n',
};

/** Every range of the session model, named by where it comes from. */
function sessionRanges(session: Session): [string, Range][] {
  const out: [string, Range][] = [];
  const fm = session.frontMatter;
  if (fm) {
    out.push(['frontMatter', fm.range]);
    if (fm.codebookRange) out.push(['frontMatter.codebook', fm.codebookRange]);
    fm.problems.forEach((p, i) => out.push([`frontMatter.problems[${i}]`, p.range]));
    fm.goals.forEach((g, i) => out.push([`goals[${i}]`, g.range], [`goals[${i}].id`, g.idRange]));
    for (const [key, { key: k, value }] of fm.keyRanges) {
      out.push([`key ${key}`, k]);
      if (value) out.push([`value ${key}`, value]);
    }
  }
  session.speakers.forEach((s, i) => s.range && out.push([`speakers[${i}]`, s.range]));
  session.sections.forEach((s, i) => {
    out.push([`sections[${i}].heading`, s.headingRange], [`sections[${i}]`, s.range]);
    s.topics.forEach((t, j) => out.push([`sections[${i}].topics[${j}]`, t.range]));
  });
  session.turns.forEach((t, i) => {
    out.push([`turns[${i}]`, t.range], [`turns[${i}].label`, t.labelRange]);
    if (t.timestamp) out.push([`turns[${i}].timestamp`, t.timestamp.range]);
    t.codes.forEach((c, j) => out.push([`turns[${i}].codes[${j}]`, c.range], [`turns[${i}].codes[${j}].id`, c.idRange]));
    t.goals.forEach((g, j) => out.push([`turns[${i}].goals[${j}]`, g.range], [`turns[${i}].goals[${j}].id`, g.idRange]));
    t.memos.forEach((m, j) => out.push([`turns[${i}].memos[${j}]`, m.range]));
    t.utterances.forEach((u, j) => out.push([`turns[${i}].utterances[${j}]`, u.range]));
  });
  return out;
}

/** Why the utterances of a turn are not as docs/format.md#utterances defines them, or undefined. */
function utteranceProblem(turn: Session['turns'][number]): string | undefined {
  const { utterances, codes } = turn;
  if (codes.length > 0 && utterances.length === 0) return 'codes without an utterance';
  for (const [i, u] of utterances.entries()) {
    if (u.index !== i + 1) return `utterance ${i} is numbered ${u.index}`;
    if (u.range.start.offset < turn.range.start.offset || u.range.end.offset > turn.range.end.offset) return `utterance ${u.index} lies outside its turn`;
    if (i > 0 && u.range.start.offset < utterances[i - 1]!.range.end.offset) return `utterance ${u.index} overlaps the one before`;
    const on = codes.filter((c) => c.utterance === u.index);
    if (on.length === 0) return `utterance ${u.index} has no code`;
    // Codes written at the start of a turn code the words after them; when no code follows those words, they are its only utterance.
    const leading = utterances.length === 1 && on.every((c) => c.range.end.offset <= u.range.start.offset);
    if (on[on.length - 1]!.range.start.offset < u.range.end.offset && !leading) return `utterance ${u.index} ends after its last code`;
  }
  for (const [j, c] of codes.entries()) {
    if (!Number.isInteger(c.utterance) || c.utterance < 1 || c.utterance > utterances.length) return `code ${j} codes utterance ${c.utterance}`;
    if (j > 0 && c.utterance < codes[j - 1]!.utterance) return `code ${j} codes an utterance before the one of the code before it`;
    if (utterances.some((u) => c.range.start.offset < u.range.end.offset && u.range.start.offset < c.range.end.offset))
      return `code ${j} lies inside an utterance`;
  }
  return undefined;
}

/** Where each line starts and ends (before its line break); CRLF, LF and a lone CR end a line, as in CommonMark and VS Code. */
function lines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  return [...out, { start, end: text.length }];
}

/** Why a range does not lie inside `text`, or undefined. */
function rangeProblem(range: Range, text: string): string | undefined {
  const all = lines(text);
  for (const [name, p] of [
    ['start', range.start],
    ['end', range.end],
  ] as const) {
    if (!Number.isInteger(p.line) || p.line < 1 || p.line > all.length) return `${name} line ${p.line} is outside 1..${all.length}`;
    const { start: lineStart, end: lineEnd } = all[p.line - 1]!;
    const lineLength = lineEnd - lineStart;
    if (!Number.isInteger(p.column) || p.column < 1 || p.column > lineLength + 1)
      return `${name} column ${p.column} is outside 1..${lineLength + 1} on line ${p.line}`;
    if (p.offset !== undefined && p.offset !== lineStart + p.column - 1)
      return `${name} offset ${p.offset} is not line ${p.line}, column ${p.column} (${lineStart + p.column - 1})`;
  }
  if (range.start.offset > range.end.offset) return `start ${range.start.offset} is after end ${range.end.offset}`;
  return undefined;
}

function assertInside(range: Range, text: string, what: string): void {
  const problem = rangeProblem(range, text);
  if (problem) assert.fail(`${what}: ${problem} in ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`);
}

/** Applies edits by line and column, as the editor does, without looking at their offsets. */
function applyByLineColumn(text: string, edits: readonly TextEdit[]): string {
  const starts = lines(text).map((l) => l.start);
  const offset = (p: Range['start']): number => starts[p.line - 1]! + p.column - 1;
  const sorted = [...edits].sort((a, b) => offset(a.range.start) - offset(b.range.start));
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    out += text.slice(cursor, offset(edit.range.start)) + edit.newText;
    cursor = offset(edit.range.end);
  }
  return out + text.slice(cursor);
}

/** Checks every fix of a finding: edits inside the text, not overlapping, and applied the same by offset and by line and column. */
function checkFixes(finding: Finding, text: string): void {
  for (const fix of finding.fixes ?? []) {
    const what = `${finding.ruleId} fix '${fix.title}'`;
    fix.edits.forEach((e, i) => assertInside(e.range, text, `${what}, edit ${i}`));
    const sorted = [...fix.edits].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(sorted[i - 1]!.range.end.offset <= sorted[i]!.range.start.offset, `${what}: edits ${i - 1} and ${i} overlap`);
    }
    const applied = applyEdits(text, fix.edits);
    assert.equal(applied.applied, fix.edits.length, `${what}: only ${applied.applied} of ${fix.edits.length} edits apply`);
    assert.equal(applyByLineColumn(text, fix.edits), applied.text, `${what}: the editor (line and column) and --fix (offsets) would write different text`);
    if (sorted.length === 0) continue;
    const first = sorted[0]!.range.start.offset;
    const last = sorted[sorted.length - 1]!.range.end.offset;
    assert.equal(applied.text.slice(0, first), text.slice(0, first), `${what}: changed the text before its first edit`);
    assert.equal(applied.text.slice(applied.text.length - (text.length - last)), text.slice(last), `${what}: changed the text after its last edit`);
  }
}

/** Lints a text and checks every range of the session, the findings and their fixes. */
async function lintAndCheck(linter: Linter, path: string, text: string): Promise<void> {
  const linted = await linter.lintText(path, text);
  const { session, findings } = linted;
  for (const [what, range] of sessionRanges(session)) assertInside(range, session.text, what);
  for (const finding of findings) {
    assertInside(finding.range, session.text, `${finding.ruleId} '${finding.message}'`);
    checkFixes(finding, session.text);
  }
}

/** The file after `session-md lint --fix` (src/cli/lintFile.ts): up to ten passes of safe fixes, re-linting after each; the BOM kept, an unchanged file untouched. */
async function fixAll(linter: Linter, path: string, text: string): Promise<string> {
  let linted = await linter.lintText(path, text);
  const { text: original, bom } = linted.session;
  for (let pass = 0; pass < 10; pass++) {
    const edits = safeFixEdits(linted.findings);
    if (edits.length === 0) break;
    const next = applyEdits(linted.session.text, edits);
    if (next.applied === 0) break;
    linted = await linter.lintText(path, next.text);
  }
  return linted.session.text === original ? text : bom + linted.session.text;
}

describe('properties of parsing, linting and fixing', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let linter: Linter;
  let path: string;
  before(() => {
    ws = makeWorkspace(WORKSPACE);
    path = ws.path('x.session.md');
    linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
  });
  after(() => ws.dispose());
  const sources = realTranscripts();

  it('parses any text without throwing, with every range inside the document', () => {
    fc.assert(
      fc.property(documentArbitrary(), (text) => {
        const session = parseSession(text);
        for (const [what, range] of sessionRanges(session)) assertInside(range, session.text, what);
        for (const turn of session.turns) {
          const problem = utteranceProblem(turn);
          if (problem) assert.fail(`turn ${turn.index}: ${problem} in ${JSON.stringify(text)}`);
        }
      }),
      runs(300),
    );
  });

  it('lints any text with every rule without throwing; findings and fixes stay inside the document', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary(), (text) => lintAndCheck(linter, path, text)),
      runs(150),
    );
  });

  for (const source of sources) {
    it(`lints random edits of a real transcript without throwing, every range inside: ${source.label}`, async () => {
      const { text } = source;
      await fc.assert(
        fc.asyncProperty(mutationsArbitrary(), (mutations) => lintAndCheck(linter, path, mutate(text, mutations))),
        runs(25),
      );
    });
  }

  it('`lint --fix` is idempotent on any text', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary(), async (text) => {
        const once = await fixAll(linter, path, text);
        assert.equal(await fixAll(linter, path, once), once);
      }),
      runs(100),
    );
  });

  it('`lint --fix` is idempotent on edited real transcripts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sources), mutationsArbitrary(), async ({ text }, mutations) => {
        const once = await fixAll(linter, path, mutate(text, mutations));
        assert.equal(await fixAll(linter, path, once), once);
      }),
      runs(60),
    );
  });

  it('`session-md lint --fix` run a second time leaves edited transcripts byte for byte as the first left them', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...sources), mutationsArbitrary()), { seed: SEED, numRuns: Math.max(6, Math.round(6 * SCALE)) });
    const files: Record<string, string> = Object.fromEntries(samples.map(([{ text }, mutations], i) => [`t${i}.session.md`, mutate(text, mutations)]));
    // One file that surely has a safe fix, so the first run does change something.
    files['fixable.session.md'] = sources[0]!.text.replace(/\{#(\w+)\}/, '{#$1} {#a-new-goal}');
    const cli = makeWorkspace(files);
    const bytes = (): Record<string, string> =>
      Object.fromEntries(
        readdirSync(cli.dir)
          .filter((f) => f.endsWith('.session.md'))
          .map((f) => [f, readFileSync(cli.path(f)).toString('base64')]),
      );
    try {
      await runCli(['lint', '--fix', '.'], cli.dir);
      const once = bytes();
      assert.notEqual(once['fixable.session.md'], Buffer.from(files['fixable.session.md']!).toString('base64'), 'the first --fix declares the new goal');
      await runCli(['lint', '--fix', '.'], cli.dir);
      assert.deepEqual(bytes(), once);
    } finally {
      cli.dispose();
    }
  });
});

// Inputs on which the properties above once failed, kept as named cases.
describe('counterexamples found by the property tests', () => {
  it('counts a lone carriage return as a line break, as Markdown and VS Code do, so turns after it have real positions', () => {
    // Turn ranges here once had a NaN column, or a start after their end.
    for (const text of ['---\n\n---\n\r---\n**C**: \n  X: nobody\n---', '---\n\r---\n\r---\nsession: three\n\nC: ---\n---\n']) {
      const session = parseSession(text);
      assert.ok(session.turns.length > 0);
      for (const [what, range] of sessionRanges(session)) assertInside(range, session.text, what);
    }
    const session = parseSession('T: one\rC: two {#x}\r');
    assert.deepEqual(
      session.turns.map((t) => [t.label, t.range.start.line, t.range.start.column, t.text]),
      [
        ['T', 1, 1, 'one'],
        ['C', 2, 1, 'two'],
      ],
    );
    assert.deepEqual([session.turns[1]!.goals[0]!.range.start.line, session.turns[1]!.goals[0]!.range.start.column], [2, 8]);
  });

  it('reads the front matter of a file with lone carriage returns', () => {
    const session = parseSession('---\rphases: mi\r---\r\r## Engaging\rT: hi\r');
    assert.equal(session.phaseModel.id, 'mi');
    assert.deepEqual(
      session.turns.map((t) => [t.label, t.range.start.line]),
      [['T', 6]],
    );
  });

  it('puts a YAML problem in a CRLF front matter on a real column, not between CR and LF', () => {
    const session = parseSession('---\n{ #sleep }---\n> Memo: \r\n---\n');
    assert.ok(session.frontMatter!.problems.length > 0);
    for (const [what, range] of sessionRanges(session)) assertInside(range, session.text, what);
  });

  it('offers no declare fix into a front matter that is not a mapping, so --fix does not add goals on every run', async () => {
    const ws = makeWorkspace({});
    try {
      const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
      const path = ws.path('x.session.md');
      for (const text of ['---\n|\n\n---\nDr Who: \n{#nope}', '---\n- a\n---\nT: hi {#nope}\n']) {
        const { findings } = await linter.lintText(path, text);
        assert.ok(findings.some((f) => f.ruleId === 'front-matter-invalid'));
        assert.deepEqual(
          findings.flatMap((f) => f.fixes ?? []).filter((f) => f.safe),
          [],
        );
        assert.equal(await fixAll(linter, path, text), text);
      }
    } finally {
      ws.dispose();
    }
  });
});
