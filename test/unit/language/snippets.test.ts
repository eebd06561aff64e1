import { strict as assert } from 'node:assert';
import { completionsAt, snippetInsertText, techniqueGroups, techniquePlace, type Session } from '../../../src/core';
import { BUILTIN_PHASE_MODELS } from '../../../src/core/parse/phaseModels';
import { mergeLibraries } from '../../../src/core/codebook/library';
import { parseCodebook } from '../../../src/core/codebook/codebook';
import { techniqueRank, techniqueSnippets } from '../../../src/core/language/snippets';
import { CORE, lc, shown, withCursor } from './support';

const LIBRARY = parseCodebook(
  [
    'name: Trainer library',
    'codes:',
    '  - id: agenda-setting',
    '    label: Agenda setting',
    '    role: therapist',
    '    description: Agree what the session will cover.',
    '    snippets:',
    '      - label: Set the agenda',
    '        body: "T: What would you like us to focus on today? {agenda-setting}"',
    '        phases: [Beginning]',
    '  - id: relapse-plan',
    '    label: Relapse plan',
    '    role: therapist',
    '    snippets:',
    '      - label: Plan for setbacks',
    '        body: "T: If ${1:the old pattern} comes back, what will you do first? {relapse-plan}"',
    '        phases: [Termination, Closing]',
    '  - id: hope',
    '    label: Client hope',
    '    role: client',
    '    snippets:',
    '      - label: Hope',
    '        body: "C: I think ${1:it can change}. {hope}"',
  ].join('\n'),
  '/ws/trainer.codebook.yaml',
).codebook!;
const MERGED = mergeLibraries([
  { source: 'builtin', codebook: CORE },
  { source: 'workspace', codebook: LIBRARY },
])!.codebook;

function snippetLabels(lines: string[]): string[] {
  const { session, offset } = withCursor(lines);
  return completionsAt(session, offset, MERGED)
    .filter((e) => e.kind === 'snippet')
    .map((e) => e.label);
}

describe('completionsAt: library snippets', () => {
  it("offers a therapist's snippets after a client turn, limited to the phase they are written for", () => {
    const beginning = snippetLabels(['## Beginning', '', 'C: I am not sure why I came.', '‸']);
    assert.ok(beginning.includes('Set the agenda'));
    assert.ok(!beginning.includes('Plan for setbacks'), 'a Termination snippet is not offered in Beginning');
    assert.ok(!beginning.includes('Hope'), 'a client snippet is not offered when it is the therapist’s turn');
    const closing = snippetLabels(['## Closing', '', 'C: I feel ready.', '‸']);
    assert.ok(closing.includes('Plan for setbacks'), 'a phase alias (Closing) counts as the phase');
    assert.ok(!closing.includes('Set the agenda'));
  });

  it("offers a client's snippets after a therapist turn", () => {
    const labels = snippetLabels(['## Middle', '', 'T: How did the week go?', '‸']);
    assert.ok(labels.includes('Hope'));
    assert.ok(!labels.includes('Reflect feeling and reason'), 'core therapist snippets wait for the therapist’s turn');
  });

  it('shows the library, the code and its description, and inserts the body as a snippet over the typed prefix', () => {
    const { session, offset } = withCursor(['## Beginning', '', 'C: Hello.', 'ag‸']);
    const entry = completionsAt(session, offset, MERGED).find((e) => e.label === 'Set the agenda')!;
    assert.equal(entry.detail, 'Trainer library · Agenda setting');
    assert.match(shown(entry.documentation!), /Agree what the session will cover\./);
    assert.match(shown(entry.documentation!), /```\nT: What would you like us to focus on today\? \{agenda-setting\}\n```/);
    assert.equal(entry.insertText, 'T: What would you like us to focus on today? {agenda-setting}');
    assert.equal(entry.isSnippet, true);
    assert.equal(lc(entry.range), '4:1-4:3');
  });

  it('offers no whole-turn snippet once a label or text is on the line', () => {
    assert.deepEqual(snippetLabels(['## Beginning', '', 'C: Hello.', 'T: ‸']), []);
    assert.deepEqual(snippetLabels(['## Beginning', '', 'C: Hello.', '‸ and more']), []);
  });
});

describe('techniqueGroups and snippet insertion', () => {
  it('groups snippets by library in precedence order, then by phase in model order', () => {
    const groups = techniqueGroups(MERGED, BUILTIN_PHASE_MODELS['default']!).map(
      (g) => `${g.library} · ${g.phase} · ${g.entries.map((e) => e.snippet.label).join('/')}`,
    );
    assert.equal(groups[0], 'Trainer library · Beginning · Set the agenda');
    assert.equal(groups[1], 'Trainer library · Termination · Plan for setbacks');
    assert.equal(groups[2], 'Trainer library · Any phase · Hope');
    assert.ok(
      groups.slice(3).every((g) => g.startsWith('Core techniques · ')),
      groups.join('\n'),
    );
    assert.ok(
      groups.some((g) => g.startsWith('Core techniques · Beginning · What brought you here')),
      groups.join('\n'),
    );
  });

  it('ranks first the snippets that fit the phase and the expected speaker at the cursor, those written for the phase before those for any phase', () => {
    const rankedAt = (lines: string[]): string[] => {
      const { session, offset } = withCursor(lines);
      return techniqueGroups(MERGED, session.phaseModel, techniquePlace(session, offset)).map(
        (g) => `${g.title}: ${g.entries.map((e) => e.snippet.label).join('/')}`,
      );
    };
    // In the Middle after a client turn: the therapist's turn.
    const middle = rankedAt(['## Beginning', '', 'T: Hello.', '', '## Middle', '', 'C: It was a bad week.', '‸']);
    assert.equal(
      middle[0],
      "Fits here · Middle · therapist's turn: Reframe a thought/Agree homework/Revise the plan/A past experience and a current relationship/A recurring pattern/Teach a breathing exercise/Open question/Closed question/Reflection/Reflect content/Mirror the client's words/Reflect feeling and reason/Name what was left unsaid/Explain a bodily response/Summarise/Affirm effort/Will my stories be shared?/A typical day/Ask about thoughts of self-harm/If the thoughts come back/A word of sympathy/Normalise a reaction/A step for a bad night/Keep time",
    );
    // The others keep their library and phase groups, Beginning ones included, below.
    assert.deepEqual(
      middle.slice(1).map((g) => g.split(':')[0]),
      [
        'Trainer library · Beginning',
        'Trainer library · Termination',
        'Trainer library · Any phase',
        'Core techniques · Beginning',
        'Core techniques · Termination',
        'Core techniques · Any phase',
      ],
    );
    assert.match(middle[6]!, /Change talk\/Sustain talk\/Neutral talk/, 'client snippets wait for the client’s turn');
    // After a therapist turn in Termination: the client's turn.
    const closing = rankedAt(['## Termination', '', 'T: What will you take with you?', '‸']);
    assert.equal(closing[0], "Fits here · Termination · client's turn: Hope/Change talk/Sustain talk/Neutral talk");
    // A phase alias counts as the phase; every snippet of the whole list appears exactly once.
    const aliased = rankedAt(['## Closing', '', 'C: I feel ready.', '‸']);
    assert.match(
      aliased[0]!,
      /^Fits here · Termination · therapist's turn: Plan for setbacks\/Agree homework\/Warning signs and first steps\/A setback is not starting again\/Keep using a skill\/Offer a follow-up session\/The door stays open\/Look back together\/Feelings about finishing\/Say goodbye\/Schedule the next session\/Open question/,
    );
    const count = (groups: string[]): number => groups.reduce((n, g) => n + g.split(': ')[1]!.split('/').length, 0);
    assert.equal(count(aliased), techniqueSnippets(MERGED).length);
  });

  it('ranks a snippet 0 when it is written for the phase, 1 for any phase, 2 for another phase or speaker', () => {
    const at = (lines: string[]): { session: Session; offset: number } => withCursor(lines);
    const { session, offset } = at(['## Middle', '', 'C: Hmm.', '‸']);
    const place = techniquePlace(session, offset);
    assert.deepEqual([place.phase?.name, place.role], ['Middle', 'therapist']);
    const rank = (label: string): number =>
      techniqueRank(
        techniqueSnippets(MERGED).find((e) => e.snippet.label === label)!,
        place,
      );
    assert.deepEqual(['Reframe a thought', 'Open question', 'Set the agenda', 'Hope'].map(rank), [0, 1, 2, 2]);
    // Above the first phase, after no turn: only snippets for any phase and any speaker fit, and nothing is set apart by phase.
    const top = at(['‸', '## Beginning']);
    assert.deepEqual(techniquePlace(top.session, top.offset), {});
  });

  it('keeps the plain library groups when nothing is ranked apart', () => {
    const plain = parseCodebook(
      'name: Plain\ncodes:\n  - id: pacing\n    label: Pacing\n    snippets:\n      - label: Slow down\n        body: "T: Let us slow down. {pacing}"\n',
      '/x.codebook.yaml',
    ).codebook!;
    const { session, offset } = withCursor(['## Middle', '', 'C: Hmm.', '‸']);
    const groups = techniqueGroups(plain, session.phaseModel, techniquePlace(session, offset));
    assert.deepEqual(
      groups.map((g) => g.title),
      ['Plain · Any phase'],
    );
  });

  it('adds the code annotation to a body that lacks it', () => {
    const bare = parseCodebook(
      'name: Bare\ncodes:\n  - id: pacing\n    label: Pacing\n    snippets:\n      - label: Slow down\n        body: "T: Let us slow down a little.  "\n',
      '/x.codebook.yaml',
    ).codebook!;
    assert.equal(snippetInsertText(techniqueSnippets(bare)[0]!), 'T: Let us slow down a little. {pacing}');
    assert.equal(snippetInsertText(techniqueSnippets(LIBRARY)[0]!), 'T: What would you like us to focus on today? {agenda-setting}');
  });

  it("uses the session's own label for the snippet's speaker", () => {
    const { session, offset } = withCursor([
      '---',
      'speakers:',
      '  Therapist: therapist',
      '  Client: client',
      '---',
      '## Beginning',
      '',
      '**Client:** Hello.',
      '‸',
    ]);
    const entry = completionsAt(session, offset, MERGED).find((e) => e.label === 'Set the agenda')!;
    assert.equal(entry.insertText, 'Therapist: What would you like us to focus on today? {agenda-setting}');
  });
});
