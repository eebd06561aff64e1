import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, type ParseCounter, type Range, type Session } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR, FIXTURES } from '../support/paths';

const DESIGN = readFileSync(join(FIXTURES, 'parse', 'design-example.session.md'), 'utf8');

function at(session: Session, range: Range): string {
  return session.text.slice(range.start.offset, range.end.offset);
}

describe('parseSession', () => {
  const session = parseSession(DESIGN);

  it('reads the typed front matter', () => {
    const fm = session.frontMatter!;
    assert.deepEqual(
      { session: fm.session, date: fm.date, client: fm.client, therapist: fm.therapist, approach: fm.approach, codebook: fm.codebook },
      { session: 3, date: '2026-03-14', client: 'C-017', therapist: 'T-02', approach: 'CBT', codebook: 'core' },
    );
    assert.deepEqual(
      session.speakers.map((s) => [s.label, s.role]),
      [
        ['T', 'therapist'],
        ['C', 'client'],
      ],
    );
    assert.deepEqual(
      fm.goals.map((g) => [g.id, g.status, at(session, g.idRange)]),
      [['sleep', 'in-progress', 'sleep']],
    );
    assert.deepEqual(fm.problems, []);
  });

  it('reads phases with subtitles and topics, in order', () => {
    assert.equal(session.phaseModel.id, 'default');
    assert.deepEqual(
      session.sections.map((s) => [s.phase?.name, s.phaseIndex, s.subtitle, s.topics.map((t) => t.title)]),
      [
        ['Beginning', 0, undefined, []],
        ['Middle', 1, 'exposure work', ['Sleep diary']],
        ['Termination', 2, undefined, []],
      ],
    );
    assert.equal(at(session, session.sections[1]!.headingRange), '## Middle — exposure work');
  });

  it('reads turns: label, role, timestamp, text without annotations, codes, notes, goals and memos', () => {
    assert.equal(session.turns.length, 6);
    const [first, second, third, , fifth] = session.turns;
    assert.deepEqual(
      [first!.label, first!.role, first!.timestamp?.seconds, first!.text],
      ['T', 'therapist', 5, 'Would you like to share a bit about what brought you here today?'],
    );
    assert.deepEqual(
      first!.codes.map((c) => [c.id, at(session, c.range), at(session, c.idRange)]),
      [['open-question', '{open-question}', 'open-question']],
    );
    assert.deepEqual(
      second!.goals.map((g) => [g.id, at(session, g.range)]),
      [['sleep', '{#sleep}']],
    );
    assert.equal(third!.text, "You're saying you feel very alone and misunderstood. That must be really difficult for you.");
    // The seed's sample as MITI codes it: a simple reflection, then a word of sympathy that no code covers.
    assert.deepEqual(
      third!.utterances.map((u) => [u.index, u.text]),
      [[1, "You're saying you feel very alone and misunderstood."]],
    );
    assert.deepEqual(
      third!.codes.map((c) => [c.id, c.utterance]),
      [['reflection.simple', 1]],
    );
    assert.equal(third!.range.end.line, third!.range.start.line + 1, 'the continuation line belongs to the turn');
    assert.deepEqual(
      third!.memos.map((m) => m.text),
      ['first affective reflection; the client relaxes. (A blockquote after a turn is a memo on that turn.)'],
    );
    assert.deepEqual(
      fifth!.codes.map((c) => [c.id, c.note]),
      [['reframe', '"always fail" -> "went badly this time"']],
    );
    assert.deepEqual(
      session.turns.map((t) => t.sectionIndex),
      [0, 0, 0, 1, 1, 2],
    );
    assert.equal(session.turns[3]!.text, 'I keep lying awake. (pause) [inaudible]', 'transcription marks stay in the text');
  });

  it('gives every piece a 1-based range that points at its source', () => {
    const turn = session.turns[0]!;
    assert.deepEqual(turn.range.start, { line: 22, column: 1, offset: turn.range.start.offset });
    assert.equal(at(session, turn.timestamp!.range), '[00:00:05]');
    assert.equal(at(session, turn.labelRange), 'T');
    assert.equal(turn.codes[0]!.range.start.line, 22);
    assert.equal(turn.codes[0]!.range.start.column, DESIGN.split('\n')[21]!.indexOf('{open-question}') + 1);
  });

  it('reads CRLF and a BOM exactly as LF, keeping them for edits', () => {
    const crlf = parseSession('\uFEFF' + DESIGN.replace(/\n/g, '\r\n'));
    assert.equal(crlf.hadBom, true);
    assert.equal(crlf.eol, '\r\n');
    const strip = (s: Session) =>
      s.turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id), t.memos.map((m) => m.text), t.range.start.line, t.range.start.column]);
    assert.deepEqual(strip(crlf), strip(session));
    assert.deepEqual(
      crlf.frontMatter!.goals.map((g) => g.id),
      ['sleep'],
    );
  });

  it('keeps the mdast for other features', () => {
    assert.equal(session.mdast.type, 'root');
    assert.deepEqual(
      session.mdast.children.slice(0, 2).map((n) => n.type),
      ['yaml', 'heading'],
    );
  });

  it('reads bold labels, default speakers, [mm:ss] and turns with no blank line between them', () => {
    const s = parseSession('## Beginning\n**Therapist:** Hello. {open-question}\n[01:05] **Client**: Hi.\nC: Me again.\n');
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.role, t.text, t.timestamp?.seconds]),
      [
        ['Therapist', 'therapist', 'Hello.', undefined],
        ['Client', 'client', 'Hi.', 65],
        ['C', 'client', 'Me again.', undefined],
      ],
    );
  });

  it('ignores braces in inline code and prose that is not a turn', () => {
    const s = parseSession('T: Write `{not-a-code}` here. {summary}\nShe said: this is still the same turn.\n');
    assert.equal(s.turns.length, 1);
    assert.deepEqual(
      s.turns[0]!.codes.map((c) => c.id),
      ['summary'],
    );
    assert.equal(s.turns[0]!.text, 'Write `{not-a-code}` here. She said: this is still the same turn.');
  });

  it('never hides a turn in a memo or under a setext underline, and skips code inside emphasis', () => {
    const lazy = parseSession('T: Hello. {open-question}\n\n> Memo: a memo\nC: I am fine. {neutral}\n\n> Memo: on the client\n');
    assert.deepEqual(
      lazy.turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id), t.memos.map((m) => m.text)]),
      [
        ['T', 'Hello.', ['open-question'], ['a memo']],
        ['C', 'I am fine.', ['neutral'], ['on the client']],
      ],
    );
    const setext = parseSession('T: Hello. {open-question}\nC: ok\n---\nT: next {reflection}\n');
    assert.deepEqual(
      setext.turns.map((t) => [t.label, t.text]),
      [
        ['T', 'Hello.'],
        ['C', 'ok'],
        ['T', 'next'],
      ],
    );
    assert.deepEqual(setext.sections, []);
    const nested = parseSession('T: *say `{x}` here* {reflection}\n');
    assert.deepEqual(
      nested.turns[0]!.codes.map((c) => c.id),
      ['reflection'],
    );
  });

  it('ends a phase at a level-1 heading, and reads a misspelt timestamp as a malformed one', () => {
    const s = parseSession('## Termination\n\nT: Bye.\n\n# Appendix\n\n[00:1O] C: After the title.\n');
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.sectionIndex, t.timestamp?.raw, t.timestamp?.seconds]),
      [
        ['T', 0, undefined, undefined],
        ['C', -1, '00:1O', undefined],
      ],
    );
  });

  it('treats a capitalised unknown label as a turn with no role, so the linter can name it', () => {
    const s = parseSession('Theraist: Hello.\n');
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.role]),
      [['Theraist', undefined]],
    );
  });

  it('positions front-matter type errors at the YAML value', () => {
    const s = parseSession('---\nsession: three\nspeakers:\n  T: therapst\n---\n');
    assert.deepEqual(
      s.frontMatter!.problems.map((p) => [p.message, p.range.start.line, p.range.start.column]),
      [
        ['\'session\' should be an integer, not a string ("t****")', 2, 10],
        [`'speakers.T' should be one of "therapist", "client", "other"`, 4, 6],
      ],
    );
    assert.equal(s.frontMatter!.session, undefined, 'a mistyped field is not typed onto the model');
  });

  it('uses the phase model from the front matter, falling back to the configured one', () => {
    assert.equal(parseSession('---\nphases: mi\n---\n## Evoking\n').sections[0]!.phase?.name, 'Evoking');
    assert.equal(parseSession('## Evoking\n', { phases: 'mi' }).sections[0]!.phase?.name, 'Evoking');
    assert.equal(parseSession('## Working phase\n').sections[0]!.phase?.name, 'Middle');
    assert.equal(parseSession('## Middle school memories\n').sections[0]!.phase, undefined);
  });

  it('reads turns that Markdown folds into a list item, and a list right after a turn line as part of that turn', () => {
    const s = parseSession('T: Your homework:\n- keep a diary {homework}\n- walk daily\nC: OK, I will try. {change-talk}\nT: Great.\n');
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id), t.range.start.line, t.range.end.line]),
      [
        ['T', 'Your homework: - keep a diary - walk daily', ['homework'], 1, 3],
        ['C', 'OK, I will try.', ['change-talk'], 4, 4],
        ['T', 'Great.', [], 5, 5],
      ],
    );
    const apart = parseSession('T: Your homework:\n\n- keep a diary {homework}\n  C: indented, inside the item\n- walk daily\nC: OK.\n\n> Memo: agreed\n');
    assert.deepEqual(
      apart.turns.map((t) => [t.label, t.text, t.codes.map((c) => c.id), t.memos.map((m) => m.text)]),
      [
        ['T', 'Your homework:', [], []],
        ['C', 'OK.', [], ['agreed']],
      ],
    );
    const blank = parseSession('T: Homework:\n- a `{x}`\n  ```\n  {y}\n  ```\n\n  after a blank line {z}\n');
    assert.deepEqual(
      blank.turns.map((t) => [t.text, t.codes.map((c) => c.id), t.range.end.line]),
      [['Homework: - a `{x}` ``` {y} ```', [], 5]],
    );
  });

  it('reads an unclosed front matter as a broken front matter, not as turns', () => {
    const s = parseSession('---\nsession: 1\nspeakers:\n  T: therapist\n\n## Beginning\n\nT: hi');
    const fm = s.frontMatter!;
    assert.deepEqual([fm.range.start.line, fm.range.end.line, fm.data, fm.goals], [1, 4, {}, []]);
    assert.deepEqual(
      fm.problems.map((p) => [p.kind, p.message, at(s, p.range)]),
      [['syntax', 'not closed: add a line with --- after it', '---']],
    );
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.text, t.range.start.line]),
      [['T', 'hi', 8]],
    );
    assert.deepEqual(
      s.sections.map((x) => x.title),
      ['Beginning'],
    );
    const heading = parseSession('---\r\nT: therapist\r\n## Beginning\r\nT: hi\r\n');
    assert.deepEqual([heading.frontMatter!.range.end.line, heading.turns.map((t) => t.range.start.line)], [2, [4]]);
    assert.equal(parseSession('---\nsession: 1\n---\nT: hi\n').frontMatter!.problems.length, 0);
  });

  it('ends an unclosed front matter where the editor ends it: at a line no front matter holds, not at a blank line', () => {
    // The grammar cannot look ahead for the closing `---`, and a closed front matter may hold blank lines and `# comments`.
    const s = parseSession('---\nsession: 1\n\n# comment or title\nT: still in it\n[00:00:05] C: a turn, not YAML\n\n## Middle\n');
    assert.deepEqual([s.frontMatter!.range.start.line, s.frontMatter!.range.end.line], [1, 5]);
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.range.start.line]),
      [['C', 6]],
    );
    assert.deepEqual(
      s.sections.map((x) => x.title),
      ['Middle'],
    );
    const bold = parseSession('---\nsession: 1\n**T:** Hello.\n');
    assert.deepEqual([bold.frontMatter!.range.end.line, bold.turns.map((t) => t.label)], [2, ['T']]);
  });

  it('takes a line of four or more dashes for a mistyped closing fence, not for a phase heading made of the fields', () => {
    const s = parseSession('---\nsession: 3\nclient: C-017\n----\n\n## Beginning\n\nT: Hello. {open-question}\n');
    assert.deepEqual(
      s.sections.map((x) => x.title),
      ['Beginning'],
    );
    const fm = s.frontMatter!;
    assert.deepEqual(
      [fm.range.end.line, fm.problems.map((p) => [p.message, at(s, p.range)])],
      [4, [['not closed: its closing line must be exactly --- (three dashes), not 4', '----']]],
    );
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.codes.map((c) => c.id)]),
      [['T', ['open-question']]],
    );
  });

  it('reads memos and lists after an unclosed front matter, as Markdown does without it', () => {
    // remark-frontmatter's failed attempt would leave every block quote and list of the file a paragraph (see markdown.ts).
    const s = parseSession(
      '---\nsession: 1\n\n## Beginning\n\nT: Hello. {open-question}\n\n> Memo: the client relaxes.\n\nC: Fine.\n- a list item {change-talk}\n',
    );
    assert.deepEqual(
      s.mdast.children.map((n) => n.type),
      ['thematicBreak', 'paragraph', 'heading', 'paragraph', 'blockquote', 'paragraph', 'list'],
    );
    assert.deepEqual(
      s.turns.map((t) => [t.label, t.memos.map((m) => m.text), t.codes.map((c) => c.id)]),
      [
        ['T', ['the client relaxes.'], ['open-question']],
        ['C', [], ['change-talk']],
      ],
    );
  });

  it('reads two byte order marks as one, as VS Code does, and a third as the character it is, with every position on its text', () => {
    // micromark would drop a U+FEFF left at the start too, and move every position by one ("'Beginnin' is not a phase").
    const two = parseSession('\uFEFF\uFEFF## Beginning\n\nT: Hello. {open-question}\n');
    assert.deepEqual([two.bom, two.hadBom, two.text.charAt(0)], ['\uFEFF\uFEFF', true, '#']);
    assert.deepEqual(
      two.sections.map((x) => [x.title, x.phase?.name]),
      [['Beginning', 'Beginning']],
    );
    assert.deepEqual(
      two.turns.map((t) => [t.label, t.codes.map((c) => at(two, c.range))]),
      [['T', ['{open-question}']]],
    );
    const three = parseSession('\uFEFF\uFEFF\uFEFF## Beginning\n\nT: Hello. {open-question}\n');
    assert.deepEqual([three.bom, three.text.charAt(0)], ['\uFEFF\uFEFF', '\uFEFF']);
    assert.deepEqual(three.sections, [], 'Markdown reads the line as text, not as a heading');
    assert.deepEqual(
      three.mdast.children.map((n) => [n.type, three.text.slice(n.position!.start.offset, n.position!.end.offset)]),
      [
        ['paragraph', '\uFEFF## Beginning'],
        ['paragraph', 'T: Hello. {open-question}'],
      ],
    );
    assert.deepEqual(
      three.turns.map((t) => [t.label, t.codes.map((c) => at(three, c.range))]),
      [['T', ['{open-question}']]],
    );
  });

  it('leaves braces in inline code alone in whichever turn of a paragraph they are', () => {
    const s = parseSession('T: a `{x}` {summary}\nC: b {neutral} `{y}` {change-talk}\nT: `{z}` c\n');
    assert.deepEqual(
      s.turns.map((t) => t.codes.map((c) => c.id)),
      [['summary'], ['neutral', 'change-talk'], []],
    );
  });

  it('parses each text once when linting', async () => {
    const counter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
    const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR), { counter });
    const linted = await linter.lintText(join(FIXTURES, 'parse', 'design-example.session.md'), DESIGN);
    assert.equal(counter.sessions, 1);
    assert.deepEqual(linted.findings, []);
  });
});
