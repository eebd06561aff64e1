import { strict as assert } from 'node:assert';
import type { Session } from '../../../src/core';
import {
  buildCodedSegmentsNodes,
  codedSegmentsChildren,
  codedSegmentsView,
  codedTurns,
  SEGMENT_PAGE,
  type CodedSegmentsNode,
} from '../../../src/core/language/codedSegmentsNodes';
import type { TurnInSession } from '../../../src/core/language/segmentText';
import { CORE, session } from './support';

// Every coded turn of the sessions, as findSegments returns them without a condition.
function segmentsOf(files: Record<string, Session>): TurnInSession[] {
  return Object.entries(files).flatMap(([file, s]) =>
    s.turns
      .filter((turn) => turn.codes.length > 0)
      .map((turn) => {
        const section = s.sections[turn.sectionIndex];
        return { file, session: s, turn, phase: section ? (section.phase?.name ?? section.title) : null };
      }),
  );
}

const label = (node: CodedSegmentsNode) => codedSegmentsView(node).label;
const childLabels = (node: CodedSegmentsNode, shown?: number) => codedSegmentsChildren(node, shown).map(label);

const intake = session([
  '---',
  'client: C-1',
  'session: 1',
  'speakers: { T: therapist, C: client }',
  '---',
  '',
  '## Beginning',
  '',
  'T: What brings you here? {open-question}',
  'C: I cannot sleep. {change-talk}',
  '',
  '## Middle',
  '',
  'T: Nights feel endless. {reflection.complex} {open-question}',
  'C: Yes. {neutral}',
  'T: You are tired. {reflection.simple}',
  'T: So what now? {reflection} {mystery-code}',
]);
const second = session(['---', 'client: C-1', 'session: 2', '---', '', '## Middle', '', 'T: Last week was hard. {reflection.simple}']);

describe('Coded Segments view (nodes)', () => {
  const roots = buildCodedSegmentsNodes(segmentsOf({ 'c1/01.session.md': intake, 'c1/02.session.md': second }), [CORE]);

  it("shows the codebook's groups, then the codes no group lists, each code with its turns across the workspace", () => {
    assert.deepEqual(roots.map(label), ['Therapist technique', 'Client talk', 'Other codes']);
    assert.deepEqual(
      roots.map((r) => codedSegmentsView(r).description),
      ['5 turns', '2 turns', '1 turn'],
    );
    assert.deepEqual(childLabels(roots[0]!), ['open-question × 2', 'reflection × 4']);
    assert.deepEqual(childLabels(roots[2]!), ['mystery-code × 1']);
    assert.equal(codedSegmentsView(codedSegmentsChildren(roots[2]!)[0]!).description, 'not in the codebook');
  });

  it('nests subtypes under their parent, after which come the turns coded with the bare parent', () => {
    const reflection = codedSegmentsChildren(roots[0]!)[1]!;
    assert.deepEqual(childLabels(reflection), ['reflection.simple × 2', 'reflection.complex × 1', 'T: So what now?']);
    const simple = codedSegmentsChildren(reflection)[0]!;
    assert.equal(codedSegmentsView(simple).description, 'Simple reflection');
    assert.deepEqual(
      codedSegmentsChildren(simple).map((n) => [label(n), codedSegmentsView(n).description]),
      [
        ['T: You are tired.', 'C-1 · Session 1 · Middle · turn 5'],
        ['T: Last week was hard.', 'C-1 · Session 2 · Middle · turn 1'],
      ],
    );
  });

  it('opens the turn a segment row stands for, in its file', () => {
    const openQuestion = codedSegmentsChildren(roots[0]!)[0]!;
    const first = codedSegmentsView(codedSegmentsChildren(openQuestion)[0]!);
    assert.equal(first.reveal?.file, 'c1/01.session.md');
    assert.equal(first.reveal?.range.start.line, 9);
    assert.equal(first.fold, 'none');
    assert.equal(codedSegmentsView(openQuestion).fold, 'collapsed');
  });

  it('gives every row an id of its own, also a turn shown under two codes', () => {
    const ids: string[] = [];
    const visit = (node: CodedSegmentsNode): void => {
      ids.push(node.id);
      codedSegmentsChildren(node).forEach(visit);
    };
    roots.forEach(visit);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length > 10);
  });

  it('lists every coded turn once for the export, by file and turn; or those of one code and its subtypes', () => {
    const keys = (list: TurnInSession[]) => list.map((s) => `${s.file}#${s.turn.index}`);
    assert.deepEqual(keys(codedTurns(roots)), [1, 2, 3, 4, 5, 6].map((n) => `c1/01.session.md#${n}`).concat('c1/02.session.md#1'));
    const reflection = codedSegmentsChildren(roots[0]!)[1]!;
    assert.deepEqual(keys(codedTurns([reflection])), ['c1/01.session.md#3', 'c1/01.session.md#5', 'c1/01.session.md#6', 'c1/02.session.md#1']);
  });

  it('builds a page of a code’s turns and a row for the rest: thousands of turns are not thousands of rows', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `T: Question ${i}? {open-question}`);
    const big = session(['## Middle', '', ...lines]);
    const [group] = buildCodedSegmentsNodes(segmentsOf({ 'big.session.md': big }), [CORE]);
    const code = codedSegmentsChildren(group!)[0]!;
    assert.equal(label(code), 'open-question × 3000');
    const page = codedSegmentsChildren(code);
    assert.equal(page.length, SEGMENT_PAGE + 1);
    assert.deepEqual([label(page.at(-1)!), codedSegmentsView(page.at(-1)!).description], ['2950 more…', 'show the next 50']);
    assert.equal(codedSegmentsChildren(code, 2 * SEGMENT_PAGE).length, 2 * SEGMENT_PAGE + 1);
    assert.equal(codedSegmentsChildren(code, 3000).at(-1)!.kind, 'segment');
  });

  it('counts a turn once under a parent and under a group, though it carries two of their codes', () => {
    const both = session(['## Middle', '', 'T: So it is hard, and you still came. {reflection.simple} {reflection.complex} {reflection.simple}']);
    const [group] = buildCodedSegmentsNodes(segmentsOf({ 'b.session.md': both }), [CORE]);
    assert.equal(codedSegmentsView(group!).description, '1 turn');
    const [reflection] = codedSegmentsChildren(group!);
    assert.equal(label(reflection!), 'reflection × 1');
    assert.deepEqual(childLabels(reflection!), ['reflection.simple × 1', 'reflection.complex × 1']);
  });

  it('lists codes at the top when no codebook has groups', () => {
    const ungrouped = { ...CORE, groups: [] };
    const top = buildCodedSegmentsNodes(segmentsOf({ 'c1/02.session.md': second }), [ungrouped]);
    assert.deepEqual(top.map(label), ['reflection × 1']);
  });

  it('shows file text as text: controls made visible in labels, Markdown escaped in tooltips, long turns cut', () => {
    const hostile = session(['## Middle', '', `T: ![x](http://example.invalid/a.png) \u202Eevil ${'word '.repeat(300)}{open-question}`]);
    const [group] = buildCodedSegmentsNodes(segmentsOf({ 'h.session.md': hostile }), [CORE]);
    const row = codedSegmentsChildren(codedSegmentsChildren(group!)[0]!)[0]!;
    const view = codedSegmentsView(row);
    assert.ok(!view.label.includes('\u202E'), view.label);
    assert.ok(view.label.length <= 90, `${view.label.length} characters`);
    const tooltip = view.tooltip!.value;
    assert.ok(tooltip.includes('\\!\\[x\\]\\(http'), tooltip.slice(0, 200));
    assert.ok(tooltip.length < 1200, `${tooltip.length} characters`);
  });
});
