import * as vscode from 'vscode';
import { buildCurrentNodes, currentNodeView, type CurrentNode, type GoalStatus, type PhaseStatus, type Turn } from '../../core';
import { isSession } from '../documents';
import { toMarkdownString } from '../markdown';
import { toVsRange } from '../positions';
import { FOLD } from './fold';
import { countsOf } from '../sessionCounts';
import type { SessionAnalysis, SessionStore } from '../sessionStore';

export const CURRENT_SESSION_VIEW = 'sessionMarkdown.currentSession';
export const REVEAL_RANGE_COMMAND = 'sessionMarkdown.revealRange';

const GOAL_ICON: Record<GoalStatus, vscode.ThemeIcon> = {
  open: new vscode.ThemeIcon('circle-large-outline'),
  'in-progress': new vscode.ThemeIcon('sync'),
  achieved: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  dropped: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};
const GROUP_ICON = { Goals: 'target', Phases: 'list-ordered', Speakers: 'comment-discussion', Codes: 'tag', Ratings: 'star-half' } as const;
const WARNING = new vscode.ThemeColor('problemsWarningIcon.foreground');
const PHASE_ICON: Record<PhaseStatus, vscode.ThemeIcon> = {
  present: new vscode.ThemeIcon('pass'),
  missing: new vscode.ThemeIcon('circle-slash', WARNING),
  'out-of-order': new vscode.ThemeIcon('arrow-swap', WARNING),
};
const ROLE_ICON = { therapist: 'person', client: 'account', other: 'organization' } as const;
const RATING_ICON = {
  rated: new vscode.ThemeIcon('star-full'),
  missing: new vscode.ThemeIcon('star-empty'),
  invalid: new vscode.ThemeIcon('warning', WARNING),
  unknown: new vscode.ThemeIcon('question', WARNING),
} as const;

/** The TreeItem shown for a node; clicking it reveals the node's range in the session `uri`. */
export function currentTreeItem(node: CurrentNode, uri: vscode.Uri | undefined): vscode.TreeItem {
  const view = currentNodeView(node);
  const item = new vscode.TreeItem(view.label, FOLD[view.fold]);
  item.id = node.id;
  item.contextValue = node.kind;
  if (view.reveal && uri) item.command = { command: REVEAL_RANGE_COMMAND, title: 'Reveal', arguments: [uri, toVsRange(view.reveal)] };
  if (view.description !== undefined) item.description = view.description;
  if (view.tooltip !== undefined) item.tooltip = typeof view.tooltip === 'string' ? view.tooltip : toMarkdownString(view.tooltip);
  item.iconPath = iconOf(node);
  return item;
}

function iconOf(node: CurrentNode): vscode.ThemeIcon {
  switch (node.kind) {
    case 'group':
      return new vscode.ThemeIcon(GROUP_ICON[node.title]);
    case 'goal':
      return GOAL_ICON[node.goal.status];
    case 'reference':
      return new vscode.ThemeIcon('comment');
    case 'phase':
      return PHASE_ICON[node.phase.status];
    case 'speaker':
      return new vscode.ThemeIcon(node.speaker.role ? ROLE_ICON[node.speaker.role] : 'question');
    case 'code':
      return new vscode.ThemeIcon('tag');
    case 'segment':
      return new vscode.ThemeIcon('comment');
    case 'more':
      return new vscode.ThemeIcon('ellipsis');
    case 'rating':
      return RATING_ICON[node.rating.status];
  }
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
    // Until the store brings the analysis of the current version, the last one shows.
    const document = editor.document;
    this.show(document, this.store.request(document) ?? this.store.peek(document.uri));
  }

  private onAnalysis(analysis: SessionAnalysis): void {
    if (analysis === this.analysis || !this.document || analysis.uri.toString() !== this.document.uri.toString()) return;
    if (this.analysis && analysis.version !== -1 && analysis.version < this.analysis.version) return;
    this.show(this.document, analysis);
  }

  private show(document: vscode.TextDocument | undefined, analysis: SessionAnalysis | undefined): void {
    this.document = document;
    this.analysis = analysis;
    const stats = analysis && countsOf(analysis);
    this.roots = stats ? buildCurrentNodes(stats, analysis.linted!.session, analysis.codebook) : [];
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
