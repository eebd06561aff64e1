import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { FrontMatter, Goal, GoalStatus, PhaseDefinition, Range, Role, Speaker } from '../model';
import frontMatterSchema from '../../../schemas/session-front-matter.schema.json';
import { readYaml, type YamlData } from '../schema/yamlData';
import { validateYaml } from '../schema/yamlData';
import { toPhaseDefinition } from './phaseModels';
import { lineText, rangeAt } from '../text/lines';
import { matchTurnStart } from './turns';
import { readRatings, readScoreMapping } from './ratings';

/** The shape the front matter schema allows for a goal id (schemas/session-front-matter.schema.json). */
export const GOAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Reads the YAML between the `---` fences that start at `start` and end at `end` in `text`. */
export function parseFrontMatter(text: string, lineStarts: number[], start: number, end: number): FrontMatter {
  // By line, not by `\n`: a lone CR ends the fence lines too, as Markdown reads them.
  const fence = rangeAt(lineStarts, start, end);
  const openEnd = lineStarts[fence.start.line] ?? text.length;
  const closeStart = lineStarts[fence.end.line - 1]!;
  const yamlText = closeStart > openEnd ? text.slice(openEnd, closeStart) : '';
  const yaml = readYaml(yamlText, text, openEnd, lineStarts);
  const range = fence;
  const frontMatter: FrontMatter = { range, data: {}, goals: [], problems: [...yaml.problems], keyRanges: new Map() };
  if (yaml.problems.length > 0) return frontMatter;
  if (yaml.data === null || yaml.data === undefined) return frontMatter;
  if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    frontMatter.problems.push({ kind: 'type', message: 'Front matter should be a mapping of fields such as session, date and speakers', range });
    return frontMatter;
  }
  frontMatter.data = yaml.data as Record<string, unknown>;
  const problems = validateYaml(yaml, frontMatterSchema as object, 'front matter');
  frontMatter.problems.push(...problems);
  const invalid = new Set(problems.map((p) => p.range.start.offset));
  collectKeyRanges(yaml, frontMatter);
  readFields(yaml, frontMatter, (key) => {
    const value = frontMatter.keyRanges.get(key)?.value;
    return !value || !problemsInside(invalid, value);
  });
  return frontMatter;
}

// A front matter that is never closed ends where the editor's grammar ends it, which cannot look
// ahead for a closing `---`: before the first line no front matter holds (a heading of level 2 to 6,
// or a turn with a timestamp or a bold label), or at a line of four or more dashes, taken for a
// mistyped closing fence (Markdown would read it as the underline of a heading made of the fields).
const STOP_HEADING = /^ {0,3}#{2,6}(?:[ \t]|$)/;
const LONG_FENCE = /^(-{4,})[ \t]*$/;

/** The front matter of a file whose first line `---` is never closed: its lines, unread, with a syntax problem at the fence. */
export function unclosedFrontMatter(text: string, lineStarts: number[]): FrontMatter {
  let endLine = lineStarts.length;
  let problem = { message: 'not closed: add a line with --- after it', range: rangeAt(lineStarts, 0, 3) };
  for (let line = 2; line <= lineStarts.length; line++) {
    const content = lineText(text, lineStarts, line);
    const dashes = LONG_FENCE.exec(content)?.[1];
    if (dashes) {
      endLine = line;
      const start = lineStarts[line - 1]!;
      problem = {
        message: `not closed: its closing line must be exactly --- (three dashes), not ${dashes.length}`,
        range: rangeAt(lineStarts, start, start + dashes.length),
      };
      break;
    }
    if (STOP_HEADING.test(content) || isMarkedTurn(content)) {
      endLine = line - 1;
      break;
    }
  }
  while (endLine > 1 && lineText(text, lineStarts, endLine).trim() === '') endLine--;
  const end = lineStarts[endLine - 1]! + lineText(text, lineStarts, endLine).length;
  return { range: rangeAt(lineStarts, 0, end), data: {}, goals: [], problems: [{ kind: 'syntax', ...problem }], keyRanges: new Map() };
}

// A turn line with a timestamp or a bold label is not YAML (`[` opens a list, `*` an alias), unlike `T: hi`.
function isMarkedTurn(line: string): boolean {
  const start = matchTurnStart(line);
  return start !== undefined && (start.timestamp !== undefined || start.bold);
}

function problemsInside(offsets: Set<number>, range: Range): boolean {
  for (const offset of offsets) if (offset >= range.start.offset && offset <= range.end.offset) return true;
  return false;
}

function collectKeyRanges(yaml: YamlData, frontMatter: FrontMatter): void {
  const root = yaml.doc?.contents;
  if (!isMap(root)) return;
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    const value = pair.value as Node | null;
    frontMatter.keyRanges.set(String(pair.key.value), {
      key: yaml.toRange(pair.key.range[0], pair.key.range[1]),
      value: value?.range ? yaml.toRange(value.range[0], value.range[1]) : undefined,
    });
  }
}

// Only fields that passed validation are typed onto the model; the rest stay in `data` and `problems`.
function readFields(yaml: YamlData, fm: FrontMatter, valid: (key: string) => boolean): void {
  const data = fm.data;
  const str = (key: string): string | undefined => (valid(key) && typeof data[key] === 'string' ? (data[key] as string) : undefined);
  if (valid('session') && typeof data['session'] === 'number') {
    // YAML reads `1e400` as Infinity, which the schema's integer check lets through.
    if (Number.isSafeInteger(data['session'])) fm.session = data['session'];
    else
      fm.problems.push({
        kind: 'type',
        message: "'session' should be a whole number from 1 to 9007199254740991",
        range: fm.keyRanges.get('session')!.value ?? fm.range,
      });
  }
  assign(fm, 'date', str('date'));
  assign(fm, 'client', str('client'));
  assign(fm, 'course', str('course'));
  assign(fm, 'therapist', str('therapist'));
  assign(fm, 'approach', str('approach'));
  assign(fm, 'stage', str('stage'));
  const codebook = str('codebook');
  if (codebook !== undefined) {
    fm.codebook = codebook;
    fm.codebookRange = fm.keyRanges.get('codebook')?.value;
  }
  const media = str('media');
  if (media !== undefined) {
    fm.media = media;
    fm.mediaRange = fm.keyRanges.get('media')?.value;
  }
  if (valid('speakers')) assign(fm, 'speakers', readSpeakers(yaml));
  if (valid('phases')) assign(fm, 'phases', readPhases(data['phases']));
  if (valid('goals')) fm.goals = readGoals(yaml);
  assign(fm, 'changeGoal', str('changeGoal'));
  if (valid('rules') && data['rules'] && typeof data['rules'] === 'object') fm.rules = data['rules'] as Record<string, string>;
  if (valid('ratings')) assign(fm, 'ratings', readRatings(yaml));
  if (valid('measures')) assign(fm, 'measures', readScoreMapping(yaml, 'measures'));
}

function assign<K extends keyof FrontMatter>(fm: FrontMatter, key: K, value: FrontMatter[K] | undefined): void {
  if (value !== undefined) fm[key] = value;
}

function readSpeakers(yaml: YamlData): Speaker[] | undefined {
  const node = yaml.doc?.get('speakers', true);
  if (!isMap(node)) return undefined;
  const speakers: Speaker[] = [];
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) continue;
    const keyRange = pair.key.range;
    const speaker: Speaker = { label: String(pair.key.value), role: pair.value.value as Role };
    if (keyRange) speaker.range = yaml.toRange(keyRange[0], keyRange[1]);
    speakers.push(speaker);
  }
  return speakers;
}

function readPhases(value: unknown): string | PhaseDefinition[] | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  const phases = value.map(toPhaseDefinition).filter((p): p is PhaseDefinition => p !== undefined);
  return phases.length > 0 ? phases : undefined;
}

function readGoals(yaml: YamlData): Goal[] {
  const node = yaml.doc?.get('goals', true);
  if (!isSeq(node)) return [];
  const goals: Goal[] = [];
  for (const item of node.items) {
    if (!isMap(item) || !item.range) continue;
    const id = item.get('id', true);
    if (!isScalar(id) || typeof id.value !== 'string' || !id.range) continue;
    const text = item.get('text');
    const status = item.get('status');
    goals.push({
      id: id.value,
      text: typeof text === 'string' ? text : '',
      status: (typeof status === 'string' ? status : 'open') as GoalStatus,
      range: yaml.toRange(item.range[0], item.range[1]),
      idRange: yaml.toRange(id.range[0], id.range[1]),
    });
  }
  return goals;
}
