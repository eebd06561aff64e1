// Characters that a terminal acts on (C0 and C1 controls, DEL: `ESC [2K` erases a line) or that
// change or hide what is shown (bidi controls, zero-width characters, line and paragraph
// separators, the byte order mark). Text from files never reaches an output with them raw.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const CONTROLS_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Whether a character is a control, bidi or zero-width character (see `escapeControls`). */
export function isControlCharacter(ch: string): boolean {
  return ch.length === 1 && CONTROL.test(ch);
}

/** A visible escape for one such character: `\n`, `\t`, `\x1b`, `\u202e`. */
export function escapeControlCharacter(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text with every control, bidi and zero-width character shown as a visible escape, for
 * human-readable output; with `keepLineFeeds`, a multi-line message keeps its `\n`; with
 * `json`, every escape is a `\uXXXX` that JSON reads back as the character.
 */
export function escapeControls(text: string, options: { keepLineFeeds?: boolean; json?: boolean } = {}): string {
  const escape = options.json ? (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : escapeControlCharacter;
  return text.replace(options.keepLineFeeds ? CONTROLS_BUT_LINE_FEED : CONTROLS, escape);
}
