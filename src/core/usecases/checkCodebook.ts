import { checkCodebookText } from '../codebook/check';
import { describeReadError, refusalOf, type FileHost, type FileSizeLimit } from '../host';
import { fileInvalid } from '../lint/pseudoRules';
import { decodeTranscript } from '../text/decode';
import type { FileReport } from './report';

/**
 * Reads and validates one codebook or library file (`session-md codebook check`): schema problems
 * as `codebook-invalid` errors, unannotated snippets as warnings. A FIFO, a device or a file above
 * `limit` is not read; bytes that are no UTF-8 text are a `file-invalid` error at their position.
 */
export async function checkCodebookFile(path: string, host: FileHost, limit: FileSizeLimit): Promise<FileReport> {
  const refusal = refusalOf(await host.stat(path), limit);
  if (refusal) return { path, findings: [fileInvalid(refusal)], problem: { kind: 'refused' } };
  let bytes: Uint8Array;
  try {
    bytes = await host.readBytes(path);
  } catch (error) {
    const reason = describeReadError(error);
    return { path, findings: [fileInvalid(`Cannot read this file: ${reason}`)], problem: { kind: 'unreadable', reason } };
  }
  const decoded = decodeTranscript(bytes);
  if ('problem' in decoded) {
    const nul = bytes.indexOf(0);
    const message = nul === -1 ? decoded.problem.message : `This looks like a binary file, not a codebook (NUL byte at byte ${nul})`;
    return { path, findings: [fileInvalid(message, decoded.problem.range)], problem: { kind: 'undecodable' } };
  }
  return { path, findings: checkCodebookText(decoded.text, path) };
}
