// Playwright helpers for the README's picture of the Coded Segments view (screenshots.mjs): the
// Sessions side bar with Current Session and All Sessions folded away, the view filtered to the
// Middle phases of the samples, a code and its subtype open on their turns.
import { runCommand } from './screenshots.mjs';

const FILTER = 'phase:Middle';

/** Folds the other views of the Sessions side bar, filters Coded Segments and opens `reflection` and `reflection.simple` on their turns. */
export async function showCodedSegments(page) {
  const sidebar = page.locator('.part.sidebar');
  for (const name of ['Current Session', 'All Sessions', 'Memos']) await setExpanded(page, name, false);
  await runCommand(page, 'Session Markdown: Filter Coded Segments…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(FILTER);
  await page.keyboard.press('Enter');
  await runCommand(page, 'Focus on Coded Segments View');
  const pane = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: /Coded Segments/i }) }).first();
  await pane.locator('.pane-header .description', { hasText: FILTER }).waitFor({ timeout: 20_000 });
  const row = (text) => pane.locator('.monaco-list-row', { hasText: text }).first();
  for (const code of [/^reflection × \d+/, /^reflection\.simple × \d+/]) {
    const target = pane
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: code }) })
      .first();
    await target.waitFor({ timeout: 20_000 });
    if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  }
  await row(/Session \d+ · Middle · turn \d+/).waitFor({ timeout: 20_000 });
  // The selection's focus ring would show in the picture.
  await page.keyboard.press('Escape');
}

/** Puts the side bar back as the other pictures show it: Current Session and All Sessions open, Coded Segments folded and unfiltered. */
export async function foldCodedSegments(page) {
  await runCommand(page, 'Session Markdown: Clear Coded Segments Filter');
  await setExpanded(page, 'Coded Segments', false);
  for (const name of ['Current Session', 'All Sessions']) await setExpanded(page, name, true);
}

async function setExpanded(page, name, expanded) {
  const header = page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^\\s*${name}`, 'i') }).first();
  if ((await header.count()) === 0) return;
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
}
