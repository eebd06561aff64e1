import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Linter, type Session } from '../../src/core';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { annomiSession, loadAnnomi, requireAnnomi, type AnnomiRow, type AnnomiSession } from '../support/annomi';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';

// Real transcripts with expert labels: every utterance must come back as one turn with its
// speaker, time, words and code. The chosen transcripts include the awkward rows: a line break
// inside an utterance (114), a trailing backslash (133), a "Speaker 1:" prefix (104), a
// malformed CSV timestamp `00:09:025` (38), words that start with `-` and `[unintelligible …]` marks.
const TRANSCRIPTS = [0, 10, 13, 38, 104, 114, 133];
const PHASE_NAMES = ['Beginning', 'Middle', 'Termination'];

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function countCodes(session: Session): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const turn of session.turns) for (const code of turn.codes) counts[code.id] = (counts[code.id] ?? 0) + 1;
  return counts;
}

describe('parsing real AnnoMI transcripts', function () {
  let rows: AnnomiRow[] = [];

  before(function () {
    requireAnnomi(this);
    const transcripts = loadAnnomi();
    rows = TRANSCRIPTS.flatMap((id) => transcripts.get(id) ?? []);
  });

  for (const compact of [false, true]) {
    describe(compact ? 'turns on consecutive lines' : 'turns separated by blank lines', () => {
      let built: AnnomiSession;
      let session: Session;

      before(() => {
        built = annomiSession(rows, { compact });
        session = parseSession(built.text);
      });

      it('reads one turn per utterance', () => {
        assert.equal(session.turns.length, rows.length);
        assert.equal(session.turns.filter((t) => t.role === 'therapist').length, built.counts.byRole.therapist);
        assert.equal(session.turns.filter((t) => t.role === 'client').length, built.counts.byRole.client);
      });

      it("reads each turn's speaker, timestamp, words and code from its row", () => {
        session.turns.forEach((turn, i) => {
          const expected = built.turns[i]!;
          const row = expected.row;
          const where = `turn ${i + 1} (transcript ${row.transcriptId}, utterance ${row.utteranceId}, line ${turn.range.start.line})`;
          assert.equal(turn.label, row.interlocutor === 'therapist' ? 'T' : 'C', where);
          assert.equal(turn.role, row.interlocutor, where);
          assert.equal(turn.timestamp?.seconds, row.seconds + expected.offsetSeconds, where);
          assert.equal(turn.text, normalise(row.text), where);
          const label = row.therapistBehaviour ?? row.clientTalkType;
          const code = {
            question: 'open-question',
            reflection: 'reflection',
            therapist_input: 'psychoeducation',
            other: 'other',
            change: 'change-talk',
            neutral: 'neutral',
            sustain: 'sustain-talk',
          }[label!];
          assert.deepEqual(
            turn.codes.map((c) => c.id),
            [code],
            where,
          );
          assert.deepEqual(
            turn.goals.map((g) => g.id),
            expected.goals,
            where,
          );
        });
      });

      it('counts codes per id as the CSV labels them', () => {
        assert.deepEqual(countCodes(session), built.counts.codes);
        assert.equal(
          Object.values(built.counts.codes).reduce((a, b) => a + b, 0),
          rows.length,
        );
      });

      it('puts turns in their phases, transcripts under topic headings and memos on their turns', () => {
        assert.deepEqual(
          session.sections.map((s) => s.phase?.name),
          PHASE_NAMES,
        );
        assert.equal(session.sections[1]!.subtitle, 'exploring ambivalence');
        assert.equal(session.sections.flatMap((s) => s.topics).length, TRANSCRIPTS.length);
        session.turns.forEach((turn, i) => {
          const expected = built.turns[i]!;
          assert.equal(session.sections[turn.sectionIndex]?.phase?.name, PHASE_NAMES[expected.phase], `turn ${i + 1}`);
          assert.deepEqual(
            turn.memos.map((m) => m.text),
            expected.memo ? [expected.memo] : [],
            `memos of turn ${i + 1}`,
          );
        });
        assert.equal(session.turns.filter((t) => t.memos.length > 0).length, built.counts.memos);
        assert.ok(session.turns.some((t) => session.sections[t.sectionIndex]?.phase?.name === 'Termination' && t.goals.length > 0));
      });

      it('lints with no errors against the core codebook', async () => {
        const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
        const { findings, codebook } = await linter.lintText(join(ROOT, 'test', 'annomi.session.md'), built.text);
        assert.ok(codebook?.codebook, 'the core codebook loads');
        const errors = findings.filter((f) => f.severity === 'error');
        assert.deepEqual(
          errors.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`),
          [],
        );
      });
    });
  }

  it('repeats transcripts to an exact number of turns, with timestamps that keep increasing', () => {
    const transcripts = loadAnnomi();
    const short = [...transcripts.get(10)!, ...transcripts.get(13)!];
    const built = annomiSession(short, { turns: 500 });
    const session = parseSession(built.text);
    assert.equal(session.turns.length, 500);
    assert.deepEqual(countCodes(session), built.counts.codes);
    const seconds = session.turns.map((t) => t.timestamp!.seconds!);
    // Transcripts 10 and 13 never go back in time, so neither may their repetitions.
    seconds.forEach((s, i) => assert.ok(i === 0 || s >= seconds[i - 1]!, `turn ${i + 1}: ${s} < ${seconds[i - 1]}`));
    session.turns.forEach((turn, i) => assert.equal(turn.text, normalise(short[i % short.length]!.text), `turn ${i + 1}`));
  });
});
