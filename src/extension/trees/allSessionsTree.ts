import * as vscode from 'vscode';
import {
  buildAllSessionsNodes,
  groupDescription,
  groupOutOfOrder,
  groupTooltip,
  NO_CLIENT,
  sessionDescription,
  sessionLabel,
  sessionTooltip,
  type AllSessionsNode as Node,
} from '../../core';
import { toMarkdownString } from '../markdown';
import type { SessionAnalysis } from '../sessionStore';
import type { SessionWorkspace } from '../workspace';
import { countsOf } from '../sessionCounts';

export const ALL_SESSIONS_VIEW = 'sessionMarkdown.allSessions';
export const REFRESH_ALL_SESSIONS_COMMAND = 'sessionMarkdown.refreshAllSessions';

/** A node of the All Sessions tree: a client or course, or one session under it. */
export type AllSessionsNode = Node<SessionAnalysis>;

/** The file name of a uri, e.g. `04-sleep-window.session.md`. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The TreeItem of an All Sessions node; a session opens its file when clicked. */
export function allSessionsTreeItem(node: AllSessionsNode): vscode.TreeItem {
  if (node.kind === 'group') {
    const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${node.group}`;
    item.description = groupDescription(node);
    item.tooltip = toMarkdownString(groupTooltip(node));
    // A course with a session out of order is marked on the group too, in the warning colour.
    const color = groupOutOfOrder(node) ? new vscode.ThemeColor('list.warningForeground') : undefined;
    item.iconPath = new vscode.ThemeIcon(node.group === NO_CLIENT ? 'question' : 'account', color);
    item.contextValue = 'sessionGroup';
    return item;
  }
  const { uri } = node.analysis;
  const stats = countsOf(node.analysis);
  const item = new vscode.TreeItem(sessionLabel(node), vscode.TreeItemCollapsibleState.None);
  item.id = uri.toString();
  item.resourceUri = uri;
  item.description = sessionDescription(node.analysis, stats, node.course);
  item.tooltip = toMarkdownString(sessionTooltip(node, vscode.workspace.asRelativePath(uri), stats));
  const errors = node.analysis.findings.some((f) => f.severity === 'error');
  item.iconPath = errors
    ? new vscode.ThemeIcon('comment-discussion', new vscode.ThemeColor('problemsErrorIcon.foreground'))
    : new vscode.ThemeIcon('comment-discussion');
  item.command = { command: 'vscode.open', title: 'Open Session', arguments: [uri] };
  item.contextValue = 'session';
  return item;
}

/** The All Sessions view: every workspace transcript, grouped by client or course, as the workspace lists them. */
export class AllSessionsTree implements vscode.TreeDataProvider<AllSessionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AllSessionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<AllSessionsNode>;
  private readonly disposables: vscode.Disposable[];
  private roots: AllSessionsNode[] = [];
  private listed: Promise<unknown> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly workspace: SessionWorkspace) {
    this.view = vscode.window.createTreeView(ALL_SESSIONS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.changed,
      workspace.store.onDidAnalyse((analysis) => workspace.isWorkspaceTranscript(analysis.uri) && this.schedule()),
      workspace.store.onDidForget(() => this.schedule()),
      workspace.onDidChangeTranscripts(() => this.schedule(0)),
    ];
  }

  getTreeItem(node: AllSessionsNode): vscode.TreeItem {
    return allSessionsTreeItem(node);
  }

  getChildren(node?: AllSessionsNode): AllSessionsNode[] | Promise<AllSessionsNode[]> {
    if (node) return node.kind === 'group' ? node.children : [];
    // The first time the view shows: once the workspace was scanned (after the open transcripts).
    if (!this.listed) return (this.listed = this.withProgress(this.workspace.listed())).then(() => this.rebuild());
    return this.roots;
  }

  getParent(node: AllSessionsNode): AllSessionsNode | undefined {
    return node.kind === 'session' ? node.parent : undefined;
  }

  /** Scans the workspace again; the store forgets the files that are gone. */
  async refresh(): Promise<void> {
    this.listed = this.withProgress(this.workspace.scan());
    await this.listed;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private withProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: ALL_SESSIONS_VIEW } }, () => work));
  }

  private rebuild(): AllSessionsNode[] {
    this.roots = buildAllSessionsNodes(this.workspace.transcripts().map((analysis) => ({ analysis, name: fileName(analysis.uri) })));
    return this.roots;
  }

  /** Rebuilds at most every 200 ms: a workspace scan or fast typing sends many analyses. */
  private schedule(delay = 200): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
      this.changed.fire(undefined);
    }, delay);
  }
}

/** Creates the All Sessions view and its refresh command; disposables join `context.subscriptions`. */
export function registerAllSessionsTree(context: vscode.ExtensionContext, workspace: SessionWorkspace): AllSessionsTree {
  const tree = new AllSessionsTree(workspace);
  context.subscriptions.push(
    tree,
    vscode.commands.registerCommand(REFRESH_ALL_SESSIONS_COMMAND, () => tree.refresh()),
  );
  return tree;
}
