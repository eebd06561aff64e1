import type { Codebook } from '../codebook/codebook';
import type { Goal, Range, Session, Turn } from '../model';
import type { PhaseStatus } from '../research/phases';
import { phaseCompleteness, share, type CodeCount, type PhaseStats, type SessionStats, type SpeakerStats } from '../research/stats';
import { markdown, markdownCode, type Markdown } from '../text/markdown';
import { SEGMENT_PAGE } from './codedSegmentsNodes';
import { escapeControls } from '../text/controls';
import { excerpt, TOOLTIP_EXCERPT, turnLabel } from './segmentText';
import { formatShare, turnPreview } from './summary';
import { ratingsDescription, ratingView, sessionRatings, type SessionRating } from './ratingNodes';

// The Current Session tree of the Sessions sidebar as plain data: the extension adds icons and
// turns each node into a TreeItem, so everything a node shows is testable without VS Code. Every
// figure is the session's counts (research/stats.ts), as `session-md stats` prints them; the
// session itself tells where each thing is, for a click to reveal it.

interface NodeBase {
  id: string;
  parent?: CurrentNode;
  children: CurrentNode[];
}

/** The top-level groups of the Current Session tree; Ratings only when the codebook declares rating scales or the session gives ratings. */
export type CurrentGroup = 'Goals' | 'Phases' | 'Speakers' | 'Codes' | 'Ratings';

/**
 * A node of the Current Session tree: a group, a goal and the turns that reference it, a phase, a
 * speaker, a code and the turns that carry it (a page of them, then a row for the rest) or a rating.
 */
export type CurrentNode = NodeBase &
  (
    | { kind: 'group'; title: CurrentGroup; description: string }
    | { kind: 'goal'; goal: Goal }
    | { kind: 'reference'; turn: Turn; range: Range }
    | { kind: 'phase'; phase: ModelPhaseStats; share: number; heading?: Range }
    | { kind: 'speaker'; speaker: SpeakerStats; first?: Range }
    | { kind: 'code'; code: CodeCount; first?: Range }
    | { kind: 'segment'; turn: Turn; phase: string | null }
    | { kind: 'more'; hidden: number; next: Range }
    | { kind: 'rating'; rating: SessionRating; shown: ReturnType<typeof ratingView> }
  );

/** The counts of a phase of the model (not the turns outside every phase). */
export type ModelPhaseStats = PhaseStats & { status: PhaseStatus };

/** What a node shows: its label, description and tooltip, whether and how it folds, and the range a click reveals. */
export interface CurrentNodeView {
  label: string;
  description?: string;
  tooltip?: string | Markdown;
  fold: 'none' | 'expanded' | 'collapsed';
  reveal?: Range;
}

/** Builds the top-level groups (Goals, Phases, Speakers, Codes, then Ratings when there are any) of a session from its counts, with their children and parent links. */
export function buildCurrentNodes(stats: SessionStats, session: Session, codebook?: Codebook): CurrentNode[] {
  const { present, total } = phaseCompleteness(stats);
  const goals = session.frontMatter?.goals ?? [];
  const roots = [
    groupNode('Goals', String(goals.length)),
    groupNode('Phases', `${present}/${total}`),
    groupNode('Speakers', `${stats.turns} turns`),
    groupNode('Codes', String(stats.codes.reduce((n, c) => n + c.count, 0))),
  ];
  const adopt = (parent: CurrentNode, child: CurrentNode): void => {
    child.parent = parent;
    parent.children.push(child);
  };
  const references = goalReferences(session);
  goals.forEach((goal, i) => {
    const node: CurrentNode = { kind: 'goal', id: `goal:${i}:${goal.id}`, goal, children: [] };
    adopt(roots[0]!, node);
    for (const ref of references.get(goal.id) ?? [])
      adopt(node, { kind: 'reference', id: `${node.id}@${ref.range.start.offset}`, turn: ref.turn, range: ref.range, children: [] });
  });
  stats.phases.filter(isModelPhase).forEach((phase, i) => {
    const heading = session.sections.find((s) => s.phaseIndex === i)?.headingRange;
    adopt(roots[1]!, { kind: 'phase', id: `phase:${i}`, phase, share: share(phase.turns, stats.turns), ...(heading ? { heading } : {}), children: [] });
  });
  for (const speaker of stats.speakers) {
    const first = session.turns.find((t) => t.label === speaker.label)?.labelRange;
    adopt(roots[2]!, { kind: 'speaker', id: `speaker:${speaker.label}`, speaker, ...(first ? { first } : {}), children: [] });
  }
  const coded = codedTurns(session);
  for (const code of stats.codes) {
    const first = firstCode(session, code.id);
    const node: CurrentNode = { kind: 'code', id: `code:${code.id}`, code, ...(first ? { first } : {}), children: [] };
    adopt(roots[3]!, node);
    const turns = coded.get(code.id) ?? [];
    for (const turn of turns.slice(0, SEGMENT_PAGE))
      adopt(node, { kind: 'segment', id: `${node.id}@${turn.index}`, turn, phase: turnPhase(session, turn), children: [] });
    if (turns.length > SEGMENT_PAGE)
      adopt(node, { kind: 'more', id: `${node.id}@more`, hidden: turns.length - SEGMENT_PAGE, next: turns[SEGMENT_PAGE]!.range, children: [] });
  }
  const ratings = sessionRatings(session, codebook);
  if (ratings.length > 0) {
    const group = groupNode('Ratings', ratingsDescription(ratings));
    roots.push(group);
    for (const rating of ratings)
      adopt(group, { kind: 'rating', id: `rating:${rating.id}`, rating, shown: ratingView(rating, session, codebook), children: [] });
  }
  return roots;
}

function groupNode(title: CurrentGroup, description: string): CurrentNode {
  return { kind: 'group', id: title, title, description, children: [] };
}

/** What a node of the Current Session tree shows. */
export function currentNodeView(node: CurrentNode): CurrentNodeView {
  const view: CurrentNodeView = { label: label(node), fold: node.children.length === 0 ? 'none' : node.kind === 'group' ? 'expanded' : 'collapsed' };
  const reveal = revealed(node);
  if (reveal) view.reveal = reveal;
  switch (node.kind) {
    case 'group':
      return { ...view, description: node.description };
    case 'goal':
      return { ...view, description: node.goal.text, tooltip: goalTooltip(node.goal, node.children.length) };
    case 'reference':
      return { ...view, tooltip: `Turn ${node.turn.index} (${node.turn.label}): ${node.turn.text}` };
    case 'phase':
      return { ...view, description: phaseDescription(node.phase, node.share) };
    case 'speaker':
      return {
        ...view,
        description: node.speaker.role ?? 'undeclared',
        tooltip: `${node.speaker.label}: ${node.speaker.turns} turns, ${node.speaker.words} words`,
      };
    case 'code':
      return { ...view, description: node.code.label ?? '' };
    case 'segment':
      return {
        ...view,
        description: `${escapeControls(node.phase ?? 'before the first phase')} · turn ${node.turn.index}`,
        tooltip: `Turn ${node.turn.index} (${node.turn.label}): ${excerpt(node.turn.text, TOOLTIP_EXCERPT)}`,
      };
    case 'more':
      return { ...view, description: 'the Coded Segments view lists them all' };
    case 'rating':
      return { ...view, description: node.shown.description, tooltip: node.shown.tooltip };
  }
}

/** Describes a phase with its share of the session's turns, e.g. `14 turns · 23%`, `missing`, or `out of order · 3 turns · 5%`. */
export function phaseDescription(phase: Pick<ModelPhaseStats, 'status' | 'turns'>, turnShare: number): string {
  if (phase.status === 'missing') return 'missing';
  const counts = `${phase.turns} turn${phase.turns === 1 ? '' : 's'} · ${formatShare(turnShare)}`;
  return phase.status === 'out-of-order' ? `out of order · ${counts}` : counts;
}

function label(node: CurrentNode): string {
  switch (node.kind) {
    case 'group':
      return node.title;
    case 'goal':
      return node.goal.id;
    case 'reference':
      return turnPreview(node.turn);
    case 'phase':
      return node.phase.phase;
    case 'speaker':
      return `${node.speaker.label} — ${formatShare(node.speaker.turnShare)} of turns, ${formatShare(node.speaker.wordShare)} of words`;
    case 'code':
      return `${node.code.id} × ${node.code.count}`;
    case 'segment':
      return turnLabel(node.turn);
    case 'more':
      return `${node.hidden} more…`;
    case 'rating':
      return node.shown.label;
  }
}

function revealed(node: CurrentNode): Range | undefined {
  switch (node.kind) {
    case 'goal':
      return node.goal.idRange;
    case 'reference':
      return node.range;
    case 'phase':
      return node.heading;
    case 'speaker':
    case 'code':
      return node.first;
    case 'rating':
      return node.shown.reveal;
    case 'segment':
      return node.turn.range;
    case 'more':
      return node.next;
    default:
      return undefined;
  }
}

function goalTooltip(goal: Goal, references: number): Markdown {
  return markdown`**${markdownCode(goal.id)}** (${goal.status})\n\n${goal.text}\n\nReferenced by ${references} turn${references === 1 ? '' : 's'}.`;
}

function isModelPhase(phase: PhaseStats): phase is ModelPhaseStats {
  return phase.status !== 'outside';
}

// Each goal id's references with `{#id}`, in document order, in one pass over the turns.
function goalReferences(session: Session): Map<string, { turn: Turn; range: Range }[]> {
  const references = new Map<string, { turn: Turn; range: Range }[]>();
  for (const turn of session.turns) {
    for (const goal of turn.goals) {
      const list = references.get(goal.id);
      if (list) list.push({ turn, range: goal.range });
      else references.set(goal.id, [{ turn, range: goal.range }]);
    }
  }
  return references;
}

// Each code's turns, in document order, each turn once per code, in one pass over the turns.
function codedTurns(session: Session): Map<string, Turn[]> {
  const turns = new Map<string, Turn[]>();
  for (const turn of session.turns) {
    for (const id of new Set(turn.codes.map((c) => c.id))) {
      const list = turns.get(id);
      if (list) list.push(turn);
      else turns.set(id, [turn]);
    }
  }
  return turns;
}

// The phase of a turn as the export's `phase` column gives it: the phase its heading names, else the heading's title.
function turnPhase(session: Session, turn: Turn): string | null {
  const section = session.sections[turn.sectionIndex];
  return section ? (section.phase?.name ?? section.title) : null;
}

function firstCode(session: Session, id: string): Range | undefined {
  for (const turn of session.turns) for (const code of turn.codes) if (code.id === id) return code.range;
  return undefined;
}
