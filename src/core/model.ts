import type { Root } from 'mdast';

/** A 1-based position, as in unist; `offset` is 0-based in the text without its BOM. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A source range: `end` is exclusive, like unist. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A replacement of the text in `range` (1-based, end exclusive) by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A way to resolve a finding. `safe` fixes are the ones `--fix` applies without asking. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
}

/** One problem found in a file: by a rule, or by a pseudo-rule such as `file-invalid` (see lint/pseudoRules.ts). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

export type Role = 'therapist' | 'client' | 'other';
export type GoalStatus = 'open' | 'in-progress' | 'achieved' | 'dropped';

/** A speaker label declared in the front matter (or one of the defaults). */
export interface Speaker {
  label: string;
  role: Role;
  /** Where the label is declared; absent for the default speakers. */
  range?: Range;
}

/** A therapy goal declared in the front matter. */
export interface Goal {
  id: string;
  text: string;
  status: GoalStatus;
  range: Range;
  idRange: Range;
}

/** A session rating written under `ratings:` in the front matter, such as `empathy: 4`. */
export interface Rating {
  /** The key as written: a rating scale's id when the codebook declares one. */
  id: string;
  /** The value, when it is a finite number. */
  value?: number;
  /** What the value is, so a message can say what is wrong without quoting it. */
  kind: 'number' | 'text' | 'list' | 'mapping' | 'boolean' | 'empty';
  /** From the key to the end of the value. */
  range: Range;
  idRange: Range;
  /** Absent when nothing follows the colon. */
  valueRange?: Range;
}

/** A score of a clinical measure written under `measures:` in the front matter, such as `PHQ-9: 14`; read like a rating, with the measure's name as its id. */
export type MeasureScore = Rating;

/** A phase of a phase model, with the names it is also known by. */
export interface PhaseDefinition {
  name: string;
  aliases: string[];
}

/** An ordered list of phases, such as `default` (Beginning, Middle, Termination) or `mi`. */
export interface PhaseModel {
  id: string;
  phases: PhaseDefinition[];
}

/** A problem found while reading YAML (front matter, config or codebook). */
export interface YamlProblem {
  message: string;
  range: Range;
  /** `syntax` for unreadable YAML, `type` for a value of the wrong shape. */
  kind: 'syntax' | 'type';
}

/** The typed front matter of a session; fields are absent when missing or mistyped. */
export interface FrontMatter {
  range: Range;
  /** The plain data, as the YAML parser read it. */
  data: Record<string, unknown>;
  session?: number;
  date?: string;
  client?: string;
  /** The course of therapy or training group, when sessions are grouped by it rather than by client. */
  course?: string;
  therapist?: string;
  approach?: string;
  /** The stage of the course of therapy the session belongs to (`stage:`), such as `intake`; checked against the stage list by `stage-unknown`. */
  stage?: string;
  speakers?: Speaker[];
  phases?: string | PhaseDefinition[];
  codebook?: string;
  codebookRange?: Range;
  /** The session's recording (`media:`): a path relative to the transcript, as written; `mediaRange` is where its value is. */
  media?: string;
  mediaRange?: Range;
  goals: Goal[];
  /** The id of the goal the session works towards (`changeGoal:`), which MITI coders are told before coding. */
  changeGoal?: string;
  /** Per-file rule severities (`rules:` in the front matter). */
  rules?: Record<string, string>;
  /** The session ratings (`ratings:`), in the order written; absent when there is no readable `ratings:` mapping. */
  ratings?: Rating[];
  /** The measure scores (`measures:`), in the order written; absent when there is no readable `measures:` mapping. */
  measures?: MeasureScore[];
  problems: YamlProblem[];
  /** Ranges of top-level keys, for messages and edits. */
  keyRanges: Map<string, { key: Range; value: Range | undefined }>;
}

/** A level-2 heading and the text up to the next one. */
export interface Section {
  /** The heading text as written, e.g. `Middle — exposure work`. */
  title: string;
  /** The phase it names, if any. */
  phase?: PhaseDefinition;
  /** The position of the phase in the model, or -1. */
  phaseIndex: number;
  subtitle?: string;
  headingRange: Range;
  /** From the heading to the end of the section. */
  range: Range;
  topics: Topic[];
}

/** A level-3 heading inside a section: a free topic marker. */
export interface Topic {
  title: string;
  range: Range;
}

/** A code annotation `{code}` or `{code | note}`. */
export interface CodeAnnotation {
  id: string;
  note?: string;
  range: Range;
  idRange: Range;
  /** The utterance it codes: the `index` of one of its turn's `utterances`. */
  utterance: number;
}

/**
 * The words of a turn that the codes written after them code (docs/format.md#utterances): from
 * the previous run of codes, or the start of the turn's words, up to the code.
 */
export interface Utterance {
  /** 1-based position among the coded utterances of the turn. */
  index: number;
  /** The words, as `Turn.text` gives them: goal references and HTML comments removed, white space collapsed. */
  text: string;
  /** From its first character to just after its last; empty, where its codes start, when they have no words. */
  range: Range;
}

/** A goal reference `{#goal}`. */
export interface GoalReference {
  id: string;
  range: Range;
  idRange: Range;
}

/** A memo: a blockquote directly after a turn. */
export interface Memo {
  text: string;
  range: Range;
}

/** A timestamp `[hh:mm:ss]` or `[mm:ss]` at the start of a turn. */
export interface Timestamp {
  raw: string;
  /** Seconds from the start; absent when malformed. */
  seconds?: number;
  range: Range;
}

/** One speaker turn: a labelled line and the lines that continue it. */
export interface Turn {
  /** 1-based position of the turn within the session. */
  index: number;
  label: string;
  /** The role of the label, or undefined when the label is not declared. */
  role?: Role;
  timestamp?: Timestamp;
  /** The spoken text with codes and goal references removed. */
  text: string;
  codes: CodeAnnotation[];
  /** The coded utterances, in order; words after the last code belong to none. */
  utterances: Utterance[];
  goals: GoalReference[];
  memos: Memo[];
  range: Range;
  labelRange: Range;
  /** Index into `Session.sections`, or -1 before the first level-2 heading. */
  sectionIndex: number;
}

/** A parsed `.session.md` document: the one model every feature reads. */
export interface Session {
  /** The text without its byte order mark; every offset and position is into it. */
  text: string;
  hadBom: boolean;
  /** The byte order mark removed from the start (none, one or two U+FEFF, see `stripBom`), for writing the text back as it was. */
  bom: string;
  eol: '\n' | '\r\n' | '\r';
  mdast: Root;
  frontMatter?: FrontMatter;
  speakers: Speaker[];
  phaseModel: PhaseModel;
  sections: Section[];
  turns: Turn[];
  lineStarts: number[];
}
