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
  /** The timestamp to write exactly as it is (`00:01:05.5`), instead of `seconds` in whole seconds: a session-md export's. */
  clock?: string;
  /** The phase the turn is in (a session-md export's `phase`): a `## phase` heading is written where it changes. */
  phase?: string;
  /** A memo written after the turn (a session-md export's `memo`). */
  memo?: string;
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
  /** For a transcript read from a `session-md export`: what its rows say about the session's front matter. */
  exported?: ExportedSession;
}

/** What a session's rows in a `session-md export` say about its front matter: the values of its first row, and each speaker's role (`undefined`: not declared). */
export interface ExportedSession {
  client?: string;
  session?: number;
  date?: string;
  codebook?: string;
  roles: Map<string, Role | undefined>;
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
