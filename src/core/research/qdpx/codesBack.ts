import type { QdaCode, QdaSet } from './model';
import { SESSION_MD_ORIGIN } from './model';
import { normalGuid } from './xmlRead';

// A project's code tree read back as code ids: each code's id is its ancestors' names and its own
// joined by dots (`reflection` > `complex` is `reflection.complex`), each name made a valid id
// part. A project session-md wrote keeps its labels in the Description's first paragraph.

/** A code of the codebook written on import. */
export interface CodeBack {
  id: string;
  label: string;
  description?: string;
  color?: string;
}

/** A group of the codebook written on import (from a REFI-QDA set of codes). */
export interface GroupBack {
  id: string;
  label?: string;
  codes: string[];
}

/** A name as one part of a code id: ASCII letters, digits, `_` and `-` (accents dropped, other runs `-`); `code` when nothing is left. */
export function idPart(name: string): string {
  const part = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
  return part === '' ? 'code' : part;
}

/** The codes of a project's tree (in tree order) and the id of each code GUID. */
export function codesBack(codes: readonly QdaCode[], origin: string | undefined): { codes: CodeBack[]; ids: Map<string, string> } {
  const ours = origin?.startsWith(SESSION_MD_ORIGIN) === true;
  const list: CodeBack[] = [];
  const ids = new Map<string, string>();
  const walk = (nodes: readonly QdaCode[], prefix: string): void => {
    const taken = new Set<string>();
    for (const node of nodes) {
      let part = idPart(node.name);
      for (let n = 2; taken.has(part.toLowerCase()); n++) part = `${idPart(node.name)}-${n}`;
      taken.add(part.toLowerCase());
      const id = `${prefix}${part}`;
      ids.set(normalGuid(node.guid), id);
      list.push(codeBack(id, node, ours));
      walk(node.children, `${id}.`);
    }
  };
  walk(codes, '');
  return { codes: list, ids };
}

function codeBack(id: string, node: QdaCode, ours: boolean): CodeBack {
  const code: CodeBack = { id, label: node.name.trim() === '' ? id : node.name.trim() };
  if (node.color !== undefined) code.color = expandColor(node.color);
  const text = node.description;
  if (text === undefined) return code;
  if (!ours) {
    code.description = text;
    return code;
  }
  const cut = text.indexOf('\n\n');
  code.label = cut === -1 ? text : text.slice(0, cut);
  if (cut !== -1) code.description = text.slice(cut + 2);
  return code;
}

// The codebook takes #rrggbb; REFI-QDA also allows #rgb.
function expandColor(color: string): string {
  return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
}

/** The groups of a project's sets of codes; a set's codes that are no codes of the tree are left out. */
export function groupsBack(sets: readonly QdaSet[], ids: ReadonlyMap<string, string>): GroupBack[] {
  const taken = new Set<string>();
  return sets.flatMap((set) => {
    const codes = set.codes.map((guid) => ids.get(normalGuid(guid))).filter((id): id is string => id !== undefined);
    if (codes.length === 0) return [];
    let id = idPart(set.name);
    for (let n = 2; taken.has(id); n++) id = `${idPart(set.name)}-${n}`;
    taken.add(id);
    return [{ id, ...(set.description !== undefined ? { label: set.description } : {}), codes }];
  });
}
