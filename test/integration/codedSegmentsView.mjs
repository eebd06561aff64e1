// Playwright helpers for the README's picture of the Coded Segments view (screenshots.mjs): the
// Sessions side bar with Current Session and All Sessions folded away, the view filtered to the
// Middle phases of the samples, a code and its subtype open on their turns.
import { runCommand } from './screenshots.mjs';

const FILTER = 'phase:Middle';
const WIDE_SIDEBAR = 620;

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
    if ((await target.getAttribute('aria-expanded')) !== 'true') await target.locator('.label-name').click();
    await pane
      .locator('.monaco-list-row[aria-expanded="true"]')
      .filter({ has: page.locator('.label-name', { hasText: code }) })
      .first()
      .waitFor({ timeout: 10_000 });
  }
  // Wide enough to read each turn's session, phase and number; the first turn open in the editor.
  await setSidebarWidth(page, WIDE_SIDEBAR);
  const turn = row(/Session \d+ · Middle · turn \d+/);
  await turn.waitFor({ timeout: 20_000 });
  await turn.locator('.label-name').click();
  await page.locator('.tabs-container .tab.active', { hasText: '.session.md' }).waitFor({ timeout: 15_000 });
}

async function setExpanded(page, name, expanded) {
  const header = page.locator('.part.sidebar .pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) }).first();
  if ((await header.count()) === 0) return;
  if ((await header.getAttribute('aria-expanded')) === String(expanded)) return;
  await header.locator('h3.title').click();
  await page.waitForFunction(([element, value]) => element.getAttribute('aria-expanded') === value, [await header.elementHandle(), String(expanded)], {
    timeout: 5_000,
  });
}

// Drags the sash on the side bar's right edge so that the side bar is `width` pixels wide.
async function setSidebarWidth(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not shown');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((w) => Math.abs(document.querySelector('.part.sidebar').getBoundingClientRect().width - w) <= 8, width, { timeout: 5_000 });
}
