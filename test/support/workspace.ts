import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliHost } from '../../src/cli/host';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR } from './paths';
import { runWith } from './lintRun';

/** A throw-away folder that is its own repository root, so no config from outside leaks in. */
export function makeWorkspace(files: Record<string, string | Uint8Array>): { dir: string; path(name: string): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'session-md-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, path: (name) => join(dir, name), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the CLI in-process (through `host`, by default Node's) and collects what it prints. */
export function runCli(argv: string[], cwd: string, host?: CliHost): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith(argv, cwd, host ? { host } : {});
}

/** Node's host with some of its calls replaced, as a test's failing or recording host. */
export function nodeHostWith(overrides: Partial<CliHost>): CliHost {
  return { ...createNodeHost(BUILTIN_CODEBOOKS_DIR), ...overrides };
}

/** A small, clean transcript; `extra` lines are appended to the Middle phase. */
export function transcript(options: { frontMatter?: string; middle?: string[]; eol?: string } = {}): string {
  const eol = options.eol ?? '\n';
  const lines = [
    '---',
    ...(options.frontMatter ?? 'session: 1\ndate: 2026-03-14\nclient: C-001\ngoals:\n  - id: sleep\n    text: Sleep better\n    status: open').split('\n'),
    '---',
    '',
    '# Session 1',
    '',
    '## Beginning',
    '',
    '[00:00:05] T: What brings you here today? {open-question}',
    '[00:00:12] C: I cannot sleep. {#sleep}',
    '',
    '## Middle',
    '',
    '[00:05:00] T: You lie awake and worry. {reflection.simple}',
    ...(options.middle ?? []),
    '',
    '## Termination',
    '',
    '[00:40:00] T: Let us look back at your sleep. {summary} {#sleep}',
    '',
  ];
  return lines.join(eol);
}
