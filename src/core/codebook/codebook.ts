import type { Range, YamlProblem } from '../model';
import { formatFileSize } from '../host';
import codebookSchema from '../../../schemas/codebook.schema.json';
import { asWritten, rangeOf, readYaml, validateYaml, type YamlData } from '../schema/yamlData';
import { stripBom } from '../text/lines';
import { knownNames, Speller, type KnownNames, type SpellingBudget } from '../text/spelling';
import { readCountingRules, type CountingRules, type RawCountingRules } from './counting';
import { readMeasures, type MeasureDefinition, type RawMeasure } from './measures';
import { readRatingScales, type RatingScale, type RawRatingScale } from './ratingScales';
import { readSummaryScores, type RawSummaryScore, type Requirement, type SummaryScoreDefinition } from './summaryScores';

export type CodeRole = 'therapist' | 'client' | 'any';

/** A ready-to-insert example of a technique. */
export interface Snippet {
  label: string;
  body: string;
  description?: string;
  prefix?: string;
  phases?: string[];
  roles?: string[];
  /** Where the body is written in the codebook file. */
  bodyRange?: Range;
}

/** One code of a codebook: a technique or a kind of client talk. */
export interface Code {
  id: string;
  label: string;
  role: CodeRole;
  description?: string;
  /** Its colour as `#rrggbb` (`color:`), as QDA tools show it; a REFI-QDA export gives it to the code. */
  color?: string;
  snippets: Snippet[];
  /** The codebook that defines it. */
  codebook: string;
  range?: Range;
}

/** Codes that coders agree or disagree on, as one variable over the turns. */
export interface CodeGroup {
  id: string;
  label?: string;
  codes: string[];
  /**
   * true (the default) when the codes exclude each other on one turn; false when one turn may
   * carry several of them (a MITI volley earns several behaviour codes), so that a turn's value
   * is the set of its codes.
   */
  exclusive: boolean;
}

/** The summary-score ingredients a codebook can name under `scores:`. */
export const SCORE_KEYS = [
  'reflections',
  'complexReflections',
  'simpleReflections',
  'questions',
  'openQuestions',
  'closedQuestions',
  'miAdherent',
  'miNonAdherent',
  'changeTalk',
  'sustainTalk',
] as const;

/** One ingredient of the summary scores, such as `reflections` for R:Q. */
export type ScoreKey = (typeof SCORE_KEYS)[number];

/** A loaded `*.codebook.yaml`: a coding scheme or a technique library. */
export interface Codebook {
  name: string;
  version?: string;
  source?: string;
  /** Where it was loaded from: a path, or `builtin:<name>`. */
  path: string;
  codes: Map<string, Code>;
  groups: CodeGroup[];
  /** The code ids behind each summary score, matched exactly (a subtype does not count as its parent). */
  scores?: Partial<Record<ScoreKey, string[]>>;
  /** The session rating scales (global ratings) whose values a session gives under `ratings:`. */
  ratings?: RatingScale[];
  /** The clinical measures (`measures:`) whose scores a session gives under `measures:`, with their ranges and cut-offs. */
  measures?: MeasureDefinition[];
  /** The summary scores `session-md stats` reports (`summary:`), from the counts above and the ratings. */
  summary?: SummaryScoreDefinition[];
  /** What every session coded with it must give (`requires:`), such as MITI's change goal. */
  requires?: Requirement[];
  /** How the codes are counted for the summary scores (`counting:`); absent: per utterance. */
  counting?: CountingRules;
}

/** A codebook read from text, with every problem positioned in that text. */
export interface CodebookResult {
  codebook?: Codebook;
  problems: YamlProblem[];
}

/**
 * The largest codebook or library read, as a file size limit. A coding scheme is a few kilobytes
 * (the largest built-in one has 13 kB), and the YAML parser takes about 0.6 s per megabyte, so a
 * hostile 10 MB library would stall the editor for seconds at every load.
 */
export const CODEBOOK_SIZE_LIMIT = { bytes: 1_000_000, setting: 'the limit for codebooks and libraries' };

/** Reads and validates the text of a `*.codebook.yaml` file. */
export function parseCodebook(input: string, path: string): CodebookResult {
  const { text } = stripBom(input);
  // Text that did not come from a file (an editor buffer) is held to the same limit as a file.
  if (text.length > CODEBOOK_SIZE_LIMIT.bytes) {
    const message = `This codebook has ${formatFileSize(text.length, 1)} of text, above ${CODEBOOK_SIZE_LIMIT.setting} (${formatFileSize(CODEBOOK_SIZE_LIMIT.bytes, 0)}); it is not read`;
    return { problems: [{ kind: 'syntax', message, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }] };
  }
  const yaml = readYaml(text, text, 0);
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    return {
      problems: [{ kind: 'type', message: 'A codebook should be a YAML mapping with at least `name` and `codes`', range: yaml.toRange(0, text.length) }],
    };
  }
  const problems = validateYaml(yaml, codebookSchema as object, 'codebook', asWritten);
  if (problems.length > 0) return { problems };
  const data = yaml.data as RawCodebook;
  const codes = new Map<string, Code>();
  data.codes.forEach((raw, i) => {
    const range = rangeOf(yaml, ['codes', i, 'id'], 'value');
    const first = codes.get(raw.id);
    if (first) {
      problems.push({ kind: 'type', message: `Code '${raw.id}' is defined twice (first at line ${first.range?.start.line})`, range });
      return;
    }
    const code = toCode(raw, data.name, range);
    code.snippets.forEach((snippet, k) => (snippet.bodyRange = rangeOf(yaml, ['codes', i, 'snippets', k, 'body'], 'value')));
    codes.set(raw.id, code);
  });
  const groups = (data.groups ?? []).map((g, i) => {
    g.codes.forEach((id, k) => {
      if (!lookupCode({ codes } as Codebook, id)) {
        problems.push({
          kind: 'type',
          message: `Group '${g.id}' lists '${id}', which this codebook does not define`,
          range: rangeOf(yaml, ['groups', i, 'codes', k], 'value'),
        });
      }
    });
    const group: CodeGroup = { id: g.id, codes: g.codes, exclusive: g.exclusive ?? true };
    if (g.label !== undefined) group.label = g.label;
    return group;
  });
  const codebook: Codebook = { name: data.name, path, codes, groups };
  if (data.scores !== undefined) codebook.scores = checkScores(data.scores, codes, yaml, problems);
  if (data.ratings !== undefined) codebook.ratings = readRatingScales(data.ratings, data.name, yaml, problems);
  if (data.measures !== undefined) codebook.measures = readMeasures(data.measures, path, yaml, problems);
  if (data.summary !== undefined) {
    const names = { counts: new Set(Object.keys(codebook.scores ?? {})), ratings: new Set((codebook.ratings ?? []).map((r) => r.id)) };
    codebook.summary = readSummaryScores(data.summary, names, yaml, problems);
  }
  if (data.requires !== undefined) codebook.requires = [...new Set(data.requires)];
  if (data.counting !== undefined)
    codebook.counting = readCountingRules(data.counting, { has: (id) => lookupCode({ codes }, id) !== undefined, ids: codes.keys() }, yaml, problems);
  if (data.version !== undefined) codebook.version = data.version;
  if (data.source !== undefined) codebook.source = data.source;
  return { codebook, problems };
}

interface RawCodebook {
  name: string;
  version?: string;
  source?: string;
  groups?: { id: string; label?: string; codes: string[]; exclusive?: boolean }[];
  scores?: Partial<Record<ScoreKey, string[]>>;
  ratings?: RawRatingScale[];
  measures?: RawMeasure[];
  summary?: RawSummaryScore[];
  requires?: Requirement[];
  counting?: RawCountingRules;
  codes: {
    id: string;
    label: string;
    role?: CodeRole;
    description?: string;
    color?: string;
    snippets?: (Omit<Snippet, 'body'> & { body: string | string[] })[];
  }[];
}

// Every id a score lists must be defined (a parent of defined codes also counts), like the ids of groups.
function checkScores(
  raw: Partial<Record<ScoreKey, string[]>>,
  codes: Map<string, Code>,
  yaml: YamlData,
  problems: YamlProblem[],
): Partial<Record<ScoreKey, string[]>> {
  const scores: Partial<Record<ScoreKey, string[]>> = {};
  for (const key of SCORE_KEYS) {
    const ids = raw[key];
    if (ids === undefined) continue;
    ids.forEach((id, k) => {
      if (lookupCode({ codes }, id)) return;
      problems.push({
        kind: 'type',
        message: `Score '${key}' lists '${id}', which this codebook does not define`,
        range: rangeOf(yaml, ['scores', key, k], 'value'),
      });
    });
    scores[key] = [...ids];
  }
  return scores;
}

function toCode(raw: RawCodebook['codes'][number], codebook: string, range: Range): Code {
  const code: Code = {
    id: raw.id,
    label: raw.label,
    role: raw.role ?? 'any',
    snippets: (raw.snippets ?? []).map((s) => ({ ...s, body: Array.isArray(s.body) ? s.body.join('\n') : s.body })),
    codebook,
    range,
  };
  if (raw.description !== undefined) code.description = raw.description;
  if (raw.color !== undefined) code.color = raw.color;
  return code;
}

/**
 * Finds a code by id. A parent id such as `reflection` is valid when the codebook
 * defines any of its children; it then stands for "this kind, subtype not specified".
 */
export function lookupCode(codebook: Pick<Codebook, 'codes'>, id: string): Code | undefined {
  const code = codebook.codes.get(id);
  if (code) return code;
  const children = indexOf(codebook.codes).children.get(id);
  if (!children) return undefined;
  const roles = new Set(children.map((c) => c.role));
  const listed = children
    .slice(0, MAX_LISTED_CHILDREN)
    .map((c) => c.id)
    .join(', ');
  return {
    id,
    label: `${id} (subtype not specified)`,
    role: roles.size === 1 ? children[0]!.role : 'any',
    description: `Any of: ${listed}${children.length > MAX_LISTED_CHILDREN ? ` and ${children.length - MAX_LISTED_CHILDREN} more` : ''}`,
    snippets: [],
    codebook: children[0]!.codebook,
  };
}

/** The defined code closest in spelling to an unknown id, if any is close enough to be a likely typo. */
export function closestCode(codebook: Pick<Codebook, 'codes'>, id: string): string | undefined {
  return codeSpeller(codebook).suggest(id);
}

/** Suggests defined codes for the unknown ids of one check, within its budget of work. */
export function codeSpeller(codebook: Pick<Codebook, 'codes'>, budget?: SpellingBudget): Speller {
  const index = indexOf(codebook.codes);
  index.known ??= knownNames(codebook.codes.keys());
  return new Speller(index.known, budget);
}

const MAX_LISTED_CHILDREN = 20;

/** What is worked out once per set of codes rather than per look-up: a codebook may hold many. */
interface CodeIndex {
  size: number;
  /** The codes below each parent id, in codebook order: `reflection` → `reflection.simple`, `reflection.complex`. */
  children: Map<string, Code[]>;
  /** The ids, prepared for "did you mean". */
  known?: KnownNames;
}

const indexes = new WeakMap<ReadonlyMap<string, Code>, CodeIndex>();

// Built again if the map grew since (it is complete before anyone looks codes up, but a stale index must never answer).
function indexOf(codes: ReadonlyMap<string, Code>): CodeIndex {
  let index = indexes.get(codes);
  if (index?.size === codes.size) return index;
  index = { size: codes.size, children: new Map() };
  for (const code of codes.values()) {
    for (let dot = code.id.indexOf('.'); dot !== -1; dot = code.id.indexOf('.', dot + 1)) {
      const parent = code.id.slice(0, dot);
      const list = index.children.get(parent);
      if (list) list.push(code);
      else index.children.set(parent, [code]);
    }
  }
  indexes.set(codes, index);
  return index;
}

/** Whether a snippet body carries the annotation of code `id`: `{id}` or `{id | note}` on one line. */
export function annotatesCode(body: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\{[ \\t]*${escaped}[ \\t]*[|}]`).test(body);
}

/** The snippets whose body lacks the annotation of their own code, so inserting one would not code the turn. */
export function unannotatedSnippets(codebook: Pick<Codebook, 'codes'>): { code: Code; snippet: Snippet }[] {
  return [...codebook.codes.values()].flatMap((code) => code.snippets.filter((s) => !annotatesCode(s.body, code.id)).map((snippet) => ({ code, snippet })));
}
