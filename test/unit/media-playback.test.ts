import { strict as assert } from 'node:assert';
import { turnPlayingAt, unplayableReason } from '../../src/core/media/playback';
import { parseSession } from '../../src/core/parse/session';

// What the media panel decides before and while it plays: whether VS Code can decode the
// recording at all, and which turn is being spoken at a playback time.

describe('unplayableReason', () => {
  it('names AAC by the codec in the header, also inside an .mp4, with the formats that work and the ffmpeg command', () => {
    const reason = unplayableReason('/w/rec/session 3.mp4', { container: 'M4A/mp42', codec: 'MPEG-4/AAC' });
    assert.equal(
      reason,
      'VS Code cannot play AAC audio (session 3.mp4); use mp3, wav, flac, ogg or webm (or mp4 with H.264 video and mp3 audio). Convert it with: ffmpeg -i "session 3.mp4" -c:a libmp3lame -q:a 2 "session 3.mp3"',
    );
  });

  it('names .m4a and .aac by their extension when the header could not be read', () => {
    assert.match(unplayableReason('/w/phone.m4a', undefined) ?? '', /^VS Code cannot play AAC audio \(phone\.m4a\)/);
    assert.match(unplayableReason('C:\\w\\memo.AAC', undefined) ?? '', /\(memo\.AAC\)/);
  });

  it('lets WAV, MP3 and an .mp4 with MP3 audio play', () => {
    assert.equal(unplayableReason('/w/a.wav', { container: 'WAVE', codec: 'PCM' }), undefined);
    assert.equal(unplayableReason('/w/a.mp3', { container: 'MPEG', codec: 'MPEG 1 Layer 3' }), undefined);
    assert.equal(unplayableReason('/w/a.mp4', { container: 'isom', codec: 'MPEG 1 Layer 3' }), undefined);
  });
});

describe('turnPlayingAt', () => {
  const session = parseSession(['## Beginning', '', '[00:00:05] T: Hello.', 'C: Hi.', '[00:00:12] T: How are you?', '[00:01:00] C: Fine.', ''].join('\n'));

  it('is the last turn whose timestamp is not after the time, none before the first', () => {
    assert.equal(turnPlayingAt(session, 4.9), undefined);
    assert.equal(turnPlayingAt(session, 5)?.index, 1);
    assert.equal(turnPlayingAt(session, 11.99)?.index, 1);
    assert.equal(turnPlayingAt(session, 12)?.index, 3);
    assert.equal(turnPlayingAt(session, 3600)?.index, 4);
  });
});
