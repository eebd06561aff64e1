import { strict as assert } from 'node:assert';
import type { Session } from '../../../src/core';
import { buildMemosNodes, MEMO_PAGE, memosChildren, memosView, UNCODED, type MemoInSession, type MemosNode } from '../../../src/core/language/memosNodes';
import { session } from './support';

// Every memo with the turn it follows, as collectMemos returns them.
function memosOf(files: Record<string, Session>): MemoInSession[] {
  return Object.entries(files).flatMap(([file, s]) =>
    s.turns.flatMap((turn) =>
      turn.memos.map((memo) => {
        const section = s.sections[turn.sectionIndex];
        return { file, session: s, turn, phase: section ? (section.phase?.name ?? section.title) : null, memo, codes: turn.codes.map((c) => c.id) };
      }),
    ),
  );
}

const label = (node: MemosNode) => memosView(node).label;
const rows = (node: MemosNode) => memosChildren(node).map((n) => [label(n), memosView(n).description]);

const first = session([
  '---',
  'client: C-1',
  'session: 1',
  '---',
  '',
  '## Beginning',
  '',
  'T: How was the week? {open-question}',
  '',
  '> Memo: asks about the week first.',
  '',
  '## Middle',
  '',
  'C: I slept badly. {sustain-talk} {neutral}',
  '',
  '> Memo: sleep diary missing.',
  '',
  'T: Hm.',
  '',
  '> Memo: a pause here.',
]);
const second = session(['---', 'client: C-1', 'session: 2', '---', '', '## Middle', '', 'T: Any news? {open-question}', '', '> Memo: news first.']);
const entries = memosOf({ 'c1/01.session.md': first, 'c1/02.session.md': second });

describe('Memos view (nodes)', () => {
  it('groups every memo by session, each with its phase, turn and speaker', () => {
    const groups = buildMemosNodes(entries, 'session');
    assert.deepEqual(
      groups.map((g) => [label(g), memosView(g).description]),
      [
        ['C-1 · Session 1', '3 memos'],
        ['C-1 · Session 2', '1 memo'],
      ],
    );
    assert.deepEqual(rows(groups[0]!), [
      ['asks about the week first.', 'Beginning · turn 1 · T'],
      ['sleep diary missing.', 'Middle · turn 2 · C'],
      ['a pause here.', 'Middle · turn 3 · T'],
    ]);
  });

  it('groups by the codes of the turn a memo follows: a memo under each code, those after an uncoded turn last', () => {
    const groups = buildMemosNodes(entries, 'code');
    assert.deepEqual(groups.map(label), ['neutral', 'open-question', 'sustain-talk', UNCODED]);
    assert.deepEqual(rows(groups[1]!), [
      ['asks about the week first.', 'C-1 · Session 1 · Beginning · turn 1 · T'],
      ['news first.', 'C-1 · Session 2 · Middle · turn 1 · T'],
    ]);
    assert.deepEqual(rows(groups[0]!), [['sleep diary missing.', 'C-1 · Session 1 · Middle · turn 2 · C']]);
  });

  it('opens the memo a row stands for', () => {
    const [group] = buildMemosNodes(entries, 'session');
    const view = memosView(memosChildren(group!)[1]!);
    assert.equal(view.reveal?.file, 'c1/01.session.md');
    assert.equal(first.text.slice(view.reveal!.range.start.offset, view.reveal!.range.end.offset).includes('sleep diary missing.'), true);
  });

  it('shows a page of a group’s memos and a row for the rest', () => {
    const many = session(['## Middle', '', ...Array.from({ length: 120 }, (_, i) => `T: Turn ${i}.\n\n> Memo: note ${i}.\n`)]);
    const [group] = buildMemosNodes(memosOf({ 'm.session.md': many }), 'session');
    const page = memosChildren(group!);
    assert.equal(page.length, MEMO_PAGE + 1);
    assert.deepEqual([label(page.at(-1)!), memosView(page.at(-1)!).description], ['70 more…', 'show the next 50']);
    assert.equal(memosChildren(group!, 120).length, 120);
  });

  it('escapes Markdown in the tooltip and makes controls visible in the label', () => {
    const hostile = session(['## Middle', '', 'T: Hi.', '', '> Memo: [click](command:x) \u202Eabc']);
    const [group] = buildMemosNodes(memosOf({ 'h.session.md': hostile }), 'session');
    const view = memosView(memosChildren(group!)[0]!);
    assert.ok(!view.label.includes('\u202E'), view.label);
    assert.ok(view.tooltip!.value.includes('\\[click\\]\\(command\\:x\\)'), view.tooltip!.value);
  });
});
