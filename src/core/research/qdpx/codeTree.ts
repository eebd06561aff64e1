import type { Code, Codebook, CodeGroup, CodeRole } from '../../codebook/codebook';
import { stableGuid } from './guid';
import type { QdaCode, QdaSet } from './model';

// The codebook of a project: the codes the sessions' codebooks define and the codes the sessions
// use, as a tree by their dotted ids (`reflection.complex` below `reflection`). A code is named by
// its last part, so a tool shows `reflection > complex`, and reading the tree back joins the
// names into the id again. A parent no codebook defines is still a code: `{reflection}` codes
// with it.

/** The colour of a code no codebook gives one: the editor's colour of the speakers who carry it. */
export const ROLE_COLORS: Readonly<Record<CodeRole, string>> = { therapist: '#2F80ED', client: '#C2650A', any: '#8E44AD' };

/** The project's code tree, and the GUID of each code id. */
export interface ProjectCodes {
  codes: QdaCode[];
  guids: Map<string, string>;
  sets: QdaSet[];
}

/** The GUID of a code id in any project session-md writes. */
export function codeGuid(id: string): string {
  return stableGuid(`code:${id}`);
}

/**
 * What a code's Description holds: its label, then (after a blank line) its description. The
 * label is left out where it only repeats the code's name, so that a code read back from a
 * project, whose label is its name, is written the same way again.
 */
export function codeDescription(code: Pick<Code, 'id' | 'label' | 'description'>): string | undefined {
  const name = code.id.slice(code.id.lastIndexOf('.') + 1);
  const label = code.label === code.id || code.label === name ? undefined : code.label;
  const parts = [label ?? (code.description !== undefined ? name : undefined), code.description].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

/** The code tree of the codebooks' codes and the used ids, in codebook order, then the order of use. */
export function projectCodes(codebooks: readonly Codebook[], used: Iterable<string>): ProjectCodes {
  const defined = new Map<string, Code>();
  for (const codebook of codebooks) for (const [id, code] of codebook.codes) if (!defined.has(id)) defined.set(id, code);
  const nodes = new Map<string, QdaCode>();
  const roots: QdaCode[] = [];
  const add = (id: string, color?: string): QdaCode => {
    const existing = nodes.get(id);
    if (existing) return existing;
    const dot = id.lastIndexOf('.');
    const code = defined.get(id);
    const node: QdaCode = { guid: codeGuid(id), name: id.slice(dot + 1), isCodable: true, children: [] };
    node.color = code?.color ?? (code ? ROLE_COLORS[code.role] : (color ?? ROLE_COLORS.any));
    const description = code ? codeDescription(code) : undefined;
    if (description !== undefined) node.description = description;
    // The parent is made before the node is listed, so a tree keeps the order of first mention.
    const parent = dot === -1 ? undefined : add(id.slice(0, dot), node.color);
    nodes.set(id, node);
    (parent ? parent.children : roots).push(node);
    return node;
  };
  for (const id of defined.keys()) add(id);
  for (const id of used) add(id);
  const groups = new Map<string, CodeGroup>();
  for (const group of codebooks.flatMap((c) => c.groups)) if (!groups.has(group.id)) groups.set(group.id, group);
  const sets: QdaSet[] = [...groups.values()].map((g) => ({
    guid: stableGuid(`set:${g.id}`),
    name: g.id,
    ...(g.label !== undefined ? { description: g.label } : {}),
    codes: g.codes.map((id) => add(id).guid),
  }));
  return { codes: roots, guids: new Map([...nodes].map(([id, node]) => [id, node.guid])), sets };
}
