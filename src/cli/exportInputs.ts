import type { ReadTranscript } from './readTranscripts';

/** Every file an export read: the transcripts, their config files (and pii lists) and their codebooks and libraries, which `--out` never overwrites. */
export function inputsOf(transcripts: ReadTranscript[]): string[] {
  const inputs = new Set<string>();
  for (const { path, linted } of transcripts) {
    inputs.add(path);
    for (const file of linted.config.files) inputs.add(file);
    for (const loaded of [linted.codebook, ...linted.libraries]) if (loaded) inputs.add(loaded.path);
  }
  return [...inputs];
}
