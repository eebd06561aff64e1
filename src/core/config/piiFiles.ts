import { dirname, isAbsolute, join } from 'node:path';
import { isMap, isPair, isScalar } from 'yaml';
import { describeReadError, readDataFile, type FileHost } from '../host';
import type { YamlProblem } from '../model';
import { readYaml, rangeOf, type YamlData } from '../schema/yamlData';
import { computeLineStarts, rangeAt, stripBom } from '../text/lines';
import type { ConfigError } from './errors';

// The denylist and the pseudonym map that a config's `pii:` names. Both hold real names, so no
// message here ever quotes a line or a key of them: problems are told by their position only.

/** A name list read from the file a config's `pii.names` names. */
export interface NameList {
  path: string;
  names: readonly string[];
}

/** A pseudonym map read from the file a config's `pii.pseudonyms` names; keys are matching keys (see `piiKey`). */
export interface PseudonymMap {
  path: string;
  pseudonyms: ReadonlyMap<string, string>;
}

/** What one config file's `pii:` setting loaded. */
export interface LayerPii {
  names?: NameList;
  pseudonyms?: PseudonymMap;
}

/** The shortest name the denylist accepts: a one-letter name would match every such word. */
export const MIN_NAME_LENGTH = 2;

/** The form in which matched text and pseudonym keys are compared: NFC, lower case, single spaces. */
export function piiKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Reads the files a config's `pii:` names, relative to the config; a missing or malformed one gives config errors with positions instead. */
export async function loadPiiFiles(
  host: FileHost,
  configPath: string,
  configText: string,
  yaml: YamlData,
  pii: { names?: string; pseudonyms?: string } | undefined,
): Promise<LayerPii | { errors: ConfigError[] }> {
  try {
    return await load(host, configPath, configText, yaml, pii);
  } catch (error) {
    if (error instanceof PiiFileError) return { errors: error.errors };
    throw error;
  }
}

async function load(
  host: FileHost,
  configPath: string,
  configText: string,
  yaml: YamlData,
  pii: { names?: string; pseudonyms?: string } | undefined,
): Promise<LayerPii> {
  const loaded: LayerPii = {};
  if (!pii) return loaded;
  const resolve = (file: string): string => (isAbsolute(file) ? file : join(dirname(configPath), file));
  const readOrFail = async (key: 'names' | 'pseudonyms', what: string): Promise<{ path: string; text: string }> => {
    const path = resolve(pii[key]!);
    try {
      return { path, text: stripBom(await readDataFile(host, path)).text };
    } catch (error) {
      const problem: YamlProblem = {
        kind: 'type',
        message: `cannot read the ${what} '${pii[key]}' (pii.${key}): ${describeReadError(error)}`,
        range: rangeOf(yaml, ['pii', key], 'value'),
      };
      throw new PiiFileError([{ path: configPath, text: configText, problems: [problem], dependsOn: [path] }]);
    }
  };
  if (pii.names !== undefined) {
    const { path, text } = await readOrFail('names', 'name list');
    loaded.names = { path, names: readNameList(path, text) };
  }
  if (pii.pseudonyms !== undefined) {
    const { path, text } = await readOrFail('pseudonyms', 'pseudonym map');
    loaded.pseudonyms = { path, pseudonyms: readPseudonyms(path, text) };
  }
  return loaded;
}

// Unwinds the reading of one file to `loadPiiFiles`, which returns the errors.
class PiiFileError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super('invalid pii file');
  }
}

/** The names of a denylist: one a line, `#` starting a comment, blank lines skipped. */
function readNameList(path: string, text: string): string[] {
  const names: string[] = [];
  const problems: YamlProblem[] = [];
  const lineStarts = computeLineStarts(text);
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const hash = line.indexOf('#');
    const name = (hash === -1 ? line : line.slice(0, hash)).trim();
    if (name === '') return;
    if ([...name].length < MIN_NAME_LENGTH) {
      const start = lineStarts[index]! + line.indexOf(name);
      problems.push({
        kind: 'type',
        message: `a name needs at least ${MIN_NAME_LENGTH} characters; a shorter one would match too many words`,
        range: rangeAt(lineStarts, start, start + name.length),
      });
      return;
    }
    names.push(name);
  });
  if (problems.length > 0) throw new PiiFileError([{ path, text, problems }]);
  return names;
}

type Positioned = { range?: [number, number, number] | null } | null | undefined;

/** The entries of a pseudonym map: a YAML mapping of text to non-empty text (an empty file is an empty map). */
function readPseudonyms(path: string, text: string): Map<string, string> {
  const yaml = readYaml(text, text, 0);
  const fail = (problems: YamlProblem[]): never => {
    throw new PiiFileError([{ path, text, problems }]);
  };
  if (yaml.problems.length > 0) return fail(yaml.problems);
  const at = (node: Positioned): YamlProblem['range'] => yaml.toRange(node?.range?.[0] ?? 0, node?.range?.[1] ?? 0);
  const root = yaml.doc?.contents;
  const map = new Map<string, string>();
  if (root === null || root === undefined) return map;
  if (!isMap(root)) return fail([{ kind: 'type', message: "the pseudonym map should be a YAML mapping of 'real text: pseudonym'", range: at(root) }]);
  const problems: YamlProblem[] = [];
  for (const pair of root.items) {
    if (!isPair(pair)) continue;
    const { key, value } = pair;
    if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number') || String(key.value).trim() === '') {
      problems.push({ kind: 'type', message: 'each key should be the text to replace', range: at(key as Positioned) });
      continue;
    }
    if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
      problems.push({ kind: 'type', message: 'each pseudonym should be non-empty text', range: at((value ?? key) as Positioned) });
      continue;
    }
    const matchKey = piiKey(String(key.value));
    if (map.has(matchKey)) {
      problems.push({ kind: 'type', message: 'this key repeats an earlier one (keys are compared ignoring case and spacing)', range: at(key) });
      continue;
    }
    map.set(matchKey, value.value);
  }
  if (problems.length > 0) fail(problems);
  return map;
}
