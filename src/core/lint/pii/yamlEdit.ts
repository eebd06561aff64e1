import { isScalar, parse, parseDocument, Scalar, visit } from 'yaml';
import type { Session } from '../../model';
import { rangeAt } from '../../text/lines';
import type { TextEdit } from '../types';
import { memoised, type PiiSpan } from './places';

// A replacement inside the front matter must leave valid YAML that means the same thing
// except for the replaced text: `client: [redacted]` would turn the client into a list.

interface ScalarSpan {
  start: number;
  end: number;
  type: Scalar['type'];
}

/** The edit that puts `newText` in place of `span` in the front matter, quoting or escaping it as the YAML around it needs. */
export function frontMatterEdit(session: Session, span: PiiSpan, newText: string): TextEdit {
  const { text, lineStarts } = session;
  const scalar = scalarsOf(session).find((s) => s.start <= span.start && span.end <= s.end);
  const spanEdit = (replacement: string): TextEdit => ({ range: rangeAt(lineStarts, span.start, span.end), newText: replacement });
  switch (scalar?.type) {
    case Scalar.QUOTE_DOUBLE:
      return spanEdit(JSON.stringify(newText).slice(1, -1));
    case Scalar.QUOTE_SINGLE:
      return spanEdit(newText.replace(/'/g, "''"));
    case Scalar.PLAIN: {
      const source = text.slice(scalar.start, scalar.end);
      const replaced = source.slice(0, span.start - scalar.start) + newText + source.slice(span.end - scalar.start);
      if (source.includes('\n') || readsAsText(replaced)) return spanEdit(newText);
      // Only the quotes are added around the scalar; its other text stays as it was.
      return { range: rangeAt(lineStarts, scalar.start, scalar.end), newText: JSON.stringify(replaced) };
    }
    default:
      return spanEdit(newText); // a comment, a block scalar, or front matter that is not valid YAML
  }
}

// Whether a plain scalar written as `value` reads back as that very text.
function readsAsText(value: string): boolean {
  try {
    return parse(`k: ${value}\n`)?.k === value;
  } catch {
    return false;
  }
}

// The scalars of the front matter (keys and values) with their offsets in the session text; none when it is not valid YAML.
function scalarsOf(session: Session): ScalarSpan[] {
  return memoised(session, 'front matter scalars', () => {
    const fm = session.frontMatter;
    if (!fm || fm.problems.some((p) => p.kind === 'syntax')) return [];
    const { text } = session;
    const open = text.indexOf('\n', fm.range.start.offset) + 1;
    const close = text.lastIndexOf('\n', fm.range.end.offset - 1) + 1;
    if (open <= 0 || close <= open) return [];
    const scalars: ScalarSpan[] = [];
    try {
      const doc = parseDocument(text.slice(open, close));
      if (doc.errors.length > 0) return [];
      visit(doc, {
        Scalar(_, node) {
          if (isScalar(node) && node.range) scalars.push({ start: open + node.range[0], end: open + node.range[1], type: node.type });
        },
      });
    } catch {
      return []; // nesting too deep to walk: the edits fall back to the span itself
    }
    return scalars;
  });
}
