import * as vscode from 'vscode';
import { formatShare, markdown, markdownCode, phaseCompleteness, summariseSession, turnPreview, type GoalStatus, type GoalSummary, type PhaseSummary, type Range, type Session, type SessionSummary, type SpeakerSummary, type Turn } from '../../core';
import { isSession } from '../diagnostics';
import { toMarkdownString } from '../markdown';
import { toVsRange } from '../positions';
import type { SessionAnalysis, SessionStore } from '../sessionStore';

export const CURRENT_SESSION_VIEW = 'sessionMarkdown.currentSession';
export const REVEAL_RANGE_COMMAND = 'sessionMarkdown.revealRange';

interface NodeBase {
  id: string;
  parent?: CurrentNode;
  children: CurrentNode[];
}

/** A node of the Current Session tree: plain data; `currentTreeItem` turns it into a TreeItem. */
export type CurrentNode = NodeBase &
  (
    | { kind: 'group'; title: 'Goals' | 'Phases' | 'Speakers' | 'Codes'; description: string }
    | { kind: 'goal'; goal: GoalSummary }
    | { kind: 'reference'; turn: Turn; range: Range }
    | { kind: 'phase'; phase: PhaseSummary }
    | { kind: 'speaker'; speaker: SpeakerSummary; first?: Range }
    | { kind: 'code'; code: SessionSummary['codes'][number]; first?: Range }
  );

const summaries = new WeakMap<SessionAnalysis, SessionSummary>();

/** The summary of an analysed session, computed once per analysis. */
export function summaryOf(analysis: SessionAnalysis): SessionSummary | undefined {
  if (!analysis.linted) return undefined;
  let summary = summaries.get(analysis);
  if (!summary) summaries.set(analysis, (summary = summariseSession(analysis.linted.session, analysis.codebook)));
  return summary;
}

/** Builds the four top-level groups (Goals, Phases, Speakers, Codes) with their children and parent links. */
export function buildCurrentNodes(summary: SessionSummary, session: Session): CurrentNode[] {
  const group = (title: 'Goals' | 'Phases' | 'Speakers' | 'Codes', description: string): CurrentNode => ({ kind: 'group', id: title, title, description, children: [] });
  const { present, total } = phaseCompleteness(summary);
  const roots = [
    group('Goals', String(summary.goals.length)),
    group('Phases', `${present}/${total}`),
    group('Speakers', `${summary.turns} turns`),
    group('Codes', String(summary.codes.reduce((n, c) => n + c.count, 0))),
  ];
  const adopt = (parent: CurrentNode, child: CurrentNode): void => {
    child.parent = parent;
    parent.children.push(child);
  };
  summary.goals.forEach((goal, i) => {
    const node: CurrentNode = { kind: 'goal', id: `goal:${i}:${goal.goal.id}`, goal, children: [] };
    adopt(roots[0]!, node);
    for (const ref of goal.references) adopt(node, { kind: 'reference', id: `${node.id}@${ref.range.start.offset}`, turn: ref.turn, range: ref.range, children: [] });
  });
  summary.phases.forEach((phase, i) => adopt(roots[1]!, { kind: 'phase', id: `phase:${i}`, phase, children: [] }));
  for (const speaker of summary.speakers) {
    const first = session.turns.find((t) => t.label === speaker.label)?.labelRange;
    adopt(roots[2]!, { kind: 'speaker', id: `speaker:${speaker.label}`, speaker, ...(first ? { first } : {}), children: [] });
  }
  for (const code of summary.codes) {
    const first = firstCode(session, code.id);
    adopt(roots[3]!, { kind: 'code', id: `code:${code.id}`, code, ...(first ? { first } : {}), children: [] });
  }
  return roots;
}

function firstCode(session: Session, id: string): Range | undefined {
  for (const turn of session.turns) for (const code of turn.codes) if (code.id === id) return code.range;
  return undefined;
}

const GOAL_ICON: Record<GoalStatus, vscode.ThemeIcon> = {
  open: new vscode.ThemeIcon('circle-large-outline'),
  'in-progress': new vscode.ThemeIcon('sync'),
  achieved: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  dropped: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};
const GROUP_ICON = { Goals: 'target', Phases: 'list-ordered', Speakers: 'comment-discussion', Codes: 'tag' } as const;
const WARNING = new vscode.ThemeColor('problemsWarningIcon.foreground');
const PHASE_ICON: Record<PhaseSummary['status'], vscode.ThemeIcon> = {
  present: new vscode.ThemeIcon('pass'),
  missing: new vscode.ThemeIcon('circle-slash', WARNING),
  'out-of-order': new vscode.ThemeIcon('arrow-swap', WARNING),
};
const ROLE_ICON = { therapist: 'person', client: 'account', other: 'organization' } as const;

/** The TreeItem shown for a node; clicking it reveals `range` in the session `uri`. */
export function currentTreeItem(node: CurrentNode, uri: vscode.Uri | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(label(node), collapsible(node));
  item.id = node.id;
  item.contextValue = node.kind;
  const at = rangeOf(node);
  if (at && uri) item.command = { command: REVEAL_RANGE_COMMAND, title: 'Reveal', arguments: [uri, toVsRange(at)] };
  switch (node.kind) {
    case 'group':
      return Object.assign(item, { description: node.description, iconPath: new vscode.ThemeIcon(GROUP_ICON[node.title]) });
    case 'goal':
      return Object.assign(item, { description: node.goal.goal.text, iconPath: GOAL_ICON[node.goal.status], tooltip: goalTooltip(node.goal) });
    case 'reference':
      return Object.assign(item, { iconPath: new vscode.ThemeIcon('comment'), tooltip: `Turn ${node.turn.index} (${node.turn.label}): ${node.turn.text}` });
    case 'phase':
      return Object.assign(item, { description: phaseDescription(node.phase), iconPath: PHASE_ICON[node.phase.status] });
    case 'speaker':
      return Object.assign(item, {
        description: node.speaker.role ?? 'undeclared',
        iconPath: new vscode.ThemeIcon(node.speaker.role ? ROLE_ICON[node.speaker.role] : 'question'),
        tooltip: `${node.speaker.label}: ${node.speaker.turns} turns, ${node.speaker.words} words`,
      });
    case 'code':
      return Object.assign(item, { description: node.code.label ?? '', iconPath: new vscode.ThemeIcon('tag') });
  }
}

function label(node: CurrentNode): string {
  switch (node.kind) {
    case 'group':
      return node.title;
    case 'goal':
      return node.goal.goal.id;
    case 'reference':
      return turnPreview(node.turn);
    case 'phase':
      return node.phase.name;
    case 'speaker':
      return `${node.speaker.label} — ${formatShare(node.speaker.turnShare)} of turns, ${formatShare(node.speaker.wordShare)} of words`;
    case 'code':
      return `${node.code.id} × ${node.code.count}`;
  }
}

function collapsible(node: CurrentNode): vscode.TreeItemCollapsibleState {
  if (node.children.length === 0) return vscode.TreeItemCollapsibleState.None;
  return node.kind === 'group' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

function rangeOf(node: CurrentNode): Range | undefined {
  switch (node.kind) {
    case 'goal':
      return node.goal.goal.idRange;
    case 'reference':
      return node.range;
    case 'phase':
      return node.phase.headingRange;
    case 'speaker':
    case 'code':
      return node.first;
    default:
      return undefined;
  }
}

/** Describes a phase, e.g. `14 turns · 23%`, `missing`, or `out of order · 3 turns · 5%`. */
export function phaseDescription(phase: PhaseSummary): string {
  if (phase.status === 'missing') return 'missing';
  const counts = `${phase.turns} turn${phase.turns === 1 ? '' : 's'} · ${formatShare(phase.share)}`;
  return phase.status === 'out-of-order' ? `out of order · ${counts}` : counts;
}

function goalTooltip(goal: GoalSummary): vscode.MarkdownString {
  const n = goal.references.length;
  return toMarkdownString(markdown`**${markdownCode(goal.goal.id)}** (${goal.status})\n\n${goal.goal.text}\n\nReferenced by ${n} turn${n === 1 ? '' : 's'}.`);
}

/** The Current Session view: follows the active session editor and refreshes on each new analysis. */
export class CurrentSessionTree implements vscode.TreeDataProvider<CurrentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CurrentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<CurrentNode>;
  private readonly disposables: vscode.Disposable[];
  private document: vscode.TextDocument | undefined;
  private analysis: SessionAnalysis | undefined;
  private roots: CurrentNode[] = [];

  constructor(private readonly store: SessionStore) {
    this.view = vscode.window.createTreeView(CURRENT_SESSION_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidCloseTextDocument((doc) => doc === this.document && this.show(undefined, undefined)),
      store.onDidAnalyse((analysis) => this.onAnalysis(analysis)),
      store.onDidForget((uri) => uri.toString() === this.document?.uri.toString() && this.show(undefined, undefined)),
    ];
    this.follow(vscode.window.activeTextEditor);
  }

  getTreeItem(node: CurrentNode): vscode.TreeItem {
    return currentTreeItem(node, this.document?.uri);
  }

  getChildren(node?: CurrentNode): CurrentNode[] {
    return node ? node.children : this.roots;
  }

  getParent(node: CurrentNode): CurrentNode | undefined {
    return node.parent;
  }

  /** Shows `analysis` if it is not shown yet, then selects the node of `turn`: a goal reference, else its phase. */
  async revealTurn(document: vscode.TextDocument, analysis: SessionAnalysis, turn: Turn): Promise<void> {
    if (this.analysis !== analysis) this.show(document, analysis);
    const goals = this.roots[0]?.children ?? [];
    const reference = goals.flatMap((g) => g.children).find((n) => n.kind === 'reference' && n.turn.index === turn.index);
    const phaseIndex = analysis.linted?.session.sections[turn.sectionIndex]?.phaseIndex ?? -1;
    const node = reference ?? this.roots[1]?.children[phaseIndex];
    if (node) await this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor) {
      // Focus moved to a panel or a non-text editor: keep the session while it is still visible.
      if (!vscode.window.visibleTextEditors.some((e) => e.document === this.document)) this.show(undefined, undefined);
      return;
    }
    if (!isSession(editor.document)) return this.show(undefined, undefined);
    const document = editor.document;
    const cached = this.store.peek(document.uri);
    this.show(document, cached);
    if (!cached || cached.version !== document.version) void this.store.analyse(document).then((a) => this.onAnalysis(a));
  }

  private onAnalysis(analysis: SessionAnalysis): void {
    // The store's event and the awaited analysis can bring the same result: build the tree once.
    if (analysis === this.analysis || !this.document || analysis.uri.toString() !== this.document.uri.toString()) return;
    if (this.analysis && analysis.version !== -1 && analysis.version < this.analysis.version) return;
    this.show(this.document, analysis);
  }

  private show(document: vscode.TextDocument | undefined, analysis: SessionAnalysis | undefined): void {
    this.document = document;
    this.analysis = analysis;
    const summary = analysis && summaryOf(analysis);
    this.roots = summary ? buildCurrentNodes(summary, analysis.linted!.session) : [];
    this.view.description = document ? document.uri.path.split('/').pop() : undefined;
    this.view.message = analysis?.skipped
      ? `Live analysis is off for this file (${analysis.skipped}).`
      : analysis && !analysis.linted
        ? 'This file could not be analysed; see the Problems panel.'
        : undefined;
    this.changed.fire(undefined);
  }
}

/** Creates the Current Session view; its disposables join `context.subscriptions`. */
export function registerCurrentSessionTree(context: vscode.ExtensionContext, store: SessionStore): CurrentSessionTree {
  const tree = new CurrentSessionTree(store);
  context.subscriptions.push(tree);
  return tree;
}
