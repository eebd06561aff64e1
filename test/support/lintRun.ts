import { join } from 'node:path';
import type { RunOptions } from '../../src/cli/io';
import { createNodeHost } from '../../src/cli/nodeHost';
import { run } from '../../src/cli/run';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from './paths';

/** The bundled lint worker; `npm test` builds dist/ before mocha starts. */
export const WORKER_SCRIPT = join(ROOT, 'dist', 'lintWorker.js');

/** Runs the CLI in-process with extra run options (such as worker threads or another host), collecting what it prints. */
export async function runWith(argv: string[], cwd: string, extra: Partial<RunOptions> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv,
    cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    host: createNodeHost(BUILTIN_CODEBOOKS_DIR),
    ...extra,
  });
  return { code, stdout, stderr };
}

/** A workspace of many transcripts with clean files, errors, safe fixes, a broken config, a codebook with problems, conflicting libraries and files that are no transcripts. */
export function mixedWorkspaceFiles(transcript: (options?: { frontMatter?: string; middle?: string[] }) => string): Record<string, string | Uint8Array> {
  const library = (role: string) => ['name: Shared library', 'codes:', '  - id: summary', '    label: Summary', `    role: ${role}`, ''].join('\n');
  return {
    'a/clean-1.session.md': transcript(),
    'a/clean-2.session.md': transcript({ middle: ['[00:06:00] C: Better, thanks. {neutral}'] }),
    'a/error.session.md': transcript({ middle: ['Theraist: How was the week?'] }),
    'a/fixable.session.md': transcript({ middle: ['[00:06:00] C: And my mood is low. {#mood}'] }),
    'a/fixable-crlf.session.md': `\uFEFF${transcript({ middle: ['[00:06:00] C: Work is hard. {#work}'] }).replace(/\n/g, '\r\n')}`,
    'a/unsafe.session.md': transcript({ middle: ['C: Hmm. {neutrl}'] }),
    'a/empty.session.md': '',
    'a/binary.session.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]),
    'b/own-codebook.session.md': transcript({ frontMatter: 'session: 2\ndate: 2026-03-21\nclient: C-002\ncodebook: ../bad.codebook.yaml' }),
    'b/warning.session.md': transcript({ middle: ['[00:01:00] C: Earlier than before. {neutral}'] }),
    // A course: its second session reopens a goal without a memo (goal-regressed reads the first).
    'course/1.session.md': transcript({ frontMatter: 'session: 1\nclient: C-003\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: achieved' }),
    'course/2.session.md': transcript({ frontMatter: 'session: 2\nclient: C-003\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: open' }),
    'broken/.sessionmdrc.yaml': 'rules:\n  goal-unsued: off\n',
    'broken/x.session.md': transcript(),
    'broken/y.session.md': transcript(),
    'bad.codebook.yaml': 'name: Bad\ncodes:\n  - id: 7\n    role: nobody\n',
    'libs/one.codebook.yaml': library('client'),
    'libs/two.codebook.yaml': library('therapist'),
  };
}
