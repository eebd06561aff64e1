import type { Session } from '../model';
import { phaseCompleteness, type SessionStats } from '../research/stats';
import { joinMarkdown, markdown, type Markdown } from '../text/markdown';
import { courseKey, formatDuration, groupByCourse, NO_CLIENT, type CourseKey } from './summary';

// The All Sessions tree of the Sessions sidebar as plain data: the extension adds icons, file
// links and uris, so everything a node shows is testable without VS Code.

/** What the All Sessions tree reads of an analysed transcript: the session if it could be parsed, the severities of its findings, and why it was skipped if it was. */
export interface ListedAnalysis {
  linted?: { session: Session };
  findings: readonly { severity: string }[];
  skipped?: string;
}

/** A node of the All Sessions tree: a client or course, or one session under it; `A` is the front end's analysis. */
export type AllSessionsNode<A extends ListedAnalysis = ListedAnalysis> =
  { kind: 'group'; group: string; children: AllSessionsNode<A>[] } | { kind: 'session'; analysis: A; key: CourseKey; name: string; parent: AllSessionsNode<A> };

/** A session node of the All Sessions tree. */
export type SessionNode<A extends ListedAnalysis = ListedAnalysis> = Extract<AllSessionsNode<A>, { kind: 'session' }>;

/** Groups analysed transcripts (each with its file name) by client or course, each group ordered by session number. */
export function buildAllSessionsNodes<A extends ListedAnalysis>(entries: readonly { analysis: A; name: string }[]): AllSessionsNode<A>[] {
  const keyed = entries.map(({ analysis, name }) => ({ analysis, name, key: analysis.linted ? courseKey(analysis.linted.session) : { group: NO_CLIENT } }));
  return groupByCourse(keyed, (k) => ({ ...k.key, name: k.name })).map(({ group, items }) => {
    const node: AllSessionsNode<A> = { kind: 'group', group, children: [] };
    node.children = items.map((k) => ({ kind: 'session', ...k, parent: node }));
    return node;
  });
}

/** Errors and warnings of an analysis (what "problems" counts in the tree and in Lint Workspace). */
export function problemCount(analysis: Pick<ListedAnalysis, 'findings'>): number {
  return analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
}

/** The description of a group node, e.g. `3 sessions`. */
export function groupDescription(node: Extract<AllSessionsNode, { kind: 'group' }>): string {
  return `${node.children.length} session${node.children.length === 1 ? '' : 's'}`;
}

/** The label of a session node, e.g. `Session 4 · 2026-02-03`, or its file name without `.session.md` when it has no number. */
export function sessionLabel(node: SessionNode): string {
  const title = node.key.number === undefined ? node.name.replace(/\.session\.md$/, '') : `Session ${node.key.number}`;
  const date = node.analysis.linted?.session.frontMatter?.date;
  return date ? `${title} · ${date}` : title;
}

/** The description of a session node, e.g. `3/3 phases · 2 problems`; `stats` are the session's counts, when it could be parsed. */
export function sessionDescription(analysis: ListedAnalysis, stats: SessionStats | undefined): string {
  const n = problemCount(analysis);
  const problems = `${n} problem${n === 1 ? '' : 's'}`;
  if (!stats) return analysis.skipped ? 'not analysed (too large)' : `not analysed · ${problems}`;
  const { present, total } = phaseCompleteness(stats);
  return `${present}/${total} phases · ${problems}`;
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
  if (stats) lines.push(markdown`- Phases: ${stats.phases.flatMap((p) => (p.status === 'outside' ? [] : [`${p.phase} (${p.status})`])).join(', ')}`);
  const goals = stats ? (fm?.goals ?? []) : [];
  if (goals.length > 0) lines.push(markdown`- Goals: ${goals.map((g) => `${g.id} (${g.status})`).join(', ')}`);
  if (analysis.skipped) lines.push(markdown`- Live analysis off: ${analysis.skipped}`);
  lines.push(markdown`- Problems: ${problemCount(analysis)}`);
  return joinMarkdown(lines, '\n');
}
