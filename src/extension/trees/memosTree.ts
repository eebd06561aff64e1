import * as vscode from 'vscode';
import { buildMemosNodes, collectMemos, memosChildren, memosView, MEMO_PAGE, type MemoGrouping, type MemosNode } from '../../core';
import type { SessionWorkspace } from '../workspace';
import { LiveWorkspaceTree } from './liveWorkspaceTree';
import { rowTreeItem } from './rowItem';
import { workspaceInputs } from './workspaceInputs';

export const MEMOS_VIEW = 'sessionMarkdown.memos';
export const GROUP_MEMOS_BY_CODE_COMMAND = 'sessionMarkdown.groupMemosByCode';
export const GROUP_MEMOS_BY_SESSION_COMMAND = 'sessionMarkdown.groupMemosBySession';
export const SHOW_MORE_MEMOS_COMMAND = 'sessionMarkdown.showMoreMemos';
/** Set while the Memos view groups by code: its title bar then offers grouping by session, and the other way round. */
const BY_CODE_CONTEXT = 'sessionMarkdown.memosByCode';

/** The TreeItem of a Memos row; a memo opens in its file, a "more" row shows the next page. */
export function memosTreeItem(node: MemosNode): vscode.TreeItem {
  const icon = node.kind === 'memo' ? 'note' : node.kind === 'more' ? 'ellipsis' : node.grouping === 'code' ? 'tag' : 'comment-discussion';
  const item = rowTreeItem(memosView(node), { id: node.id, contextValue: `memos.${node.kind}`, icon, openTitle: 'Open Memo' });
  if (node.kind === 'more') item.command = { command: SHOW_MORE_MEMOS_COMMAND, title: 'Show More', arguments: [node.group.id] };
  return item;
}

/** The Memos view: every memo of the workspace's sessions, grouped by session or by the codes of the turn it follows; live as files change. */
export class MemosTree extends LiveWorkspaceTree<MemosNode> {
  private by: MemoGrouping = 'session';

  constructor(workspace: SessionWorkspace) {
    super(MEMOS_VIEW, workspace, MEMO_PAGE);
    void vscode.commands.executeCommand('setContext', BY_CODE_CONTEXT, false);
  }

  /** How the memos are grouped now. */
  get grouping(): MemoGrouping {
    return this.by;
  }

  getTreeItem(node: MemosNode): vscode.TreeItem {
    return memosTreeItem(node);
  }

  /** Groups the memos by session or by code. */
  groupBy(grouping: MemoGrouping): void {
    this.by = grouping;
    void vscode.commands.executeCommand('setContext', BY_CODE_CONTEXT, grouping === 'code');
    this.refreshNow();
  }

  protected childrenOf(node: MemosNode, shown: number): MemosNode[] {
    return memosChildren(node, shown);
  }

  protected gather(): MemosNode[] {
    const memos = collectMemos(workspaceInputs(this.workspace));
    this.view.description = this.by === 'code' ? 'by code' : 'by session';
    this.view.message = memos.length === 0 ? 'No memos in the workspace yet: write one as a quote starting "> Memo:" after a turn.' : undefined;
    return buildMemosNodes(memos, this.by);
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
