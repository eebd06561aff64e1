import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Codebook, type Range, type Session } from '../../../src/core';
import { parseCodebook } from '../../../src/core/codebook/codebook';
import { parseSession } from '../../../src/core/parse/session';
import { BUILTIN_CODEBOOKS_DIR } from '../../support/paths';

/** The built-in `core` codebook, read the way the loader reads it. */
export const CORE: Codebook = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'builtin:core').codebook!;

/** The caret marker in test transcripts. */
export const CARET = '‸';

/** Parses lines joined with `eol`; a `‸` in them marks the cursor and is removed. */
export function withCursor(lines: string[], eol: '\n' | '\r\n' = '\n'): { session: Session; offset: number } {
  const marked = lines.join(eol);
  const offset = marked.indexOf(CARET);
  if (offset === -1) throw new Error('no caret in the test transcript');
  return { session: parseSession(marked.replace(CARET, '')), offset };
}

/** Parses lines joined with `eol`. */
export function session(lines: string[], eol: '\n' | '\r\n' = '\n'): Session {
  return parseSession(lines.join(eol));
}

/** The offset of the `n`-th (0-based) occurrence of `needle`, plus `delta`. */
export function offsetOf(s: Session, needle: string, delta = 0, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = s.text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`'${needle}' not found`);
  }
  return at + delta;
}

/** A range as `line:col-line:col`, the way a user reads positions. */
export function lc(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** The text a range covers. */
export function textOf(s: Session, range: Range): string {
  return s.text.slice(range.start.offset, range.end.offset);
}

/** A session with goals, three speakers, phases, topics, codes, notes and memos. */
export const SAMPLE = [
  '---', //                                                        1
  'session: 3', //                                                 2
  'client: C-017', //                                              3
  'speakers:', //                                                  4
  '  T: therapist', //                                             5
  '  C: client', //                                                6
  '  P: other', //                                                 7
  'goals:', //                                                     8
  '  - id: sleep', //                                              9
  '    text: Sleep through the night at least four nights a week', // 10
  '    status: in-progress', //                                    11
  '  - id: mood', //                                               12
  '    text: Feel less low in the mornings', //                    13
  '---', //                                                        14
  '', //                                                           15
  '# Session 3', //                                                16
  '', //                                                           17
  '## Beginning', //                                               18
  '', //                                                           19
  '[00:00:05] T: What brought you here today? {open-question}', // 20
  '[00:00:19] C: I cannot sleep. {#sleep} {change-talk}', //      21
  '', //                                                           22
  '> Memo: the client names sleep at once;', //                    23
  '> a good start.', //                                            24
  '', //                                                           25
  '## Middle — exposure work', //                                  26
  '', //                                                           27
  '### Sleep diary', //                                            28
  '', //                                                           29
  'T: You lie awake and it wears you down. {reflection.complex}', // 30
  'C: Yes. {#sleep}', //                                           31
  '', //                                                           32
  '### Mornings', //                                               33
  '', //                                                           34
  'T: And the mornings? {reflection} {reframe | "always" -> "sometimes"}', // 35
  '', //                                                           36
  '## Wrap-up', //                                                 37
  '', //                                                           38
  'T: Let us look back at sleep. {summary} {#sleep}', //           39
  '',
];

/** Markdown as the reader sees its text: the backslash escapes the core adds to file text removed. */
export function shown(markdown: { value: string }): string {
  return markdown.value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
