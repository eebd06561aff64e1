// Markdown that VS Code renders (hovers, tooltips, completion details) must show file text as
// text: an image in a goal or a codebook description would otherwise be fetched, even in
// Restricted Mode, and a link would be one click away. File text reaches Markdown only through
// the functions here, and the `Markdown` class marks their result, so a plain string cannot slip in.

/** Markdown source in which all file text is escaped; made only by the functions of this module. */
export class Markdown {
  private constructor(readonly value: string) {}

  /** For this module only (a unit test checks it): wraps source that is known to be safe. */
  static trusted(value: string): Markdown {
    return new Markdown(value);
  }

  toString(): string {
    return this.value;
  }
}

// CommonMark lets a backslash escape any ASCII punctuation, and an escaped character is never
// syntax: no link, image, autolink, HTML, entity, emphasis, heading or list can start.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Escapes file text so that Markdown shows it as written. Indentation at a line start goes: it
 * would make an indented code block, which shows the escapes.
 */
export function escapeMarkdown(text: string): Markdown {
  return Markdown.trusted(text.replace(PUNCTUATION, '\\$&').replace(/^[ \t]+/gm, ''));
}

/**
 * A tagged template: the literal parts are Markdown written in this code base; every
 * interpolated value is file text and is escaped, unless it is `Markdown` already.
 */
export function markdown(parts: TemplateStringsArray, ...values: (string | number | Markdown)[]): Markdown {
  let out = parts[0]!;
  values.forEach((value, i) => (out += (value instanceof Markdown ? value : escapeMarkdown(String(value))).value + parts[i + 1]!));
  return Markdown.trusted(out);
}

/** Inline code showing `text` verbatim, e.g. a code id: its fence is longer than any run of backticks in it. */
export function markdownCode(text: string): Markdown {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  // CommonMark strips one space at each end, so text that starts or ends with a backtick or a space keeps its own.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return Markdown.trusted(`${fence}${pad}${flat}${pad}${fence}`);
}

/** A fenced code block showing `text` verbatim, e.g. a snippet body: no line of it can close the fence. */
export function markdownCodeBlock(text: string): Markdown {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return Markdown.trusted(`${fence}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`);
}

/** Joins Markdown parts, e.g. paragraphs with a blank line between them. */
export function joinMarkdown(parts: readonly Markdown[], separator: '\n' | '\n\n'): Markdown {
  return Markdown.trusted(parts.map((p) => p.value).join(separator));
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

// VS Code's notifications are not Markdown, but they turn `[label](https:…)`, `(command:…)` and
// `(file:…)` into links; a file name or a codebook's name must not become one.
const NOTICE_LINK = /\]\s*\(/g;

/** File text for a notification (`showInformationMessage` and the like): one line that never forms a link. */
export function noticeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(NOTICE_LINK, '] (');
}
