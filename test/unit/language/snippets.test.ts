import { strict as assert } from 'node:assert';
import { BUILTIN_PHASE_MODELS, completionsAt, mergeLibraries, parseCodebook, snippetInsertText, techniqueGroups, techniqueSnippets } from '../../../src/core';
import { CORE, lc, shown, withCursor } from './support';

const LIBRARY = parseCodebook(
  [
    'name: Trainer library',
    'codes:',
    '  - id: agenda',
    '    label: Agenda setting',
    '    role: therapist',
    '    description: Agree what the session will cover.',
    '    snippets:',
    '      - label: Set the agenda',
    '        body: "T: What would you like us to focus on today? {agenda}"',
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
    assert.match(shown(entry.documentation!), /```\nT: What would you like us to focus on today\? \{agenda\}\n```/);
    assert.equal(entry.insertText, 'T: What would you like us to focus on today? {agenda}');
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
    const groups = techniqueGroups(MERGED, BUILTIN_PHASE_MODELS['default']!).map((g) => `${g.library} · ${g.phase} · ${g.entries.map((e) => e.snippet.label).join('/')}`);
    assert.equal(groups[0], 'Trainer library · Beginning · Set the agenda');
    assert.equal(groups[1], 'Trainer library · Termination · Plan for setbacks');
    assert.equal(groups[2], 'Trainer library · Any phase · Hope');
    assert.ok(groups.slice(3).every((g) => g.startsWith('Core techniques · ')), groups.join('\n'));
    assert.ok(groups.some((g) => g.startsWith('Core techniques · Beginning · What brought you here')), groups.join('\n'));
  });

  it('adds the code annotation to a body that lacks it', () => {
    const bare = parseCodebook('name: Bare\ncodes:\n  - id: pacing\n    label: Pacing\n    snippets:\n      - label: Slow down\n        body: "T: Let us slow down a little.  "\n', '/x.codebook.yaml').codebook!;
    assert.equal(snippetInsertText(techniqueSnippets(bare)[0]!), 'T: Let us slow down a little. {pacing}');
    assert.equal(snippetInsertText(techniqueSnippets(LIBRARY)[0]!), 'T: What would you like us to focus on today? {agenda}');
  });

  it("uses the session's own label for the snippet's speaker", () => {
    const { session, offset } = withCursor(['---', 'speakers:', '  Therapist: therapist', '  Client: client', '---', '## Beginning', '', '**Client:** Hello.', '‸']);
    const entry = completionsAt(session, offset, MERGED).find((e) => e.label === 'Set the agenda')!;
    assert.equal(entry.insertText, 'Therapist: What would you like us to focus on today? {agenda}');
  });
});
