import { strict as assert } from 'node:assert';
import { ImportError, isSpeakerName, labelOfName, parseRoleMap, readPlainText, readVtt, readWhisperJson, safeLabel } from '../../src/core/research/import';

// Which text before a colon is a speaker's name, and the turn label a display name becomes (issue 16, problems 2 and 6).

describe('import: speaker names', () => {
  it('takes display names as Zoom and Teams write them for names', () => {
    for (const name of [
      'Dr Rivera',
      'Jane Doe (she/her)',
      'Alex Kim (they/them)',
      'Inglis, Jake',
      'sam.lee@example.org',
      'Alex & Jordan Reyes',
      'Maria de los Angeles Santos',
      'Dr. Ana María Rivera de la Cruz (she/her)',
    ])
      assert.ok(isSpeakerName(name), name);
  });

  it('does not take a clause before a colon for a name', () => {
    for (const text of ['Well, you know', 'so what I really mean is this', 'and/or', 'mail me at sam@', 'one, two & three'])
      assert.ok(!isSpeakerName(text), text);
    const vtt =
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nDr Rivera: Go on.\n\n00:00:03.000 --> 00:00:05.000\nso what I really mean is this: it hurts\n\n00:00:05.000 --> 00:00:06.000\nWell, you know: it is hard\n';
    assert.deepEqual(
      readVtt(vtt).utterances.map((u) => [u.speaker, u.text]),
      [['Dr Rivera', 'Go on. so what I really mean is this: it hurts Well, you know: it is hard']],
    );
  });

  it('makes a label of a display name: no pronouns, an e-mail\'s local part, "and" for &', () => {
    assert.deepEqual(
      ['Jane Doe (she/her)', 'sam.lee@example.org', 'Alex & Jordan Reyes', 'Inglis, Jake', 'SPEAKER_00'].map((name) => [labelOfName(name), safeLabel(name)]),
      [
        ['Jane Doe', 'Jane Doe'],
        ['sam.lee', 'sam.lee'],
        ['Alex and Jordan Reyes', 'Alex and Jordan Reyes'],
        ['Inglis, Jake', 'Inglis Jake'],
        ['SPEAKER_00', 'SPEAKER_00'],
      ],
    );
  });

  it('reads a role map whose names hold a comma, and still refuses an entry without =', () => {
    assert.deepEqual(
      [...parseRoleMap('Inglis, Jake=therapist, Sam=client,Rivera, Ana Maria=other')],
      [
        ['Inglis, Jake', 'therapist'],
        ['Sam', 'client'],
        ['Rivera, Ana Maria', 'other'],
      ],
    );
    assert.throws(() => parseRoleMap('Sam=client, Inglis'), /--role-map: 'I\*\*\*\*\*' has no '='/);
  });

  it('leaves out a header line above a plain transcript, but not a first turn that starts with a time', () => {
    const read = readPlainText('Date: 2024-01-01\nTherapist: 10:30 suits me.\nClient: 10:30\n');
    assert.deepEqual(
      read.utterances.map((u) => [u.speaker, u.text]),
      [
        ['Therapist', '10:30 suits me.'],
        ['Client', '10:30'],
      ],
    );
    assert.deepEqual(read.warnings, [{ line: 1, message: "header line 'D***: ####-##-##' is left out" }]);
  });

  it('reads WhisperX JSON segments, and refuses what is not, without quoting its words', () => {
    const json = JSON.stringify({
      segments: [
        { start: 0.5, text: ' Hi.', speaker: 'SPEAKER_00' },
        { start: 1, text: ' Hello.' },
        { start: 2, text: ' Go on.', speaker: 'SPEAKER_01' },
      ],
    });
    assert.deepEqual(
      readWhisperJson(json).utterances.map((u) => [u.speaker, u.text, u.seconds]),
      [
        ['SPEAKER_00', 'Hi. Hello.', 0.5],
        ['SPEAKER_01', 'Go on.', 2],
      ],
    );
    assert.equal(readWhisperJson(json, { keepCues: true }).utterances.length, 3);
    for (const bad of ['Jane Doe: 4111 1111', '{"text": "Jane"}', '{"segments": [{"start": 1}]}'])
      assert.throws(
        () => readWhisperJson(bad),
        (e: unknown) => e instanceof ImportError && !/Jane|4111/.test(e.message),
      );
  });
});
