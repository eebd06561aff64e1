/** The file name ending of a transcript. */
export const SESSION_SUFFIX = '.session.md';

/** Checks a new session's file name; returns the problem, or undefined when it is fine. */
export function validateSessionName(raw: string): string | undefined {
  const name = stripSuffix(raw.trim());
  if (name === '') return 'Enter a file name, for example 05-relapse-plan.';
  if (/[\\/:*?"<>|]/.test(name) || name.startsWith('.')) return 'Use letters, digits, spaces, "-", "_" and "." only, without a folder.';
  if (name.length > 120) return 'Use a name of at most 120 characters.';
  return undefined;
}

/** The file name a typed session name becomes: `05-relapse-plan` → `05-relapse-plan.session.md`. */
export function sessionFileName(raw: string): string {
  return stripSuffix(raw.trim()) + SESSION_SUFFIX;
}

function stripSuffix(name: string): string {
  return name.endsWith(SESSION_SUFFIX) ? name.slice(0, -SESSION_SUFFIX.length) : name.endsWith('.md') ? name.slice(0, -3) : name;
}

/** The text of a new session: front matter, a heading and the three phases, lint-clean as written. */
export function sessionTemplate(options: { session: number; date: string; client?: string; therapist?: string }): string {
  return [
    '---',
    `session: ${options.session}`,
    `date: ${options.date}`,
    options.client ? `client: ${options.client}` : '# client: C-001        # a pseudonym, never a real name',
    ...(options.therapist ? [`therapist: ${options.therapist}`] : []),
    'speakers:',
    '  T: therapist',
    '  C: client',
    'phases: default',
    'codebook: core',
    'goals:',
    '  - id: goal-1',
    "    text: Describe the goal in the client's own words",
    '    status: open',
    '---',
    '',
    `# Session ${options.session}`,
    '',
    '## Beginning',
    '',
    'T: What would you like to focus on today? {open-question} {#goal-1}',
    '',
    '## Middle',
    '',
    '## Termination',
    '',
    "T: Let's look back at what we worked on today. {summary} {#goal-1}",
    '',
  ].join('\n');
}
