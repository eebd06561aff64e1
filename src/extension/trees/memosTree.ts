import * as vscode from 'vscode';
import { buildMemosNodes, collectMemos, memosChildren, memosView, MEMO_PAGE, type MemoGrouping, type MemosNode } from '../../core';
import { toMarkdownString } from '../markdown';
import { toVsRange } from '../positions';
import type { SessionWorkspace } from '../workspace';
import { REVEAL_RANGE_COMMAND } from './currentSessionTree';
import { workspaceInputs } from './workspaceInputs';

export const MEMOS_VIEW = 'sessionMarkdown.memos';
export const GROUP_MEMOS_BY_CODE_COMMAND = 'sessionMarkdown.groupMemosByCode';
export const GROUP_MEMOS_BY_SESSION_COMMAND = 'sessionMarkdown.groupMemosBySession';
export const SHOW_MORE_MEMOS_COMMAND = 'sessionMarkdown.showMoreMemos';
/** Set while the Memos view groups by code: its title bar then offers grouping by session, and the other way round. */
const BY_CODE_CONTEXT = 'sessionMarkdown.memosByCode';

const FOLD = {
  none: vscode.TreeItemCollapsibleState.None,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
} as const;

/** The TreeItem of a Memos row; a memo opens in its file, a "more" row shows the next page. */
export function memosTreeItem(node: MemosNode): vscode.TreeItem {
  const view = memosView(node);
  const item = new vscode.TreeItem(view.label, FOLD[view.fold]);
  item.id = node.id;
  item.contextValue = `memos.${node.kind}`;
  item.iconPath = new vscode.ThemeIcon(
    node.kind === 'memo' ? 'note' : node.kind === 'more' ? 'ellipsis' : node.grouping === 'code' ? 'tag' : 'comment-discussion',
  );
  if (view.description !== undefined) item.description = view.description;
  if (view.tooltip) item.tooltip = toMarkdownString(view.tooltip);
  if (view.reveal)
    item.command = { command: REVEAL_RANGE_COMMAND, title: 'Open Memo', arguments: [vscode.Uri.parse(view.reveal.file), toVsRange(view.reveal.range)] };
  if (node.kind === 'more') item.command = { command: SHOW_MORE_MEMOS_COMMAND, title: 'Show More', arguments: [node.group.id] };
  return item;
}

/** The Memos view: every memo of the workspace's sessions, grouped by session or by the codes of the turn it follows; live as files change. */
export class MemosTree implements vscode.TreeDataProvider<MemosNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MemosNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<MemosNode>;
  private readonly disposables: vscode.Disposable[];
  private roots: MemosNode[] = [];
  private by: MemoGrouping = 'session';
  private readonly pages = new Map<string, number>();
  private listed: Promise<unknown> | undefined;
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  // How long the last rebuild took, in milliseconds.
  private lastCost = 0;

  constructor(private readonly workspace: SessionWorkspace) {
    this.view = vscode.window.createTreeView(MEMOS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.changed,
      workspace.store.onDidAnalyse((analysis) => workspace.isWorkspaceTranscript(analysis.uri) && this.schedule()),
      workspace.store.onDidForget(() => this.schedule()),
      workspace.onDidChangeTranscripts(() => this.schedule()),
      this.view.onDidChangeVisibility(({ visible }) => visible && this.stale && this.schedule(0)),
    ];
    void vscode.commands.executeCommand('setContext', BY_CODE_CONTEXT, false);
  }

  /** How the memos are grouped now. */
  get grouping(): MemoGrouping {
    return this.by;
  }

  getTreeItem(node: MemosNode): vscode.TreeItem {
    return memosTreeItem(node);
  }

  getChildren(node?: MemosNode): MemosNode[] | Promise<MemosNode[]> {
    if (node) return memosChildren(node, this.pages.get(node.id) ?? MEMO_PAGE);
    if (!this.listed) return (this.listed = this.workspace.listed()).then(() => this.rebuild());
    return this.roots;
  }

  /** Groups the memos by session or by code. */
  groupBy(grouping: MemoGrouping): void {
    this.by = grouping;
    this.pages.clear();
    void vscode.commands.executeCommand('setContext', BY_CODE_CONTEXT, grouping === 'code');
    this.rebuild();
    this.changed.fire(undefined);
  }

  /** Shows the next page of a group's memos. */
  showMore(groupRowId: string): void {
    this.pages.set(groupRowId, (this.pages.get(groupRowId) ?? MEMO_PAGE) + MEMO_PAGE);
    this.changed.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private rebuild(): MemosNode[] {
    this.stale = false;
    const memos = collectMemos(workspaceInputs(this.workspace));
    this.roots = buildMemosNodes(memos, this.by);
    this.view.description = this.by === 'code' ? 'by code' : 'by session';
    this.view.message = memos.length === 0 ? 'No memos in the workspace yet: write one as a quote starting "> Memo:" after a turn.' : undefined;
    return this.roots;
  }

  private schedule(delay = 300): void {
    if (!this.listed) return;
    if (!this.view.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) return;
    // A large workspace takes long to gather again: it waits five times as long, so that typing stays fluid.
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

/** Creates the Memos view and its grouping commands; disposables join `context.subscriptions`. */
export function registerMemosTree(context: vscode.ExtensionContext, workspace: SessionWorkspace): MemosTree {
  const tree = new MemosTree(workspace);
  context.subscriptions.push(
    tree,
    vscode.commands.registerCommand(GROUP_MEMOS_BY_CODE_COMMAND, () => tree.groupBy('code')),
    vscode.commands.registerCommand(GROUP_MEMOS_BY_SESSION_COMMAND, () => tree.groupBy('session')),
    vscode.commands.registerCommand(SHOW_MORE_MEMOS_COMMAND, (id: unknown) => typeof id === 'string' && tree.showMore(id)),
  );
  return tree;
}
