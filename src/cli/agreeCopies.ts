import type { CoderCopyProblem } from '../core';
import { displayPath } from './files';
import type { RunOptions } from './io';
import { transcriptProblem } from './readTranscripts';

// What `agree` says about coders and their copies, whether the copies are named one by one or found in coders' folders.

/** The short name of the k-th coder (0-based) in tables: A, B, C… and after Z, C27, C28… */
export function coderName(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : `C${k + 1}`;
}

/** Why a copy cannot be compared, said after its name on stderr. */
export function copyProblem(copy: CoderCopyProblem, options: RunOptions): string {
  if ('codebook' in copy) return `cannot use its codebook (${copy.codebook?.readError ?? 'the codebook has problems; run session-md codebook check'})`;
  const { problem } = copy.unchecked;
  if (problem.kind === 'config') return `invalid config: ${problem.errors.map((e) => displayPath(e.path, options.cwd)).join(', ')}`;
  return transcriptProblem(copy.unchecked);
}
