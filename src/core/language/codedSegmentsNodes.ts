import { lookupCode, type Codebook } from '../codebook/codebook';
import { escapeControls } from '../text/controls';
import { markdown, markdownCode } from '../text/markdown';
import { turnLabel, turnPlace, turnTooltip, type RowView, type TurnInSession } from './segmentText';

// The Coded Segments view of the Sessions sidebar as plain data: the codes of the codebooks in
// force, by group and hierarchy (`reflection` above `reflection.simple`), each with the turns
// that carry it across the workspace. A code's turns become nodes only when it is expanded, a
// page at a time, so a workspace of thousands of coded turns builds a few dozen rows.

/** How many turns of a code one page shows; a "more" row shows the next page. */
export const SEGMENT_PAGE = 50;

/** The group of codes no group of the codebooks lists (codes outside the codebook too). */
export const OTHER_CODES = 'Other codes';

/** A code of the tree: the turns coded with it exactly, and its subtypes. */
export interface CodeNode {
  kind: 'code';
  /** Unique in the tree: a code under two groups has two nodes. */
  id: string;
  code: string;
  /** The codebook's label, if a codebook defines the code. */
  label?: string;
  known: boolean;
  subcodes: CodeNode[];
  /** The turns coded with exactly this id, in the order of the segments given. */
  segments: TurnInSession[];
  /** Distinct turns carrying the code or a subtype of it. */
  turns: number;
}

/** A row of the Coded Segments tree: a group of codes, a code, a coded turn, or the row that shows a code's next page. */
export type CodedSegmentsNode =
  | { kind: 'group'; id: string; group: string; label: string; codes: CodeNode[]; turns: number }
  | CodeNode
  | { kind: 'segment'; id: string; code: string; segment: TurnInSession }
  | { kind: 'more'; id: string; code: CodeNode; hidden: number };

/**
 * Builds the groups of codes (or, when no codebook has groups, the codes themselves) from the
 * segments that matched, each turn under every code it carries; `codebooks` are those in force
 * in the sessions, the first defining a code or a group giving its label.
 */
export function buildCodedSegmentsNodes(
  segments: readonly TurnInSession[],
  codebooks: readonly Codebook[],
): (CodedSegmentsNode & { kind: 'group' | 'code' })[] {
  const byCode = new Map<string, TurnInSession[]>();
  for (const segment of segments) {
    const { codes } = segment.turn;
    codes.forEach(({ id }, i) => {
      // A code written twice in a turn lists the turn once.
      if (codes.findIndex((c) => c.id === id) !== i) return;
      const list = byCode.get(id);
      if (list) list.push(segment);
      else byCode.set(id, [segment]);
    });
  }
  const used = [...byCode.keys()];
  const groups = codeGroups(codebooks);
  if (groups.length === 0) return codeForest(used, byCode, codebooks, '');
  const placed = new Set<string>();
  const roots: (CodedSegmentsNode & { kind: 'group' })[] = [];
  for (const group of groups) {
    const members = used.filter((id) => lineage(id).some((a) => group.codes.has(a)));
    members.forEach((id) => placed.add(id));
    if (members.length > 0) roots.push(groupNode(group.id, group.label, codeForest(members, byCode, codebooks, `${group.id}/`)));
  }
  const others = used.filter((id) => !placed.has(id));
  if (others.length > 0) roots.push(groupNode(OTHER_CODES, OTHER_CODES, codeForest(others, byCode, codebooks, `${OTHER_CODES}/`)));
  return roots;
}

/** The children of a row: a group's codes; a code's subtypes, then its first `shown` turns and a "more" row for the rest. */
export function codedSegmentsChildren(node: CodedSegmentsNode, shown = SEGMENT_PAGE): CodedSegmentsNode[] {
  if (node.kind === 'group') return node.codes;
  if (node.kind !== 'code') return [];
  const page = node.segments.slice(0, Math.max(0, shown));
  const rows: CodedSegmentsNode[] = [
    ...node.subcodes,
    ...page.map((segment) => ({ kind: 'segment' as const, id: `${node.id}@${segment.file}#${segment.turn.index}`, code: node.code, segment })),
  ];
  const hidden = node.segments.length - page.length;
  if (hidden > 0) rows.push({ kind: 'more', id: `${node.id}@more`, code: node, hidden });
  return rows;
}

/** The distinct coded turns under some rows (the whole tree, or a code), by file and turn: what Export Selection… writes. */
export function codedTurns(roots: readonly CodedSegmentsNode[]): TurnInSession[] {
  const seen = new Map<string, TurnInSession>();
  const visit = (node: CodedSegmentsNode): void => {
    if (node.kind === 'group') node.codes.forEach(visit);
    if (node.kind !== 'code') return;
    for (const s of node.segments) seen.set(`${s.file}#${s.turn.index}`, s);
    node.subcodes.forEach(visit);
  };
  roots.forEach(visit);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.turn.index - b.turn.index));
}

/** What a row of the Coded Segments tree shows. */
export function codedSegmentsView(node: CodedSegmentsNode): RowView {
  switch (node.kind) {
    case 'group':
      return { label: escapeControls(node.label), description: turnsText(node.turns), fold: 'expanded' };
    case 'code': {
      const label = node.known ? (node.label ?? '') : 'not in the codebook';
      const tooltip = markdown`${markdownCode(node.code)}${node.label ? ` — ${node.label}` : ''}\n\n${turnsText(node.turns)}${node.known ? '' : ' · not in the codebook'}`;
      return { label: `${escapeControls(node.code)} × ${node.turns}`, description: escapeControls(label), tooltip, fold: 'collapsed' };
    }
    case 'segment':
      return {
        label: turnLabel(node.segment.turn),
        description: turnPlace(node.segment),
        tooltip: turnTooltip(node.segment),
        fold: 'none',
        reveal: { file: node.segment.file, range: node.segment.turn.range },
      };
    case 'more':
      return { label: `${node.hidden} more…`, description: `show the next ${Math.min(SEGMENT_PAGE, node.hidden)}`, fold: 'none' };
  }
}

function turnsText(turns: number): string {
  return `${turns} turn${turns === 1 ? '' : 's'}`;
}

function groupNode(id: string, label: string, codes: CodeNode[]): CodedSegmentsNode & { kind: 'group' } {
  return { kind: 'group', id: `group:${id}`, group: id, label, codes, turns: distinctTurns(codes) };
}

// The groups of every codebook, merged by id: the first gives the label, every one adds codes.
function codeGroups(codebooks: readonly Codebook[]): { id: string; label: string; codes: Set<string> }[] {
  const groups = new Map<string, { id: string; label: string; codes: Set<string> }>();
  for (const codebook of codebooks) {
    for (const group of codebook.groups) {
      const known = groups.get(group.id);
      if (known) group.codes.forEach((c) => known.codes.add(c));
      else groups.set(group.id, { id: group.id, label: group.label ?? group.id, codes: new Set(group.codes) });
    }
  }
  return [...groups.values()];
}

// `a.b.c` → `a`, `a.b`, `a.b.c`.
function lineage(id: string): string[] {
  const parts = id.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

// The used ids as trees of subtypes; a parent no turn carries itself still holds its subtypes.
function codeForest(ids: readonly string[], byCode: ReadonlyMap<string, TurnInSession[]>, codebooks: readonly Codebook[], prefix: string): CodeNode[] {
  const nodes = new Map<string, CodeNode>();
  const roots: CodeNode[] = [];
  const nodeOf = (code: string): CodeNode => {
    let node = nodes.get(code);
    if (node) return node;
    const defined = codebooks.find((c) => c.codes.has(code))?.codes.get(code);
    // A parent of defined codes is known too (lookupCode's rule), though no codebook gives it a label.
    const known = defined !== undefined || codebooks.some((c) => lookupCode(c, code) !== undefined);
    node = { kind: 'code', id: `${prefix}${code}`, code, ...(defined ? { label: defined.label } : {}), known, subcodes: [], segments: [], turns: 0 };
    nodes.set(code, node);
    const dot = code.lastIndexOf('.');
    if (dot > 0) nodeOf(code.slice(0, dot)).subcodes.push(node);
    else roots.push(node);
    return node;
  };
  for (const id of ids) nodeOf(id).segments = byCode.get(id) ?? [];
  const rank = codeRanks(codebooks);
  const order = (list: CodeNode[]): void => {
    list.sort((a, b) => rankOf(a, rank) - rankOf(b, rank) || a.code.localeCompare(b.code));
    list.forEach((n) => order(n.subcodes));
  };
  order(roots);
  for (const node of nodes.values()) node.turns = distinctTurns([node]);
  return roots;
}

// Codebook order (the order the codebook lists its codes); codes outside every codebook come last.
function codeRanks(codebooks: readonly Codebook[]): Map<string, number> {
  const rank = new Map<string, number>();
  for (const codebook of codebooks) for (const id of codebook.codes.keys()) if (!rank.has(id)) rank.set(id, rank.size);
  return rank;
}

function rankOf(node: CodeNode, rank: ReadonlyMap<string, number>): number {
  const own = rank.get(node.code);
  if (own !== undefined) return own;
  return node.subcodes.reduce((min, n) => Math.min(min, rankOf(n, rank)), Infinity);
}

// A turn under several codes of a row counts once: turns are told apart by identity, not by a key built for each.
function distinctTurns(codes: readonly CodeNode[]): number {
  if (codes.length === 1 && codes[0]!.subcodes.length === 0) return codes[0]!.segments.length;
  const turns = new Set<object>();
  const visit = (node: CodeNode): void => {
    for (const s of node.segments) turns.add(s.turn);
    node.subcodes.forEach(visit);
  };
  codes.forEach(visit);
  return turns.size;
}
