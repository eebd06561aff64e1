import type { Role } from '../../model';

/** One speaker's contribution read from an imported transcript. */
export interface Utterance {
  /** The speaker's name as the source writes it. */
  speaker: string;
  /** What was said, as the source writes it (it is made safe when the session is built). */
  text: string;
  /** Seconds from the start of the recording, when the source gives a time. */
  seconds?: number;
  /** Code ids to annotate the turn with. */
  codes?: string[];
  /** Ids of the goals the turn addresses (`{#id}`); the session declares each. */
  goals?: string[];
  /** The 1-based line of the source where the utterance starts. */
  line: number;
}

/** Something the importer changed or left out, at a line of the source. */
export interface ImportWarning {
  line: number;
  message: string;
}

/** What a reader found in a source file: its utterances, in order, and its warnings. */
export interface ImportedTranscript {
  utterances: Utterance[];
  warnings: ImportWarning[];
  /** Transcript-level values for the front matter, by key in the order asked for (`--meta-columns`). */
  fields?: ReadonlyMap<string, string>;
}

/** Input that cannot be imported; `line` is the 1-based line of the source, when one is to blame. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The role of each speaker name, as `--role-map "Dr Rivera=therapist,Sam=client"` gives it. */
export type RoleMap = ReadonlyMap<string, Role>;

/** What each source code value becomes: a code id, or `''` to drop the value. */
export type CodeMap = ReadonlyMap<string, string>;
