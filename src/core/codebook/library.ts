import type { Range } from '../model';
import type { Code, Codebook, Snippet } from './codebook';
import { mergeMeasures } from './measures';
import { mergeRatingScales } from './ratingScales';

/** Where a library comes from; earlier sources win when two define the same code. */
export type LibrarySource = 'file' | 'workspace' | 'settings' | 'builtin';

/** The order of precedence: the session's own codebook, then workspace libraries, then settings, then the built-in scheme. */
export const LIBRARY_PRECEDENCE: readonly LibrarySource[] = ['file', 'workspace', 'settings', 'builtin'];

/** A codebook taking part in a merge, and where it came from. */
export interface LibraryLayer {
  source: LibrarySource;
  codebook: Codebook;
}

/** A snippet together with the library it comes from, for completion and "Insert Technique…". */
export interface LibrarySnippet extends Snippet {
  library: string;
  libraryPath: string;
}

/** A code that two libraries define differently; reported once, on the definition that lost. */
export interface CodeConflict {
  id: string;
  message: string;
  /** The codebook file and position of the losing definition. */
  path: string;
  range?: Range;
}

/** A codebook made of several libraries, which it lists in precedence order. */
export type MergedCodebook = Codebook & { libraries: { name: string; path: string; source: LibrarySource }[] };

/** The codes and snippets of every library in force, with the conflicts found while merging. */
export interface MergedLibraries {
  codebook: MergedCodebook;
  conflicts: CodeConflict[];
}

/**
 * Merges libraries in precedence order. A code's definition (label, role, description) comes
 * from the first library that defines it; the snippets of every library are kept, tagged
 * with their library, so a trainer's library can add examples to a scheme's codes.
 */
export function mergeLibraries(layers: LibraryLayer[]): MergedLibraries | undefined {
  const ordered = [...layers].sort((a, b) => LIBRARY_PRECEDENCE.indexOf(a.source) - LIBRARY_PRECEDENCE.indexOf(b.source));
  const unique = ordered.filter((layer, i) => ordered.findIndex((l) => l.codebook.path === layer.codebook.path) === i);
  const [first] = unique;
  if (!first) return undefined;
  const codes = new Map<string, Code>();
  const owner = new Map<string, LibraryLayer>();
  const conflicts: CodeConflict[] = [];
  for (const layer of unique) {
    for (const code of layer.codebook.codes.values()) {
      const snippets = code.snippets.map((s) => tagSnippet(s, layer.codebook));
      const kept = codes.get(code.id);
      if (!kept) {
        codes.set(code.id, { ...code, snippets });
        owner.set(code.id, layer);
        continue;
      }
      kept.snippets.push(...snippets);
      if (kept.label !== code.label || kept.role !== code.role) conflicts.push(conflict(code, layer, kept, owner.get(code.id)!));
    }
  }
  const groups = unique.flatMap((l) => l.codebook.groups).filter((g, i, all) => all.findIndex((x) => x.id === g.id) === i);
  const base = unique.find((l) => l.source === 'file' || l.source === 'builtin') ?? first;
  const codebook: MergedCodebook = {
    ...base.codebook,
    codes,
    groups,
    libraries: unique.map((l) => ({ name: l.codebook.name, path: l.codebook.path, source: l.source })),
  };
  // Like groups, a library may add rating scales; a scale id keeps the definition of the first library that declares it.
  const ratings = mergeRatingScales(unique.map((l) => l.codebook.ratings));
  if (ratings.length > 0) codebook.ratings = ratings;
  const measures = mergeMeasures(unique.map((l) => l.codebook.measures));
  if (measures.length > 0) codebook.measures = measures;
  return { codebook, conflicts };
}

function tagSnippet(snippet: Snippet, codebook: Codebook): LibrarySnippet {
  return { ...snippet, library: codebook.name, libraryPath: codebook.path };
}

// Reported on the losing definition, unless that is a built-in codebook nobody can edit: then on the winning one.
function conflict(code: Code, layer: LibraryLayer, kept: Code, keptLayer: LibraryLayer): CodeConflict {
  const at = (c: Code, l: LibraryLayer): string => (c.range ? `${l.codebook.path}:${c.range.start.line}` : l.codebook.path);
  const rule = `${keptLayer.source} libraries come before ${layer.source} ones`;
  const onWinner = layer.source === 'builtin';
  const [here, there] = onWinner ? [kept, code] : [code, kept];
  const differs = here.role !== there.role ? `role '${here.role}' here, '${there.role}' there` : `label '${here.label}' here, '${there.label}' there`;
  const message = onWinner
    ? `Code '${code.id}' redefines '${code.id}' of the built-in '${layer.codebook.name}' (${differs}); this definition is used, because ${rule}`
    : `Code '${code.id}' is also defined by '${keptLayer.codebook.name}' (${at(kept, keptLayer)}) with a different definition (${differs}); that one is used, because ${rule}`;
  const result: CodeConflict = { id: code.id, path: onWinner ? keptLayer.codebook.path : layer.codebook.path, message };
  if (here.range) result.range = here.range;
  return result;
}
