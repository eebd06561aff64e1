// Playwright steps on the real workbench: Show Goal Progress on the sample course, and a click on
// one of its cells, which must move the editor to that session's first reference to the goal.
// suite/goalProgress.test.ts checks the same from the extension's side; these check what a user
// sees and does. screenshots.mjs uses the helpers for the README's picture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithQuickOpen, runCommand } from './screenshots.mjs';
import { expectEditorAt, focusTextEditor, workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): the goal progress view';
const SESSION = 'C-017/04-sleep-window.session.md';
const TARGET = 'C-017/08-termination.session.md';

/** The goal progress page inside its webview (the one webview on screen). */
export function goalProgressFrame(page) {
  return page.frameLocator('iframe.webview:visible').frameLocator('iframe#active-frame');
}

/** Runs Show Goal Progress and waits for the table of the course with its three sessions. */
export async function showGoalProgress(page) {
  await runCommand(page, 'Session Markdown: Show Goal Progress');
  const view = goalProgressFrame(page);
  await view.locator('h1', { hasText: 'Goal progress: C-017' }).waitFor({ timeout: 20_000 });
  await view.locator('thead th', { hasText: 'Session 8' }).waitFor({ timeout: 20_000 });
  return view;
}

/**
 * @param {import('playwright-core').Page} page  a workbench on a fresh copy of examples/
 * @param {{ workspace: string, failureDir?: string }} options
 */
export async function checkGoalProgressView(page, { workspace, failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'goal-progress-failed', failureDir);

  let view;
  await step("shows the course's goals as rows and its sessions as columns, each cell with a status and a number of turns", async () => {
    await openWithQuickOpen(page, SESSION);
    view = await showGoalProgress(page);
    const heads = (await view.locator('thead th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (heads.join(' | ') !== 'Goal | Session 1 2026-01-13 intake | Session 4 2026-02-03 working | Session 8 2026-03-10 termination')
      throw new Error(`the columns are ${heads.join(' | ')}`);
    const mood = view.locator('tbody tr', { has: view.locator('th', { hasText: /^mood/ }) }).first();
    const cells = (await mood.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (cells.join(' | ') !== 'open 9 turns | in-progress 4 turns | achieved 9 turns') throw new Error(`the cells of mood read ${cells.join(' | ')}`);
  });

  await step("opens a cell's session at its first reference to the goal when the cell is clicked", async () => {
    if (!view) throw new Error('the goal progress view did not open');
    const text = readFileSync(join(workspace, ...TARGET.split('/')), 'utf8');
    const before = text.slice(0, text.indexOf('{#mood}')).split('\n');
    const [line, column] = [before.length, before.at(-1).length + 1];
    // Each round starts with the focus in an editor, as a user's does (see statisticsView.mjs).
    for (let round = 1; round <= CLICK_ROUNDS; round++) {
      if (round > 1) await focusTextEditor(page);
      await view.locator('a[aria-label^="mood in session 8:"]').click();
      await expectEditorAt(page, line, column, `round ${round}: after a click on the cell of mood in session 8`);
      await page.waitForTimeout(600);
      await expectEditorAt(page, line, column, `round ${round}: 600 ms after a click on the cell of mood in session 8`);
    }
  });
  return results;
}

/** How many times the cell is clicked: enough that a late focus report would show in one. */
const CLICK_ROUNDS = 5;
