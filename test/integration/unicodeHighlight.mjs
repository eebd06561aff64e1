// Playwright steps on the real workbench, in Restricted Mode (how the product opens a folder):
// VS Code boxes "unusual" Unicode characters there. A German or Spanish transcript must read
// without a box on every accented letter, dash and quotation mark; the invisible and look-alike
// characters that break a code's id must stay boxed, and the Problems panel names them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithQuickOpen } from './screenshots.mjs';
import { workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): non-ASCII text in Restricted Mode';
const SESSION = 'notes/01-unicode.session.md';
const CYRILLIC_IE = '\u0435'; // looks exactly like a Latin e
const ZERO_WIDTH_SPACE = '\u200b';

/** Ordinary text of German, Spanish and French transcripts, each line one kind of character. */
const ORDINARY = [
  'T: Wie war die Woche seit unserem Gespräch? Grüße von Frau Jäger. {open-question}',
  'C: Müde — aber ich habe „endlich“ durchgeschlafen. {change-talk}',
  'T: ¿Y qué pasó después, señora Núñez? ¡Qué bien! {open-question}',
  'C: I’d say it was ‘better’ – “much” better… {change-talk}',
  'T: «\u00a0Très bien\u00a0», c’est ça\u202f? À bientôt. {reflection.simple}',
];
/** Codes whose ids hold a character that breaks them: each must stay boxed. */
const BROKEN = [`T: Sie klingen erleichtert. {refl${CYRILLIC_IE}ction}`, `T: Was genau hat geholfen? {open${ZERO_WIDTH_SPACE}-question}`];

/** Writes the workspace: one transcript with ordinary non-ASCII text and two broken codes. */
export function writeUnicodeWorkspace(dir) {
  const transcript = [
    '---',
    'session: 2',
    'date: 2026-05-04',
    'client: C-912',
    'codebook: core',
    '---',
    '',
    '## Beginning',
    '',
    ...ORDINARY,
    '',
    '## Middle',
    '',
    ...BROKEN,
    '',
    '## Termination',
    '',
    'T: Bis nächste Woche. {summary}',
    '',
  ].join('\n');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, SESSION), transcript);
  return dir;
}

/**
 * @param {import('playwright-core').Page} page  the workbench with the workspace of writeUnicodeWorkspace open
 * @returns {Promise<Array<{title, fullTitle, titlePath, state, duration, error}>>}
 */
export async function checkUnicodeHighlights(page, { failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'failed-unicode', failureDir);

  await step('opens the transcript in Restricted Mode', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await openWithQuickOpen(page, SESSION);
  });

  await step('boxes no ordinary letter, dash or quotation mark, and boxes the look-alike and invisible characters inside codes', async () => {
    const boxed = await settledBoxes(page);
    const where = (b) => `column ${b.column} of "${b.lineText}" (U+${b.codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
    const ordinary = boxed.filter((b) => ORDINARY.some((line) => b.lineText === asShown(line)));
    if (ordinary.length) throw new Error(`ordinary text is boxed at ${ordinary.length} places:\n  ${ordinary.slice(0, 12).map(where).join('\n  ')}`);
    const found = boxed.map((b) => b.codePoint);
    const missing = [CYRILLIC_IE, ZERO_WIDTH_SPACE].filter((ch) => !found.includes(ch.codePointAt(0)));
    if (missing.length)
      throw new Error(
        `not boxed: ${missing.map((ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase()}`).join(', ')}; boxed: ${boxed.map(where).join(', ') || 'nothing'}`,
      );
    const outsideCodes = boxed.filter((b) => !b.inCode);
    if (outsideCodes.length) throw new Error(`boxed outside a code: ${outsideCodes.map(where).join(', ')}`);
  });

  await step('names each of those characters by its code point in the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    for (const text of ['U+0435, a letter outside A–Z that may look like one', 'U+200B, an invisible character']) {
      await problems.getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
    }
  });
  return results;
}

// Monaco draws spaces as U+00A0: lines are compared with both as spaces.
const asShown = (line) => line.replace(/\u00a0/g, ' ');

/**
 * The characters that carry a unicode-highlight box in the editor, once the boxes stop changing:
 * each with its column, code point, line text (as the DOM holds it) and whether it sits inside `{…}`.
 */
async function settledBoxes(page) {
  const read = () =>
    page.evaluate(() => {
      const editor = document.querySelector('.part.editor .monaco-editor');
      if (!editor) return null;
      const lines = [...editor.querySelectorAll('.view-lines .view-line')].map((el) => ({
        el,
        rect: el.getBoundingClientRect(),
        text: el.textContent.replace(/\u00a0/g, ' '),
      }));
      // Monaco draws a decoration box in the overlay layer, at the position of the characters it covers.
      return [...editor.querySelectorAll('.view-overlays .unicode-highlight')].map((box) => {
        const r = box.getBoundingClientRect();
        const middle = r.top + r.height / 2;
        const line = lines.find((l) => l.rect.top <= middle && middle < l.rect.bottom);
        if (!line) return { lineText: '?', column: -1, codePoint: -1, inCode: false };
        // The character whose left edge is where the box starts (a zero-width one too).
        const walker = document.createTreeWalker(line.el, NodeFilter.SHOW_TEXT);
        let column = 0;
        let best = { column: -1, distance: Infinity, codePoint: -1 };
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.data.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const distance = Math.abs(range.getBoundingClientRect().left - r.left);
            if (distance < best.distance) best = { column, distance, codePoint: node.data.codePointAt(i) };
            column++;
          }
        }
        const before = line.text.slice(0, best.column);
        const inCode = before.lastIndexOf('{') > before.lastIndexOf('}') && line.text.indexOf('}', best.column) !== -1;
        return { lineText: line.text, column: best.column + 1, codePoint: best.codePoint, inCode };
      });
    });
  // The highlighter works after the text is shown, in a worker, 250 ms after the last change.
  const deadline = Date.now() + 15_000;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const boxes = await read();
    const now = JSON.stringify(boxes);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (boxes && boxes.length > 0 && Date.now() - stableSince >= 1500) {
      return boxes;
    }
    if (Date.now() > deadline) return boxes ?? [];
    await page.waitForTimeout(250);
  }
}
