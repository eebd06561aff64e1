import * as vscode from 'vscode';
import {
  buildCodedSegmentsNodes,
  codedSegmentsChildren,
  codedSegmentsView,
  codedTurns,
  findSegments,
  parseTurnQuery,
  SEGMENT_PAGE,
  type Codebook,
  type CodedSegmentsNode,
  type SegmentMatch,
  type TurnCondition,
} from '../../core';
import { exportSegments, type SegmentExportOptions } from '../segmentExport';
import type { SessionWorkspace } from '../workspace';
import { LiveWorkspaceTree } from './liveWorkspaceTree';
import { rowTreeItem } from './rowItem';
import { workspaceInputs } from './workspaceInputs';

export const CODED_SEGMENTS_VIEW = 'sessionMarkdown.codedSegments';
export const FILTER_SEGMENTS_COMMAND = 'sessionMarkdown.filterCodedSegments';
export const CLEAR_SEGMENTS_FILTER_COMMAND = 'sessionMarkdown.clearCodedSegmentsFilter';
export const SHOW_MORE_SEGMENTS_COMMAND = 'sessionMarkdown.showMoreCodedSegments';
export const EXPORT_SEGMENTS_COMMAND = 'sessionMarkdown.exportCodedSegments';
/** Set while the Coded Segments view is filtered: its title bar then offers Clear Filter. */
const FILTERED_CONTEXT = 'sessionMarkdown.codedSegmentsFiltered';

const ICON = { group: 'symbol-folder', code: 'tag', segment: 'comment', more: 'ellipsis' } as const;

/** The TreeItem of a Coded Segments row; a turn opens in its file, a "more" row shows the next page. */
export function codedSegmentsTreeItem(node: CodedSegmentsNode): vscode.TreeItem {
  const item = rowTreeItem(codedSegmentsView(node), { id: node.id, contextValue: `codedSegments.${node.kind}`, icon: ICON[node.kind], openTitle: 'Open Turn' });
  if (node.kind === 'more') item.command = { command: SHOW_MORE_SEGMENTS_COMMAND, title: 'Show More', arguments: [node.code.id] };
  return item;
}

/**
 * The Coded Segments view: the codes of the workspace's sessions by group and hierarchy, each
 * with its turns, filtered by the conditions of `session-md query`. It reads the workspace's
 * analyses and rebuilds when one changes, only while it is visible, and at most every 300 ms
 * (longer in a workspace that takes long to gather).
 */
export class CodedSegmentsTree extends LiveWorkspaceTree<CodedSegmentsNode> {
  private matches: SegmentMatch[] = [];
  private query: { text: string; condition: TurnCondition } | undefined;

  constructor(workspace: SessionWorkspace) {
    super(CODED_SEGMENTS_VIEW, workspace, SEGMENT_PAGE);
  }

  /** The filter in force, as typed, or undefined. */
  get filter(): string | undefined {
    return this.query?.text;
  }

  /** The turns the view shows, as the query core found them. */
  get segments(): readonly SegmentMatch[] {
    return this.matches;
  }

  /** The groups (or codes) at the top of the view. */
  get topNodes(): readonly CodedSegmentsNode[] {
    return this.roots;
  }

  getTreeItem(node: CodedSegmentsNode): vscode.TreeItem {
    return codedSegmentsTreeItem(node);
  }

  /** Filters the view by a query (`code:reflection and phase:Middle`); empty text clears the filter. Returns the syntax error, if any. */
  setFilter(text: string): string | undefined {
    const parsed = parseFilter(text);
    if (parsed === undefined) return this.clearFilter();
    if ('error' in parsed) return parsed.error;
    this.query = { text: text.trim(), condition: parsed.condition };
    this.filterChanged();
    return undefined;
  }

  /** Shows every coded turn again. */
  clearFilter(): undefined {
    this.query = undefined;
    this.filterChanged();
    return undefined;
  }

  /** The turns under a row (a group or a code and its subtypes), or all the view shows: what Export Selection… writes. */
  selection(node?: CodedSegmentsNode): SegmentMatch[] {
    if (!node) return this.matches;
    const keys = new Set(codedTurns([node]).map((s) => `${s.file}#${s.turn.index}`));
    return this.matches.filter((m) => keys.has(`${m.file}#${m.turn.index}`));
  }

  protected childrenOf(node: CodedSegmentsNode, shown: number): CodedSegmentsNode[] {
    return codedSegmentsChildren(node, shown);
  }

  protected gather(): CodedSegmentsNode[] {
    const inputs = workspaceInputs(this.workspace);
    this.matches = findSegments(inputs, this.query?.condition).filter((m) => m.turn.codes.length > 0);
    const codebooks = [...new Set(inputs.flatMap((i) => (i.codebook ? [i.codebook] : [])))] as Codebook[];
    this.view.description = this.query?.text;
    this.view.message = this.summary();
    return buildCodedSegmentsNodes(this.matches, codebooks);
  }

  private filterChanged(): void {
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.query !== undefined);
    this.refreshNow();
  }

  private summary(): string | undefined {
    if (this.matches.length === 0) return this.query ? 'No coded turn matches the filter.' : 'No coded turns in the workspace yet.';
    if (!this.query) return undefined;
    const sessions = new Set(this.matches.map((m) => m.file)).size;
    return `${this.matches.length} coded turn${this.matches.length === 1 ? '' : 's'} in ${sessions} session${sessions === 1 ? '' : 's'} match the filter.`;
  }
}

// A filter as typed: undefined when empty, else its condition or the syntax error at its column in the typed text.
function parseFilter(text: string): { condition: TurnCondition } | { error: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let parsed: ReturnType<typeof parseTurnQuery>;
  try {
    parsed = parseTurnQuery(trimmed);
  } catch (error) {
    // The filter box must stay usable whatever is typed into it.
    return { error: `This filter cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!('error' in parsed)) return parsed;
  const column = parsed.error.column + text.length - text.trimStart().length;
  return { error: `Column ${column}: ${parsed.error.message}` };
}

/** Asks for a filter in the query syntax, checking it as it is typed; undefined when dismissed. */
export async function askFilter(current: string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Filter Coded Segments',
    prompt:
      'Conditions as session-md query takes them: code:, phase:, speaker:, role:, goal:, field=value, text:, has:memo, with and, or, not and ( ). Empty: no filter.',
    placeHolder: 'code:reflection and phase:Middle and mi_quality=high',
    value: current ?? '',
    validateInput: (text) => {
      const parsed = parseFilter(text);
      return parsed && 'error' in parsed ? parsed.error : undefined;
    },
  });
}

/**
 * Creates the Coded Segments view and its commands: Filter… (given the query text, it asks
 * nothing and returns the syntax error, if any), Clear Filter, Export Selection… (of a row, or of
 * the whole view; given options, it asks nothing) and the "more" rows' command.
 */
export function registerCodedSegmentsTree(context: vscode.ExtensionContext, workspace: SessionWorkspace): CodedSegmentsTree {
  const tree = new CodedSegmentsTree(workspace);
  context.subscriptions.push(
    tree,
    vscode.commands.registerCommand(FILTER_SEGMENTS_COMMAND, async (text?: unknown) => {
      const typed = typeof text === 'string' ? text : await askFilter(tree.filter);
      return typed === undefined ? undefined : tree.setFilter(typed);
    }),
    vscode.commands.registerCommand(CLEAR_SEGMENTS_FILTER_COMMAND, () => tree.clearFilter()),
    vscode.commands.registerCommand(SHOW_MORE_SEGMENTS_COMMAND, (id: unknown) => typeof id === 'string' && tree.showMore(id)),
    vscode.commands.registerCommand(EXPORT_SEGMENTS_COMMAND, (first?: unknown, second?: unknown) => {
      const options = [first, second].find((a): a is SegmentExportOptions => typeof a === 'object' && a !== null && 'target' in a);
      const node = typeof first === 'object' && first !== null && 'kind' in first ? (first as CodedSegmentsNode) : undefined;
      return exportSegments(tree.selection(node), options);
    }),
  );
  return tree;
}
