// The steps of a Playwright suite on the workbench, reported as mocha's spec reporter reports tests.
import { join } from 'node:path';

/**
 * A recorder of `suite`'s steps on `page`: `step(title, fn)` runs one and records whether it passed; a failed
 * step leaves a picture of the workbench, `<picture>-<n>.png`, in `failureDir` when one is given.
 * @param {import('playwright-core').Page} page
 * @returns {{ results: Array<{title, fullTitle, titlePath, state, duration, error}>, step: (title: string, fn: () => Promise<unknown>) => Promise<void> }}
 */
export function workbenchSteps(page, suite, picture, failureDir) {
  const results = [];
  const step = async (title, fn) => {
    const started = Date.now();
    let error = null;
    try {
      await fn();
    } catch (e) {
      error = e?.stack ?? String(e);
      if (failureDir) {
        const path = join(failureDir, `${picture}-${results.length + 1}.png`);
        await page.screenshot({ path }).then(
          () => (error += `\n(the workbench at that moment: ${path})`),
          () => {},
        );
      }
    }
    results.push({
      title,
      fullTitle: `${suite} ${title}`,
      titlePath: [suite, title],
      state: error ? 'failed' : 'passed',
      duration: Date.now() - started,
      error,
    });
  };
  return { results, step };
}

/** Clicks into the text of the first editor group that shows a text editor, so that the focus starts there. */
export async function focusTextEditor(page) {
  const group = page.locator('.part.editor .editor-group-container').filter({ has: page.locator('.monaco-editor') });
  const box = await group.first().locator('.editor-container').boundingBox();
  if (!box) throw new Error('no text editor is on screen');
  await page.mouse.click(box.x + Math.min(200, box.width / 2), box.y + box.height / 2);
}

/**
 * Waits until the active editor group shows a text editor with the cursor at `line`:`column` and
 * that line on screen. The status bar alone is not enough: it keeps the position of the last text
 * editor while a webview's group is active.
 */
export async function expectEditorAt(page, line, column, when) {
  const position = page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  const active = page.locator('.part.editor .editor-group-container.active');
  const lineNumber = active.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const shown = (await position.textContent().catch(() => '')) ?? '';
    const onScreen = await lineNumber.isVisible();
    if (new RegExp(`^Ln ${line}, Col ${column}\\b`).test(shown) && onScreen) return;
    if (Date.now() > deadline) {
      const tab =
        (await active
          .locator('.tab.active')
          .first()
          .textContent()
          .catch(() => '')) ?? '';
      throw new Error(`${when}, the active tab is "${tab.trim()}", the status bar shows "${shown}" and line ${line} is ${onScreen ? '' : 'not '}on its screen`);
    }
    await page.waitForTimeout(100);
  }
}
