import * as vscode from 'vscode';

/** The fold state of a tree row, by the core's name for it. */
export const FOLD = {
  none: vscode.TreeItemCollapsibleState.None,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
} as const;
