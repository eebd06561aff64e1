import { stableGuid } from './guid';
import type { QdaValue, QdaValueType, QdaVariable } from './model';

// Front-matter fields as REFI-QDA variables, one per key. A key whose values are all of one
// scalar type gets that type (Integer, Float, Boolean, Date, Text), so a QDA tool can filter and
// sort by it. A key whose values are lists or mappings (speakers, goals, ratings), or of mixed
// types, is a Text variable holding each value as JSON, and says so in its Description, so the
// values come back exactly.

/** The Description of a variable whose values are JSON. */
export const JSON_VARIABLE = 'session-md: each value is the front-matter value as JSON';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function scalarType(value: unknown): QdaValueType | undefined {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Integer' : /^-?\d+\.\d+$/.test(String(value)) ? 'Float' : undefined;
  if (typeof value !== 'string') return undefined;
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? 'Date' : 'Text';
}

/** The variables of the sessions' front matter, in order of first appearance, and each session's values. */
export function frontMatterVariables(data: readonly Record<string, unknown>[]): { variables: QdaVariable[]; values: QdaValue[][] } {
  const types = new Map<string, QdaValueType | 'json'>();
  for (const fields of data)
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || value === undefined) continue;
      const type = scalarType(value) ?? 'json';
      const seen = types.get(key);
      // Dates among texts are texts; any other mixture is kept exactly as JSON.
      const merged =
        seen === undefined || seen === type
          ? type
          : new Set([seen, type]).size === 2 && [seen, type].every((t) => t === 'Date' || t === 'Text')
            ? 'Text'
            : 'json';
      types.set(key, merged);
    }
  const variables = [...types].map(([name, type]): QdaVariable => {
    const variable: QdaVariable = { guid: stableGuid(`variable:${name}`), name, type: type === 'json' ? 'Text' : type };
    if (type === 'json') variable.description = JSON_VARIABLE;
    return variable;
  });
  const values = data.map((fields) =>
    variables.flatMap((variable): QdaValue[] => {
      const value = fields[variable.name];
      if (value === null || value === undefined) return [];
      const text = variable.description === JSON_VARIABLE ? JSON.stringify(value) : String(value);
      return [{ variable: variable.guid, type: variable.type, value: text }];
    }),
  );
  return { variables, values };
}

/** A variable's value as front-matter data: typed as the variable is, JSON read back; undefined when it cannot be read as its type. */
export function frontMatterValue(value: QdaValue, variable: QdaVariable): unknown {
  const text = value.value.trim();
  if (variable.description === JSON_VARIABLE) {
    try {
      return JSON.parse(value.value) as unknown;
    } catch {
      return undefined;
    }
  }
  switch (value.type) {
    case 'Boolean':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
    case 'Integer':
    case 'Float': {
      const number = Number(text);
      return text === '' || !Number.isFinite(number) ? undefined : number;
    }
    case 'Date':
      return text.slice(0, 10);
    default:
      return value.value;
  }
}
