import { strict as assert } from 'node:assert';
import { cursorContext, type Session } from '../../../src/core';
import { SAMPLE, offsetOf, session } from './support';

/** What a status bar would show: `Middle · turn 4/6`. */
function status(s: Session, offset: number): string {
  const { section, turn, totalTurns } = cursorContext(s, offset);
  return `${section ? (section.phase?.name ?? section.title) : '-'} · turn ${turn?.index ?? '-'}/${totalTurns}`;
}

describe('cursorContext', () => {
  const s = session(SAMPLE);

  it('finds the section and the turn under the cursor', () => {
    assert.equal(status(s, offsetOf(s, 'brought')), 'Beginning · turn 1/6');
    assert.equal(status(s, offsetOf(s, 'C: Yes.', 3)), 'Middle · turn 4/6');
    assert.equal(status(s, offsetOf(s, 'Let us')), 'Wrap-up · turn 6/6');
    assert.equal(status(s, offsetOf(s, '{#sleep} {change-talk}', 22)), 'Beginning · turn 2/6', 'the end of a turn belongs to it');
  });

  it('takes the previous turn between turns, and the section whose heading comes before', () => {
    assert.equal(status(s, offsetOf(s, 'a good start')), 'Beginning · turn 2/6', 'a memo');
    assert.equal(status(s, offsetOf(s, '### Mornings') - 1), 'Middle · turn 4/6', 'a blank line');
    assert.equal(status(s, offsetOf(s, '## Middle') - 1), 'Beginning · turn 2/6', 'the blank line after a section');
    assert.equal(status(s, offsetOf(s, '## Middle')), 'Middle · turn 2/6', 'a heading before its first turn');
  });

  it('has neither before the first section and turn', () => {
    assert.equal(status(s, 0), '- · turn -/6');
    assert.equal(status(s, offsetOf(s, '# Session 3')), '- · turn -/6');
    assert.deepEqual(cursorContext(session(['Just prose.', '']), 3), { totalTurns: 0 });
  });

  it('agrees in a CRLF file', () => {
    const t = session(SAMPLE, '\r\n');
    assert.equal(status(t, offsetOf(t, 'C: Yes.', 3)), 'Middle · turn 4/6');
    assert.equal(status(t, t.text.length), 'Wrap-up · turn 6/6');
  });
});
