import { spawnSync } from 'node:child_process';

// Independent implementations that some tests compare the core's statistics with, when the machine
// has them: R's psych package (Debian r-cran-psych), NLTK and pandas (Debian python3-nltk and
// python3-pandas, run by the system's /usr/bin/python3, which is the Python Debian's packages
// install into). Without them those tests skip with a note in their title; the figures they once
// gave are kept as fixtures beside, so the statistics stay checked on a fresh clone.

/** A reference tool: the command that runs a script given on standard input, and how to tell it is installed. */
interface ReferenceTool {
  command: string;
  args: string[];
  probe: string[];
  install: string;
}

export const REFERENCE_TOOLS = {
  psych: { command: 'Rscript', args: ['-'], probe: ['-e', 'suppressMessages(library(psych))'], install: 'apt-get install r-cran-psych' },
  nltk: { command: '/usr/bin/python3', args: ['-'], probe: ['-c', 'import nltk.metrics.agreement'], install: 'apt-get install python3-nltk' },
  pandas: { command: '/usr/bin/python3', args: ['-'], probe: ['-c', 'import pandas'], install: 'apt-get install python3-pandas' },
  r: { command: 'Rscript', args: ['-'], probe: ['-e', 'invisible(0)'], install: 'apt-get install r-base-core' },
} satisfies Record<string, ReferenceTool>;

export type ReferenceName = keyof typeof REFERENCE_TOOLS;

const availability = new Map<ReferenceName, boolean>();

/** True when the tool runs here (probed once per run). */
export function referenceAvailable(name: ReferenceName): boolean {
  if (!availability.has(name)) {
    const tool = REFERENCE_TOOLS[name];
    const probe = spawnSync(tool.command, tool.probe, { encoding: 'utf8', timeout: 60_000 });
    availability.set(name, !probe.error && probe.status === 0);
  }
  return availability.get(name)!;
}

/** Skips the test, with a one-line note in its title, when the tool is not installed. */
export function requireReference(context: Mocha.Context, name: ReferenceName): void {
  if (referenceAvailable(name)) return;
  const test = context.test!;
  test.title += ` (skipped: ${name} is not installed; ${REFERENCE_TOOLS[name].install} to run it; the recorded figures are checked above)`;
  context.skip();
}

/** Runs a script (the data written into it) in the tool and returns its standard output; a failing script fails the test. */
export function runReference(name: ReferenceName, script: string): string {
  const tool = REFERENCE_TOOLS[name];
  const result = spawnSync(tool.command, tool.args, { input: script, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${name} failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout;
}
