/**
 * A mono 16-bit PCM WAV of `seconds` of silence with a 440 Hz tone of `toneSeconds` starting at each
 * of `toneStarts` (seconds): a recording whose content is known to the sample, made by the tests
 * themselves. A low sample rate keeps it small; browsers and music-metadata read it all the same.
 */
export function toneWav(seconds: number, toneStarts: readonly number[] = [], sampleRate = 8000, toneSeconds = 0.5): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (const start of toneStarts) {
    const first = Math.round(start * sampleRate);
    const last = Math.min(samples, first + Math.round(toneSeconds * sampleRate));
    for (let i = first; i < last; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
