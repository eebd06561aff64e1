import { dirname, isAbsolute, join } from 'node:path';
import { mergeMeasures, readMeasures, type MeasureDefinition, type RawMeasure } from '../codebook/measures';
import { describeReadError, readDataFile, type FileHost } from '../host';
import type { PhaseDefinition } from '../model';
import configSchema from '../../../schemas/sessionmdrc.schema.json';
import { toPhaseDefinition } from '../parse/phaseModels';
import { asWritten, rangeOf, readYaml, validateYaml, type YamlData } from '../schema/yamlData';
import { stripBom } from '../text/lines';
import { ConfigLoadError } from './errors';
import { loadPiiFiles, type LayerPii } from './piiFiles';

export { ConfigLoadError, type ConfigError } from './errors';

export type RuleSetting = 'off' | 'info' | 'warning' | 'error';

/** The file name looked for in each folder from a transcript up to the repository root. */
export const CONFIG_FILE_NAME = '.sessionmdrc.yaml';

/** Settings in force for one transcript, merged from every config file that applies. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** The default codebook and the folder a relative path is resolved from. */
  codebook?: { ref: string; baseDir: string };
  phases?: string | PhaseDefinition[];
  /** The stages of a course of therapy, in course order (`stages:`); absent when no config sets them, and the built-in stages apply. */
  stages?: string[];
  requiredFields: string[];
  /** Technique libraries named in config files, as absolute paths. */
  libraries: string[];
  /** The config files that were read, farthest first, then the pii files in force: what the findings depend on besides the transcript and codebooks. */
  files: string[];
  /** The denylist and the pseudonym map of the pii-* rules, each from the nearest config that names one. */
  pii?: PiiSettings;
  /** The clinical measures the config files declare, a nearer file's definition of an id first; they come before the codebook's. */
  measures?: MeasureDefinition[];
}

/** What the pii-* rules read from the config: names to flag and the pseudonyms of mapped text. */
export interface PiiSettings {
  names?: readonly string[];
  /** Pseudonyms by matching key (see `piiKey`). */
  pseudonyms?: ReadonlyMap<string, string>;
}

interface ConfigLayer {
  path: string;
  root: boolean;
  data: RawConfig;
  pii: LayerPii;
  measures?: MeasureDefinition[];
}

interface RawConfig {
  root?: boolean;
  extends?: string | string[];
  codebook?: string;
  phases?: unknown;
  stages?: string[];
  requiredFields?: string[];
  libraries?: string[];
  rules?: Record<string, RuleSetting>;
  pii?: { names?: string; pseudonyms?: string };
  measures?: RawMeasure[];
}

/** How many files deep `extends` may go: far more than any real setup, few enough that a chain of them is cheap. */
export const MAX_EXTENDS_DEPTH = 32;

/** A config file as read and checked, before its `extends` are followed. */
interface ParsedConfig {
  layer: ConfigLayer;
  text: string;
  yaml: YamlData;
  /** The files it extends, as absolute paths, in the order written. */
  bases: string[];
}

/** Finds and merges `.sessionmdrc.yaml` files, reading each folder and each file once. */
export class ConfigResolver {
  private readonly layers = new Map<string, Promise<ConfigLayer[]>>();
  private readonly files = new Map<string, Promise<ConfigLayer[]>>();
  private readonly parsed = new Map<string, Promise<ParsedConfig>>();

  constructor(
    private readonly host: FileHost,
    private readonly explicitConfig?: string,
  ) {}

  /** The configuration for a transcript at `filePath`. */
  async forFile(filePath: string): Promise<ResolvedConfig> {
    const layers = this.explicitConfig ? await this.loadFile(this.explicitConfig) : await this.forDirectory(dirname(filePath));
    return merge(layers);
  }

  /** Forgets what was read, after a config file changed. */
  invalidate(): void {
    this.layers.clear();
    this.files.clear();
    this.parsed.clear();
  }

  private forDirectory(dir: string): Promise<ConfigLayer[]> {
    let pending = this.layers.get(dir);
    if (!pending) {
      pending = this.collect(dir);
      this.layers.set(dir, pending);
    }
    return pending;
  }

  // Nearest last, so nearer files override farther ones; the cascade stops at a `root: true` file or the repository root.
  private async collect(dir: string): Promise<ConfigLayer[]> {
    const candidate = join(dir, CONFIG_FILE_NAME);
    // Anything there but a folder is read as the config, so a FIFO or a device in its place is an error, not ignored.
    const found = await this.host.stat(candidate);
    const own = found && !found.isDirectory ? await this.loadFile(candidate) : [];
    const parent = dirname(dir);
    const stop = own.some((l) => l.path === candidate && l.root) || parent === dir || (await this.host.stat(join(dir, '.git'))) !== undefined;
    return stop ? own : [...(await this.forDirectory(parent)), ...own];
  }

  private loadFile(path: string): Promise<ConfigLayer[]> {
    let pending = this.files.get(path);
    if (!pending) {
      pending = this.withBases(path);
      this.files.set(path, pending);
    }
    return pending;
  }

  // The file and every file it extends, each once and after all of its own bases (depth first, in
  // the order written): a base shared by two others (a diamond) is read and placed once, not once per path to it.
  private async withBases(path: string): Promise<ConfigLayer[]> {
    const layers: ConfigLayer[] = [];
    const placed = new Set<string>();
    const visit = async (current: string, chain: string[]): Promise<void> => {
      const config = await this.parse(current);
      for (const [index, base] of config.bases.entries()) {
        if (placed.has(base)) continue;
        if (base === current || chain.includes(base)) throw extendsError(config, index, `'extends' makes a cycle: ${[...chain, current, base].join(' -> ')}`);
        if (chain.length + 1 >= MAX_EXTENDS_DEPTH)
          throw extendsError(
            config,
            index,
            `'extends' goes more than ${MAX_EXTENDS_DEPTH} files deep (starting from ${chain[0] ?? current}); a chain this long is most likely a mistake`,
          );
        await visit(base, [...chain, current]);
      }
      placed.add(current);
      layers.push(config.layer);
    };
    await visit(path, []);
    return layers;
  }

  private parse(path: string): Promise<ParsedConfig> {
    let pending = this.parsed.get(path);
    if (!pending) {
      pending = this.read(path);
      this.parsed.set(path, pending);
    }
    return pending;
  }

  private async read(path: string): Promise<ParsedConfig> {
    let text: string;
    try {
      text = stripBom(await readDataFile(this.host, path)).text;
    } catch (error) {
      throw new ConfigLoadError([{ path, problems: [], readError: `cannot read config: ${describeReadError(error)}` }]);
    }
    const yaml = readYaml(text, text, 0);
    const problems = yaml.problems.length > 0 ? yaml.problems : validateYaml(yaml, configSchema as object, 'config', asWritten);
    const data = (yaml.data ?? {}) as RawConfig;
    const measures = problems.length === 0 && data.measures ? readMeasures(data.measures, path, yaml, problems) : undefined;
    if (problems.length > 0) throw new ConfigLoadError([{ path, text, problems }]);
    const bases = (data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends]).map((base) =>
      isAbsolute(base) ? base : join(dirname(path), base),
    );
    const pii = await loadPiiFiles(this.host, path, text, yaml, data.pii);
    if ('errors' in pii) throw new ConfigLoadError(pii.errors);
    return { layer: { path, root: data.root === true, data, pii, ...(measures ? { measures } : {}) }, text, yaml, bases };
  }
}

// An error at the `extends` entry of a config that cannot be followed.
function extendsError(config: ParsedConfig, index: number, message: string): ConfigLoadError {
  const at = Array.isArray(config.layer.data.extends) ? ['extends', index] : ['extends'];
  return new ConfigLoadError([{ path: config.layer.path, text: config.text, problems: [{ kind: 'type', message, range: rangeOf(config.yaml, at, 'value') }] }]);
}

function merge(cascade: ConfigLayer[]): ResolvedConfig {
  // A file both in the cascade and extended by a nearer one counts once, where it first comes.
  const seen = new Set<string>();
  const layers = cascade.filter((layer) => !seen.has(layer.path) && seen.add(layer.path));
  const config: ResolvedConfig = { rules: {}, requiredFields: [], libraries: [], files: layers.map((l) => l.path) };
  const pii: { names?: LayerPii['names']; pseudonyms?: LayerPii['pseudonyms'] } = {};
  for (const { path, data, pii: own } of layers) {
    if (own.names) pii.names = own.names;
    if (own.pseudonyms) pii.pseudonyms = own.pseudonyms;
    Object.assign(config.rules, data.rules ?? {});
    if (data.codebook !== undefined) config.codebook = { ref: data.codebook, baseDir: dirname(path) };
    if (data.requiredFields !== undefined) config.requiredFields = [...data.requiredFields];
    if (data.stages !== undefined) config.stages = [...data.stages];
    for (const library of data.libraries ?? []) {
      const absolute = isAbsolute(library) ? library : join(dirname(path), library);
      if (!config.libraries.includes(absolute)) config.libraries.push(absolute);
    }
    if (typeof data.phases === 'string') config.phases = data.phases;
    else if (Array.isArray(data.phases)) config.phases = data.phases.map(toPhaseDefinition).filter((p): p is PhaseDefinition => p !== undefined);
  }
  const measures = mergeMeasures(layers.map((l) => l.measures).reverse());
  if (measures.length > 0) config.measures = measures;
  if (pii.names || pii.pseudonyms) {
    config.pii = {};
    if (pii.names) config.pii.names = pii.names.names;
    if (pii.pseudonyms) config.pii.pseudonyms = pii.pseudonyms.pseudonyms;
    // Editing the denylist or the map must invalidate cached results, as editing a config does.
    for (const file of [pii.names?.path, pii.pseudonyms?.path]) if (file !== undefined && !config.files.includes(file)) config.files.push(file);
  }
  return config;
}
