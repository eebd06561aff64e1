import type { QueryInput } from '../../core';
import type { SessionWorkspace } from '../workspace';

/** The workspace's analysed transcripts as the query core reads them, by uri: `file` is the uri as a string. */
export function workspaceInputs(workspace: SessionWorkspace): QueryInput[] {
  const inputs: QueryInput[] = [];
  for (const analysis of workspace.transcripts()) {
    const session = analysis.linted?.session;
    if (session) inputs.push({ file: analysis.uri.toString(), session, ...(analysis.codebook ? { codebook: analysis.codebook } : {}) });
  }
  return inputs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
