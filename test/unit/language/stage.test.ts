import { strict as assert } from 'node:assert';
import { completionsAt, hoverAt } from '../../../src/core';
import { CORE, lc, withCursor } from './support';

// Completion and hover of the front matter's `stage:` value (docs/format.md#stages).
const lines = (stage: string) => ['---', 'session: 1', stage, 'client: C-1', '---', '', '## Beginning', '', 'T: Hello. {open-question}'];

describe('stage: completion and hover', () => {
  it('offers the built-in stages in course order after `stage:`, replacing what is typed', () => {
    const { session, offset } = withCursor(lines('stage: wo‸'));
    const entries = completionsAt(session, offset, CORE);
    assert.deepEqual(
      entries.map((e) => [e.label, e.kind, e.detail, lc(e.range)]),
      [
        ['intake', 'stage', 'Stage 1 of 4 of the course', '3:8-3:10'],
        ['working', 'stage', 'Stage 2 of 4 of the course', '3:8-3:10'],
        ['termination', 'stage', 'Stage 3 of 4 of the course', '3:8-3:10'],
        ['follow-up', 'stage', 'Stage 4 of 4 of the course', '3:8-3:10'],
      ],
    );
    assert.match(String(entries[0]!.documentation), /confidentiality and the framework/);
  });

  it("offers the config's own stages when it lists them, and nothing before the colon", () => {
    const { session, offset } = withCursor(lines('stage: ‸'));
    assert.deepEqual(
      completionsAt(session, offset, CORE, false, ['assessment', 'treatment']).map((e) => e.label),
      ['assessment', 'treatment'],
    );
    const before = withCursor(lines('sta‸ge: working'));
    assert.equal(
      completionsAt(before.session, before.offset, CORE).some((e) => e.kind === 'stage'),
      false,
    );
  });

  it('says on hover where the stage is in the course and what the seed says of it, and when it is no stage', () => {
    const { session, offset } = withCursor(lines('stage: termi‸nation'));
    const hover = hoverAt(session, offset, CORE)!;
    assert.equal(lc(hover.range), '3:8-3:19');
    assert.match(String(hover.markdown), /^\*\*Stage 3 of 4\*\* of the course \(intake → working → termination → follow\\-up\)\n\nA termination session/);
    const unknown = withCursor(lines('stage: wor‸kng'));
    assert.match(
      String(hoverAt(unknown.session, unknown.offset, CORE)!.markdown),
      /^`workng` is not a stage of the course: intake\\, working\\, termination\\, follow\\-up\.$/,
    );
  });
});
