// A REFI-QDA project (QDA-XML 1.0, urn:QDA-XML:project:1.0) as plain data: what session-md
// writes to project.qde and reads back from it. Elements the exchange does not use (pictures,
// PDFs, audio, graphs, links) are not modelled; the reader names them in a warning.

/** The value types of a REFI-QDA variable (`typeOfVariable`). */
export type QdaValueType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

/** A code of the codebook, with the codes below it. */
export interface QdaCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description?: string;
  children: QdaCode[];
}

/** A variable (an attribute of sources or cases). */
export interface QdaVariable {
  guid: string;
  name: string;
  type: QdaValueType;
  description?: string;
}

/** The value of a variable for one source or case, as written in XML. */
export interface QdaValue {
  variable: string;
  type: QdaValueType;
  value: string;
}

/** A code applied to a selection, with the notes on that coding. */
export interface QdaCoding {
  guid: string;
  code: string;
  notes: string[];
}

/** A span of a text source, in Unicode code points from its start (end exclusive). */
export interface QdaSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  codings: QdaCoding[];
  notes: string[];
}

/** A plain-text source: one session. */
export interface QdaSource {
  guid: string;
  name: string;
  description?: string;
  text: string;
  selections: QdaSelection[];
  values: QdaValue[];
  /** Notes on the source as a whole. */
  notes: string[];
}

/** A note (memo). */
export interface QdaNote {
  guid: string;
  name?: string;
  text: string;
}

/** A case: a unit of analysis holding sources and selections, with its own variable values. */
export interface QdaCase {
  guid: string;
  name: string;
  description?: string;
  values: QdaValue[];
  sources: string[];
  selections: string[];
}

/** A set of codes (a code group). */
export interface QdaSet {
  guid: string;
  name: string;
  description?: string;
  codes: string[];
}

/** A whole project. */
export interface QdaProject {
  name: string;
  origin?: string;
  users: { guid: string; name: string }[];
  codes: QdaCode[];
  variables: QdaVariable[];
  cases: QdaCase[];
  sources: QdaSource[];
  notes: QdaNote[];
  sets: QdaSet[];
}

/** The `origin` session-md writes, by which it knows its own projects when reading them back. */
export const SESSION_MD_ORIGIN = 'Session Markdown';
