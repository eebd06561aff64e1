import type { YamlProblem } from '../model';

/** A config file that could not be used, with the problems at their positions in it. */
export interface ConfigError {
  path: string;
  text?: string;
  problems: YamlProblem[];
  readError?: string;
  /** Other files whose change may resolve it: a `pii` name list or pseudonym map that could not be read. */
  dependsOn?: string[];
}

/** Thrown when a config file is unreadable or invalid; the CLI reports it as a usage error. */
export class ConfigLoadError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(errors.map((e) => `${e.path}: ${e.readError ?? e.problems.map((p) => p.message).join('; ')}`).join('\n'));
  }
}
