import * as vscode from 'vscode';
import type { RowView } from '../../core';
import { toMarkdownString } from '../markdown';
import { toVsRange } from '../positions';
import { REVEAL_RANGE_COMMAND } from './currentSessionTree';
import { FOLD } from './fold';

/** The TreeItem of a Coded Segments or Memos row: its label, fold, description and tooltip, and a click that opens what it reveals. */
export function rowTreeItem(view: RowView, row: { id: string; contextValue: string; icon: string; openTitle: string }): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, FOLD[view.fold]);
  item.id = row.id;
  item.contextValue = row.contextValue;
  item.iconPath = new vscode.ThemeIcon(row.icon);
  if (view.description !== undefined) item.description = view.description;
  if (view.tooltip) item.tooltip = toMarkdownString(view.tooltip);
  if (view.reveal)
    item.command = { command: REVEAL_RANGE_COMMAND, title: row.openTitle, arguments: [vscode.Uri.parse(view.reveal.file), toVsRange(view.reveal.range)] };
  return item;
}
