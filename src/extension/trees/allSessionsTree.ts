import * as vscode from 'vscode';
import { buildAllSessionsNodes, groupDescription, NO_CLIENT, sessionDescription, sessionLabel, sessionTooltip, type AllSessionsNode as Node } from '../../core';
import { toMarkdownString } from '../markdown';
import { EXCLUDE_GLOB, SESSION_GLOB } from '../globs';
import { isInEditor, isOpen, type SessionAnalysis, type SessionStore } from '../sessionStore';
import { summaryOf } from './currentSessionTree';

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
    item.iconPath = new vscode.ThemeIcon(node.group === NO_CLIENT ? 'question' : 'account');
    item.contextValue = 'sessionGroup';
    return item;
  }
  const { uri } = node.analysis;
  const summary = summaryOf(node.analysis);
  const item = new vscode.TreeItem(sessionLabel(node), vscode.TreeItemCollapsibleState.None);
  item.id = uri.toString();
  item.resourceUri = uri;
  item.description = sessionDescription(node.analysis, summary);
  item.tooltip = toMarkdownString(sessionTooltip(node, vscode.workspace.asRelativePath(uri), summary));
  const errors = node.analysis.findings.some((f) => f.severity === 'error');
  item.iconPath = errors ? new vscode.ThemeIcon('comment-discussion', new vscode.ThemeColor('problemsErrorIcon.foreground')) : new vscode.ThemeIcon('comment-discussion');
  item.command = { command: 'vscode.open', title: 'Open Session', arguments: [uri] };
  item.contextValue = 'session';
  return item;
}

/** Whether a uri is a transcript of the open workspace. */
function inWorkspace(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.session.md') && !uri.path.includes('/node_modules/') && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** The All Sessions view: every workspace transcript, grouped by client or course. */
export class AllSessionsTree implements vscode.TreeDataProvider<AllSessionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AllSessionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<AllSessionsNode>;
  private readonly entries = new Map<string, SessionAnalysis>();
  private readonly disposables: vscode.Disposable[];
  private roots: AllSessionsNode[] = [];
  private scanned: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `ready` holds the first scan back until activation has analysed the open transcripts. */
  constructor(private readonly store: SessionStore, private readonly ready: Promise<void> = Promise.resolve()) {
    this.view = vscode.window.createTreeView(ALL_SESSIONS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    const watcher = vscode.workspace.createFileSystemWatcher(SESSION_GLOB);
    this.disposables = [
      this.view,
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => inWorkspace(uri) && void store.analyseUri(uri)),
      watcher.onDidChange((uri) => this.changedOnDisk(uri)),
      // An editor that shows the transcript keeps it until its tab is closed; the store forgets it then if it is gone.
      watcher.onDidDelete((uri) => isInEditor(uri) || this.remove(uri)),
      store.onDidAnalyse((analysis) => this.update(analysis)),
      store.onDidForget((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    ];
  }

  getTreeItem(node: AllSessionsNode): vscode.TreeItem {
    return allSessionsTreeItem(node);
  }

  getChildren(node?: AllSessionsNode): AllSessionsNode[] | Promise<AllSessionsNode[]> {
    if (node) return node.kind === 'group' ? node.children : [];
    if (!this.scanned) return (this.scanned = this.scan()).then(() => this.rebuild());
    return this.roots;
  }

  getParent(node: AllSessionsNode): AllSessionsNode | undefined {
    return node.kind === 'session' ? node.parent : undefined;
  }

  /** Forgets the list and reads every workspace transcript again; the store forgets files that are gone. */
  async refresh(): Promise<void> {
    await this.store.dropMissing();
    this.entries.clear();
    this.scanned = this.scan();
    await this.scanned;
    this.schedule(0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private scan(): Promise<void> {
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: ALL_SESSIONS_VIEW } }, async () => {
        await this.ready;
        const files = await vscode.workspace.findFiles(SESSION_GLOB, EXCLUDE_GLOB);
        for (let i = 0; i < files.length; i += 8) {
          const batch = await Promise.all(files.slice(i, i + 8).map((uri) => this.store.analyseUri(uri)));
          for (const analysis of batch) if (!analysis.gone) this.entries.set(analysis.uri.toString(), analysis);
        }
      }),
    );
  }

  private rebuild(): AllSessionsNode[] {
    this.roots = buildAllSessionsNodes([...this.entries.values()].map((analysis) => ({ analysis, name: fileName(analysis.uri) })));
    return this.roots;
  }

  private update(analysis: SessionAnalysis): void {
    if (!inWorkspace(analysis.uri)) return;
    this.entries.set(analysis.uri.toString(), analysis);
    this.schedule();
  }

  private changedOnDisk(uri: vscode.Uri): void {
    const before = this.entries.get(uri.toString());
    if (!before || isOpen(uri)) return;
    // The diagnostics re-analyse changed files unless workspace linting is off; then do it here.
    setTimeout(() => {
      if (this.entries.get(uri.toString()) !== before) return;
      this.store.forget(uri);
      void this.store.analyseUri(uri);
    }, 500);
  }

  private remove(uri: vscode.Uri): void {
    if (this.entries.delete(uri.toString())) this.schedule();
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

/** Creates the All Sessions view and its refresh command; disposables join `context.subscriptions`. Its first scan waits for `ready`. */
export function registerAllSessionsTree(context: vscode.ExtensionContext, store: SessionStore, ready?: Promise<void>): AllSessionsTree {
  const tree = new AllSessionsTree(store, ready);
  context.subscriptions.push(tree, vscode.commands.registerCommand(REFRESH_ALL_SESSIONS_COMMAND, () => tree.refresh()));
  return tree;
}
