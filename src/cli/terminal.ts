import { escapeControls } from '../core';
import type { Output } from './io';

// Text from files (a path, a label, a heading, a codebook's description) can hold control
// characters; in a terminal `ESC [2K CR` erases the line before it, and bidi controls reorder
// what is shown. Human-readable output shows them as visible escapes (`\x1b`, `\u202e`).

/** The colour codes the tool itself writes with --color: the only escape sequences it lets through. */
export const COLOUR = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;

const OWN_COLOUR = new RegExp(
  `(${Object.values(COLOUR)
    .map((code) => code.replace('[', '\\['))
    .join('|')})`,
);

/** One field of human-readable output (a path, a message, a table cell) with its control, bidi and zero-width characters shown as escapes. */
export function printable(text: string): string {
  return escapeControls(text);
}

/**
 * Human-readable output as a whole, with whatever control characters reach it escaped: the
 * backstop behind `printable`, so a field that was not made printable still cannot act on the
 * terminal. It keeps line feeds and, with `colour`, the tool's own colour codes.
 */
export function terminalText(text: string, options: { colour?: boolean } = {}): string {
  if (!options.colour) return escapeControls(text, { keepLineFeeds: true });
  // Split on the tool's own codes (the capture keeps them at odd indexes) and escape the text between them.
  return text
    .split(OWN_COLOUR)
    .map((part, i) => (i % 2 === 1 ? part : escapeControls(part, { keepLineFeeds: true })))
    .join('');
}

/** A stream whose every write goes through `terminalText`: stderr, where every message may name a file or quote an argument. */
export function terminalOutput(out: Output): Output {
  return { write: (chunk: string) => out.write(terminalText(chunk)) };
}

/** JSON text for output: `JSON.stringify`, which escapes C0 controls, with the C1, bidi and zero-width characters it writes raw escaped as `\uXXXX` too (the same JSON). */
export function jsonText(value: unknown, indent?: number): string {
  return escapeControls(JSON.stringify(value, null, indent), { keepLineFeeds: true, json: true });
}
