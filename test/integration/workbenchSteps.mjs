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
