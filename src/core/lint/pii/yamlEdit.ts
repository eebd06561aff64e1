import { isScalar, parseDocument, Scalar, visit, type Document } from 'yaml';
import type { Session, TextEdit } from '../../model';
import { rangeAt } from '../../text/lines';
import { memoised, type PiiSpan } from './places';

// A replacement inside the front matter must leave valid YAML that means the same thing except
// for the replaced text: `client: [redacted]` would turn the client into a list, `{ Jane: client }`
// with `Smith, J` in place of `Jane` would make two keys, and a plain value over two lines cannot
// take quotes in the middle. So the smallest edit is tried and read back; if the data is not the
// data expected, the whole scalar is written again as a double-quoted string.

// A tried edit may make a collection a key (`{ [redacted]: client }`); the yaml package would warn on the console.
const QUIET = { logLevel: 'error' } as const;

interface FrontMatterYaml {
  /** Where the YAML between the fences starts in the session text. */
  open: number;
  yaml: string;
  doc: Document;
  scalars: { node: Scalar; start: number; end: number }[];
}

/** The edit that puts `newText` in place of `span` in the front matter, quoting or escaping it as the YAML around it needs. */
export function frontMatterEdit(session: Session, span: PiiSpan, newText: string): TextEdit {
  const { text, lineStarts } = session;
  const spanEdit: TextEdit = { range: rangeAt(lineStarts, span.start, span.end), newText };
  const fm = frontMatterYaml(session);
  const scalar = fm?.scalars.find((s) => s.start <= span.start && span.end <= s.end);
  // A comment, or front matter that is not valid YAML: the text itself is all there is to change.
  if (!fm || !scalar) return spanEdit;
  const expected = expectedData(fm, scalar, text, span, newText);
  if (expected === undefined) return spanEdit;
  const escaped =
    scalar.node.type === Scalar.QUOTE_DOUBLE
      ? JSON.stringify(newText).slice(1, -1)
      : scalar.node.type === Scalar.QUOTE_SINGLE
        ? newText.replace(/'/g, "''")
        : newText;
  const smallest = fm.yaml.slice(0, span.start - fm.open) + escaped + fm.yaml.slice(span.end - fm.open);
  if (readsAs(smallest, expected.data)) return { range: spanEdit.range, newText: escaped };
  // Written again whole, as JSON (a double-quoted YAML string in block and flow style alike).
  return { range: rangeAt(lineStarts, scalar.start, scalar.end), newText: JSON.stringify(expected.value) };
}

// The data the front matter should hold afterwards: the scalar's value (its source, for a number
// such as a phone number written plain) with the same occurrence of the found text replaced, as a string.
function expectedData(
  fm: FrontMatterYaml,
  scalar: FrontMatterYaml['scalars'][number],
  text: string,
  span: PiiSpan,
  newText: string,
): { value: string; data: unknown } | undefined {
  const found = text.slice(span.start, span.end);
  const value = typeof scalar.node.value === 'string' ? scalar.node.value : text.slice(scalar.start, scalar.end);
  const occurrence = text.slice(scalar.start, span.start).split(found).length - 1;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = value.indexOf(found, at + 1);
    if (at === -1) return undefined; // the source text is escaped or folded differently in the value
  }
  const replaced = value.slice(0, at) + newText + value.slice(at + found.length);
  const doc = fm.doc.clone();
  visit(doc, {
    Scalar(_, node) {
      if (node.range?.[0] === scalar.start - fm.open && node.range[1] === scalar.end - fm.open) node.value = replaced;
    },
  });
  return { value: replaced, data: doc.toJS() };
}

// YAML data is JSON-like (the core schema has no dates), so equal JSON is equal data.
function readsAs(yaml: string, data: unknown): boolean {
  try {
    const doc = parseDocument(yaml, QUIET);
    return doc.errors.length === 0 && JSON.stringify(doc.toJS()) === JSON.stringify(data);
  } catch {
    return false;
  }
}

// The YAML between the fences, parsed, with its scalars (keys and values) at their offsets in the session text; undefined when it is not valid YAML.
function frontMatterYaml(session: Session): FrontMatterYaml | undefined {
  return memoised(session, 'front matter yaml', () => {
    const fm = session.frontMatter;
    if (!fm || fm.problems.some((p) => p.kind === 'syntax')) return undefined;
    // By line, not by `\n`: a lone CR ends the fence lines too.
    const open = session.lineStarts[fm.range.start.line];
    const close = session.lineStarts[fm.range.end.line - 1];
    if (open === undefined || close === undefined || close <= open) return undefined;
    // The yaml parser does not end a line at a lone CR; a LF in its place keeps every offset.
    const yaml = session.text.slice(open, close).replace(/\r(?!\n)/g, '\n');
    try {
      const doc = parseDocument(yaml, QUIET);
      if (doc.errors.length > 0) return undefined;
      const scalars: FrontMatterYaml['scalars'] = [];
      visit(doc, {
        Scalar(_, node) {
          if (isScalar(node) && node.range) scalars.push({ node, start: open + node.range[0], end: open + node.range[1] });
        },
      });
      return { open, yaml, doc, scalars };
    } catch {
      return undefined; // nesting too deep to walk: the edits fall back to the span itself
    }
  });
}
