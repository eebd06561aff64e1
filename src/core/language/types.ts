import type { Range, Section, Turn } from '../model';
import type { Markdown } from '../text/markdown';

// The editor features, as plain data: the extension turns these into VS Code objects,
// so every feature is testable in Node without VS Code.

/** A completion proposal. `range` is the text it replaces. */
export interface CompletionEntry {
  label: string;
  kind: 'speaker' | 'code' | 'goal' | 'snippet' | 'rating' | 'level' | 'stage';
  detail?: string;
  documentation?: Markdown;
  /** Plain text, or a snippet (`${1:…}`) when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  range: Range;
  sortText?: string;
  filterText?: string;
  /** Whether the editor should propose again once this is inserted (after a rating's id come its levels). */
  retrigger?: boolean;
}

/** Hover content in Markdown and the range it describes. */
export interface HoverInfo {
  markdown: Markdown;
  range: Range;
}

/** An Outline and breadcrumbs entry: phases (and other level-2 sections) with their topics. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'front-matter' | 'phase' | 'section' | 'topic';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** A foldable region, by 1-based lines. */
export interface Fold {
  startLine: number;
  endLine: number;
  /** `region` is a `<!-- region -->` … `<!-- endregion -->` pair. */
  kind: 'front-matter' | 'phase' | 'topic' | 'memo' | 'region';
}

/** A goal id or a code id under the cursor, with every place it is written in the session. */
export interface SymbolOccurrences {
  kind: 'goal' | 'code';
  id: string;
  /** The range under the cursor. */
  range: Range;
  /** For a goal: where the front matter declares it. */
  definition?: Range;
  /** Every `{#id}` or `{id}` (the id part only). */
  references: Range[];
}

/** Where the cursor is: the phase and the turn, e.g. for `Middle · turn 42/180`. */
export interface CursorContext {
  section?: Section;
  turn?: Turn;
  totalTurns: number;
}
