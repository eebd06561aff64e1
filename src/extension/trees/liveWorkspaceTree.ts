import * as vscode from 'vscode';
import type { SessionWorkspace } from '../workspace';

/**
 * A view over every transcript of the workspace that follows the store as files change. A scan or
 * fast typing sends many analyses, so it rebuilds only while visible, at most every 300 ms, and
 * five times as long as its last rebuild took in a workspace that takes long to gather; a hidden
 * view only notes that it is out of date. Its groups show their rows a page at a time.
 */
export abstract class LiveWorkspaceTree<Node extends { id: string }> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  protected roots: Node[] = [];
  // How many rows each group shows, by row id, after "more" was clicked.
  protected readonly pages = new Map<string, number>();
  private readonly disposables: vscode.Disposable[];
  private listed: Promise<unknown> | undefined;
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  // How long the last rebuild took, in milliseconds.
  private lastCost = 0;

  constructor(
    viewId: string,
    protected readonly workspace: SessionWorkspace,
    private readonly pageSize: number,
  ) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.changed,
      workspace.store.onDidAnalyse((analysis) => workspace.isWorkspaceTranscript(analysis.uri) && this.schedule()),
      workspace.store.onDidForget(() => this.schedule()),
      workspace.onDidChangeTranscripts(() => this.schedule()),
      this.view.onDidChangeVisibility(({ visible }) => visible && this.stale && this.schedule(0)),
    ];
  }

  abstract getTreeItem(node: Node): vscode.TreeItem;

  /** The rows under `node`, `shown` of its items at most. */
  protected abstract childrenOf(node: Node, shown: number): Node[];

  /** Gathers the workspace's transcripts again and returns the top rows, setting the view's description and message. */
  protected abstract gather(): Node[];

  getChildren(node?: Node): Node[] | Promise<Node[]> {
    if (node) return this.childrenOf(node, this.pages.get(node.id) ?? this.pageSize);
    // The first time the view shows: once the workspace was scanned (after the open transcripts).
    if (!this.listed) return (this.listed = this.workspace.listed()).then(() => this.rebuild());
    return this.roots;
  }

  /** Shows the next page of a group's rows. */
  showMore(rowId: string): void {
    this.pages.set(rowId, (this.pages.get(rowId) ?? this.pageSize) + this.pageSize);
    this.changed.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Rebuilds at once, back at the first page of every group, after the user changed what the view shows. */
  protected refreshNow(): void {
    this.pages.clear();
    this.rebuild();
    this.changed.fire(undefined);
  }

  private rebuild(): Node[] {
    this.stale = false;
    return (this.roots = this.gather());
  }

  private schedule(delay = 300): void {
    if (!this.listed) return;
    if (!this.view.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const started = performance.now();
        this.rebuild();
        this.lastCost = performance.now() - started;
        this.changed.fire(undefined);
      },
      delay === 0 ? 0 : Math.max(delay, 5 * this.lastCost),
    );
  }
}
