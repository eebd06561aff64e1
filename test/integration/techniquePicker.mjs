// Playwright steps on the real workbench: the list "Insert Technique…" shows, as a user sees it.
// In the Middle, after a client turn, the therapist's techniques written for the Middle come
// first, under a heading that says so, and the Beginning ones do not lead the list.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithQuickOpen } from './screenshots.mjs';
import { workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): Insert Technique';
const SESSION = 'notes/02-techniques.session.md';
const LINES = [
  '---',
  'session: 3',
  'date: 2026-05-11',
  'client: C-912',
  'codebook: core',
  '---',
  '',
  '## Beginning',
  '',
  'T: Welcome back. {other}',
  'C: Thanks. {neutral}',
  '',
  '## Middle',
  '',
  'T: How did the diary go? {open-question}',
  'C: Badly, to be honest. {sustain-talk}',
  '',
  '',
];
/** The empty line after the client's turn in the Middle, where the cursor goes (1-based). */
const CURSOR_LINE = LINES.length - 1;

/** Writes the transcript the steps insert into. */
export function writeTechniqueSession(dir) {
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, SESSION), LINES.join('\n'));
}

/**
 * @param {import('playwright-core').Page} page  a workbench whose workspace holds writeTechniqueSession's file
 * @returns {Promise<Array<{title, fullTitle, titlePath, state, duration, error}>>}
 */
export async function checkTechniqueOrder(page, { failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'failed-technique', failureDir);

  await step("lists the therapist's Middle techniques first, under a heading, after a client turn in the Middle", async () => {
    await page.keyboard.press('Escape');
    await openWithQuickOpen(page, SESSION, CURSOR_LINE);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Session Markdown: Insert Technique');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Insert Technique' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Technique' }).waitFor({ timeout: 15_000 });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    // Each row, top to bottom: its heading (shown on the first row of a group; rows are reused, so a hidden one is stale) and its label.
    const shown = await rows.evaluateAll((elements) =>
      elements
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => {
          const separator = row.querySelector('.quick-input-list-separator');
          return {
            separator: separator?.checkVisibility() ? separator.textContent.trim() : '',
            label: row.querySelector('.quick-input-list-label .label-name')?.textContent?.trim() ?? '',
          };
        }),
    );
    await page.keyboard.press('Escape');
    const items = shown.filter((r) => r.label);
    const describe = JSON.stringify(shown);
    if (!shown.some((r) => r.separator.includes("Fits here · Middle · therapist's turn")))
      throw new Error(`no heading "Fits here · Middle · therapist's turn": ${describe}`);
    if (items[0]?.label !== 'Reframe a thought' || items[1]?.label !== 'Agree homework')
      throw new Error(`the first techniques are not the Middle ones (Reframe a thought, Agree homework): ${describe}`);
    if (items.slice(0, 8).some((r) => r.label === 'What brought you here' || r.label === 'Greeting'))
      throw new Error(`a Beginning technique is among the first: ${describe}`);
  });
  return results;
}
