import type { ResolvedConfig } from '../config/config';
import type { Session } from '../model';
import { phaseCompleteness, type SessionStats } from '../research/stats';
import { joinMarkdown, markdown, type Markdown } from '../text/markdown';
import { markCourse, missingText, type CourseMarks } from './courseMarks';
import { courseKey, formatDuration, groupByCourse, NO_CLIENT, type CourseKey } from './summary';

// The All Sessions tree of the Sessions sidebar as plain data: the extension adds icons, file
// links and uris, so everything a node shows is testable without VS Code.

/** What the All Sessions tree reads of an analysed transcript: the session if it could be parsed, the severities of its findings, and why it was skipped if it was. */
export interface ListedAnalysis {
  linted?: { session: Session; config?: Pick<ResolvedConfig, 'stages'> };
  findings: readonly { severity: string }[];
  skipped?: string;
}

/** A node of the All Sessions tree: a client or course, or one session under it; `A` is the front end's analysis. */
export type AllSessionsNode<A extends ListedAnalysis = ListedAnalysis> =
  | { kind: 'group'; group: string; children: AllSessionsNode<A>[] }
  | { kind: 'session'; analysis: A; key: CourseKey; name: string; parent: AllSessionsNode<A>; course: CourseMarks };

/** A session node of the All Sessions tree. */
export type SessionNode<A extends ListedAnalysis = ListedAnalysis> = Extract<AllSessionsNode<A>, { kind: 'session' }>;

/**
 * Groups analysed transcripts (each with its file name) by client or course, each group ordered by
 * session number, each session marked with its stage and what is amiss in the course's order.
 */
export function buildAllSessionsNodes<A extends ListedAnalysis>(entries: readonly { analysis: A; name: string }[]): AllSessionsNode<A>[] {
  const keyed = entries.map(({ analysis, name }) => ({ analysis, name, key: analysis.linted ? courseKey(analysis.linted.session) : { group: NO_CLIENT } }));
  return groupByCourse(keyed, (k) => ({ ...k.key, name: k.name })).map(({ group, items }) => {
    const node: AllSessionsNode<A> = { kind: 'group', group, children: [] };
    // Sessions without a client or course are no course: nothing to mark.
    const marks = group === NO_CLIENT ? items.map(() => ({ outOfOrder: [] })) : markCourse(items.map((k) => k.analysis.linted ?? {}));
    node.children = items.map((k, i) => ({ kind: 'session', ...k, parent: node, course: marks[i]! }));
    return node;
  });
}

/** Errors and warnings of an analysis (what "problems" counts in the tree and in Lint Workspace). */
export function problemCount(analysis: Pick<ListedAnalysis, 'findings'>): number {
  return analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
}

type GroupNode = Extract<AllSessionsNode, { kind: 'group' }>;

/** The description of a group node, e.g. `3 sessions`, with its course's gaps and sessions out of order: `4 sessions · 1 gap · 1 out of order`. */
export function groupDescription(node: GroupNode): string {
  const marks = courseMarksOf(node);
  const gaps = marks.filter((m) => m.missingBefore).length;
  const disordered = marks.filter((m) => m.outOfOrder.length > 0).length;
  const parts = [`${node.children.length} session${node.children.length === 1 ? '' : 's'}`];
  if (gaps > 0) parts.push(`${gaps} gap${gaps === 1 ? '' : 's'}`);
  if (disordered > 0) parts.push(`${disordered} out of order`);
  return parts.join(' · ');
}

/** Whether a group's course has a session out of order, for a marker on the group. */
export function groupOutOfOrder(node: GroupNode): boolean {
  return courseMarksOf(node).some((m) => m.outOfOrder.length > 0);
}

/** The tooltip of a group node: its course as stages in session order, and what is amiss in it. */
export function groupTooltip(node: GroupNode): Markdown {
  const sessions = node.children.flatMap((c) => (c.kind === 'session' ? [c] : []));
  const lines: Markdown[] = [markdown`**${node.group}**`, markdown``];
  if (sessions.some((s) => s.course.stage !== undefined))
    lines.push(markdown`- Stages: ${sessions.map((s) => `${s.key.number ?? '?'} ${s.course.stage ?? '(no stage)'}`).join(' → ')}`);
  for (const s of sessions) {
    if (s.course.missingBefore) lines.push(markdown`- Missing: session ${missingText(s.course.missingBefore)}`);
    for (const why of s.course.outOfOrder) lines.push(markdown`- Out of order: ${sessionLabel(s)}, ${why}`);
  }
  return joinMarkdown(lines, '\n');
}

function courseMarksOf(node: GroupNode): CourseMarks[] {
  return node.children.flatMap((c) => (c.kind === 'session' ? [c.course] : []));
}

/** The label of a session node, e.g. `Session 4 · working · 2026-02-03` (its stage when it has one), or its file name without `.session.md` when it has no number. */
export function sessionLabel(node: SessionNode): string {
  const title = node.key.number === undefined ? node.name.replace(/\.session\.md$/, '') : `Session ${node.key.number}`;
  const date = node.analysis.linted?.session.frontMatter?.date;
  return [title, node.course?.stage, date].filter((part) => part !== undefined).join(' · ');
}

/**
 * The description of a session node, e.g. `3/3 phases · 2 problems`, after what is amiss in its
 * course (`gap: 2–3 · out of order · …`); `stats` are the session's counts, when it could be parsed.
 */
export function sessionDescription(analysis: ListedAnalysis, stats: SessionStats | undefined, course?: CourseMarks): string {
  const n = problemCount(analysis);
  const problems = `${n} problem${n === 1 ? '' : 's'}`;
  const marks = [...(course?.missingBefore ? [`gap: ${missingText(course.missingBefore)}`] : []), ...(course?.outOfOrder.length ? ['out of order'] : [])];
  const prefix = marks.map((m) => `${m} · `).join('');
  if (!stats) return prefix + (analysis.skipped ? 'not analysed (too large)' : `not analysed · ${problems}`);
  const { present, total } = phaseCompleteness(stats);
  return `${prefix}${present}/${total} phases · ${problems}`;
}

/** The tooltip of a session node: its path (relative to the workspace), its people, counts, phases, goals and problems. */
export function sessionTooltip(node: SessionNode, path: string, stats: SessionStats | undefined): Markdown {
  const { analysis } = node;
  const fm = analysis.linted?.session.frontMatter;
  const lines: Markdown[] = [markdown`**${path}**`, markdown``];
  const fields: [string, string | undefined][] = [
    ['Client', fm?.client],
    ['Course', fm?.course],
    ['Therapist', fm?.therapist],
    ['Approach', fm?.approach],
    ['Turns', stats && String(stats.turns)],
    ['Duration', stats?.durationSeconds == null ? undefined : formatDuration(stats.durationSeconds)],
  ];
  for (const [name, value] of fields) if (value) lines.push(markdown`- ${name}: ${value}`);
  const course = node.course;
  if (course?.stage !== undefined) lines.push(markdown`- Stage: ${course.stage}`);
  if (course?.missingBefore) lines.push(markdown`- Gap: session ${missingText(course.missingBefore)} missing before this one`);
  for (const why of course?.outOfOrder ?? []) lines.push(markdown`- Out of order: ${why}`);
  if (stats) lines.push(markdown`- Phases: ${stats.phases.flatMap((p) => (p.status === 'outside' ? [] : [`${p.phase} (${p.status})`])).join(', ')}`);
  const goals = stats ? (fm?.goals ?? []) : [];
  if (goals.length > 0) lines.push(markdown`- Goals: ${goals.map((g) => `${g.id} (${g.status})`).join(', ')}`);
  if (analysis.skipped) lines.push(markdown`- Live analysis off: ${analysis.skipped}`);
  lines.push(markdown`- Problems: ${problemCount(analysis)}`);
  return joinMarkdown(lines, '\n');
}
