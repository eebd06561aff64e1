import { parse as parseYaml } from 'yaml';
import type { FrontMatter, GoalStatus } from '../model';
import { GOAL_ID } from '../parse/frontMatter';

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

/** A goal a new session takes over from the course so far. */
export interface CarriedGoal {
  id: string;
  text: string;
  status: GoalStatus;
}

/** What a new session starts from: its number, date, who it is with, and the goals still open. */
export interface SessionTemplateOptions {
  session: number;
  date: string;
  client?: string;
  /** Written when the sessions are grouped by course rather than by client. */
  course?: string;
  therapist?: string;
  /** The goals to carry over; without any, a placeholder goal shows how goals are written. */
  goals?: CarriedGoal[];
}

/** The statuses of goals still being worked on; `achieved` and `dropped` goals are closed and stay behind. */
export const OPEN_GOAL_STATUSES: readonly GoalStatus[] = ['open', 'in-progress'];

const PLACEHOLDER_GOAL: CarriedGoal = { id: 'goal-1', text: "Describe the goal in the client's own words", status: 'open' };

/** The text of a new session: front matter, a heading and the three phases, lint-clean as written. */
export function sessionTemplate(options: SessionTemplateOptions): string {
  const goals = options.goals?.length ? options.goals : [PLACEHOLDER_GOAL];
  // Opening and closing turns reference every goal, so none is unused or unreviewed.
  const references = goals.map((g) => `{#${g.id}}`).join(' ');
  const who = options.client
    ? [`client: ${yamlText(options.client)}`]
    : options.course
      ? [`course: ${yamlText(options.course)}`]
      : ['# client: C-001        # a pseudonym, never a real name'];
  return [
    '---',
    `session: ${options.session}`,
    `date: ${options.date}`,
    ...who,
    ...(options.therapist ? [`therapist: ${yamlText(options.therapist)}`] : []),
    'speakers:',
    '  T: therapist',
    '  C: client',
    'phases: default',
    'codebook: core',
    'goals:',
    ...goals.flatMap((g) => [`  - id: ${g.id}`, `    text: ${yamlText(g.text)}`, `    status: ${g.status}`]),
    '---',
    '',
    `# Session ${options.session}`,
    '',
    '## Beginning',
    '',
    `T: What would you like to focus on today? {open-question} ${references}`,
    '',
    '## Middle',
    '',
    '## Termination',
    '',
    `T: Let's look back at what we worked on today. {summary} ${references}`,
    '',
  ].join('\n');
}

/**
 * What New Session takes over, given the front matter of the sessions in the chosen folder and
 * of every session in the workspace: the client (or course) and therapist of the folder's latest
 * session; the goals of that client's latest session in the workspace (highest `session:`
 * number) that are still open or in progress; and the number after the highest one seen.
 */
export function continueCourse(inFolder: FrontMatter[], inWorkspace: FrontMatter[]): Omit<SessionTemplateOptions, 'date'> {
  const byNumber = (a: FrontMatter, b: FrontMatter): number => (b.session ?? 0) - (a.session ?? 0);
  const anchor = inFolder.filter((f) => f.client || f.course).sort(byNumber)[0];
  const sameCourse = (f: FrontMatter): boolean => (anchor?.client ? f.client === anchor.client : !f.client && f.course === anchor?.course);
  const course = anchor ? [...inFolder, ...inWorkspace].filter(sameCourse).sort(byNumber) : [];
  const latest = course[0];
  const next = Math.max(0, ...[...inFolder, ...course].map((f) => f.session ?? 0)) + 1;
  const options: Omit<SessionTemplateOptions, 'date'> = { session: next };
  if (anchor?.client) options.client = anchor.client;
  else if (anchor?.course) options.course = anchor.course;
  const therapist = latest?.therapist ?? anchor?.therapist;
  if (therapist) options.therapist = therapist;
  const goals = (latest?.goals ?? []).filter((g) => OPEN_GOAL_STATUSES.includes(g.status) && GOAL_ID.test(g.id));
  if (goals.length > 0) options.goals = goals.map(({ id, text, status }) => ({ id, text, status }));
  return options;
}

// A plain scalar when YAML reads it back as the same text, else a double-quoted one (JSON is YAML).
function yamlText(text: string): string {
  let same = false;
  try {
    same = !/[\r\n]/.test(text) && parseYaml(text) === text;
  } catch {
    // not plain YAML: quoted below
  }
  return same ? text : JSON.stringify(text);
}
