// Playwright steps on the real workbench: the statistics view in a 300 px wide column (as in a
// narrow side column), measured as the browser draws it, and a click on one of its chart dots.
// suite/statistics.test.ts checks the same from the extension's side; these check what a user
// sees and does. screenshots.mjs uses the helpers for the README's pictures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithQuickOpen, runCommand } from './screenshots.mjs';
import { expectEditorAt, focusTextEditor, workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): the statistics view';
const SESSION = 'C-017/04-sleep-window.session.md';
const HEADINGS = ['Time per phase', 'Speaker share', 'Codes over the session', 'Summary scores'];
/** The chart width the page is laid out for in a 300 px view (NARROWEST_CHART_PX in src/core/research/chartLayout.ts). */
const NARROWEST_CHART_PX = 256;

/** The statistics page inside its webview. */
export function statisticsFrame(page) {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** Runs Show Session Statistics on the active transcript and waits for its four charts. */
export async function showStatistics(page) {
  await runCommand(page, 'Session Markdown: Show Session Statistics');
  const view = statisticsFrame(page);
  for (const heading of HEADINGS) await view.locator('h2', { hasText: heading }).waitFor({ timeout: 20_000 });
  const charts = await view.locator('svg').count();
  if (charts < 4) throw new Error(`the statistics view shows ${charts} charts, expected 4`);
  return view;
}

/** Drags the sash left of the statistics editor until the webview is `width` px wide. */
export async function setStatisticsWidth(page, width) {
  const webview = page.locator('iframe.webview').first();
  for (let attempt = 1; ; attempt++) {
    const box = await webview.boundingBox();
    if (!box) throw new Error('the statistics webview is not on screen');
    if (Math.abs(box.width - width) <= 1) return;
    if (attempt > 5) throw new Error(`the statistics webview is ${box.width} px wide, not ${width}`);
    const sash = await page.evaluate((left) => {
      const rects = [...document.querySelectorAll('.part.editor .monaco-sash.vertical')].map((s) => s.getBoundingClientRect()).filter((r) => r.height > 0);
      const nearest = rects.sort((a, b) => Math.abs(a.x + a.width / 2 - left) - Math.abs(b.x + b.width / 2 - left))[0];
      return nearest && Math.abs(nearest.x + nearest.width / 2 - left) < 12 ? { x: nearest.x + nearest.width / 2, y: nearest.y + nearest.height / 2 } : null;
    }, box.x);
    if (!sash) throw new Error('no sash left of the statistics editor');
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x + (box.width - width), sash.y, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
  }
}

/**
 * @param {import('playwright-core').Page} page  a workbench on a fresh copy of examples/
 * @param {{ workspace: string, failureDir?: string }} options
 */
export async function checkStatisticsView(page, { workspace, failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'statistics-failed', failureDir);

  let view;
  await step('fits a 300 px wide column: nothing scrolls sideways, no text leaves its chart or covers another', async () => {
    await openWithQuickOpen(page, SESSION);
    view = await showStatistics(page);
    await setStatisticsWidth(page, 300);
    const problems = await view.locator('body').evaluate(layoutProblems, NARROWEST_CHART_PX);
    if (problems.length) throw new Error(`at 300 px:\n  ${problems.join('\n  ')}`);
  });

  await step('draws the measures of the course over their cut-off bands', async () => {
    if (!view) throw new Error('the statistics view did not open');
    await view.locator('h2', { hasText: 'Measures over the course' }).waitFor({ timeout: 20_000 });
    const plots = view.locator('svg.measure-plot');
    await plots.first().waitFor({ timeout: 20_000 });
    const labels = await plots.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));
    if (labels.length !== 2 || !/^PHQ-9 across the course, latest 6 \(mild\)$/.test(labels[0] ?? ''))
      throw new Error(`measure plots: ${JSON.stringify(labels)}`);
    const drawn = await plots.first().evaluate((svg) => ({
      bands: [...svg.querySelectorAll('rect')].filter((r) => r.getBoundingClientRect().height > 0).length,
      dots: [...svg.querySelectorAll('circle')].filter((c) => c.getBoundingClientRect().width > 0).length,
    }));
    if (drawn.bands !== 5 || drawn.dots !== 3) throw new Error(`the PHQ-9 plot draws ${drawn.bands} bands and ${drawn.dots} dots, expected 5 and 3`);
  });

  await step('reveals the turn of a chart dot in the editor when the dot is clicked', async () => {
    if (!view) throw new Error('the statistics view did not open');
    // The one homework turn: its row has a single dot, so nothing else is under the pointer.
    const dot = view.locator('a[aria-label$="(homework)"]');
    const label = await dot.getAttribute('aria-label', { timeout: 10_000 });
    const turn = Number(/turn (\d+)/.exec(label)?.[1]);
    // Turns in this example start with a timestamp and a one-letter label, one per line.
    const lines = readFileSync(join(workspace, ...SESSION.split('/')), 'utf8').split('\n');
    const starts = lines.flatMap((line, i) => (/^\[\d\d:\d\d\] [A-Z]: /.test(line) ? [i + 1] : []));
    const total = Number(/turn (\d+)/.exec(await view.locator('svg[aria-label="Codes over the session"] text').last().textContent())?.[1]);
    if (starts.length !== total) throw new Error(`the example has ${starts.length} turn lines, the chart ${total} turns`);
    const expected = starts[turn - 1];
    // VS Code learns that a click put the focus in a webview by polling it every 250 ms, so the
    // report can come after the extension has moved the focus to the editor. Each round starts
    // with the focus in the editor, as a user's does, and the editor must keep it afterwards.
    for (let round = 1; round <= CLICK_ROUNDS; round++) {
      await focusTextEditor(page);
      await dot.click();
      await expectEditorAt(page, expected, 1, `round ${round}: after a click on the dot of turn ${turn}`);
      await page.waitForTimeout(600);
      await expectEditorAt(page, expected, 1, `round ${round}: 600 ms after a click on the dot of turn ${turn}`);
    }
  });
  return results;
}

/** How many times the dot is clicked: enough that a late focus report would show in one. */
const CLICK_ROUNDS = 10;

/** What a reader would see go wrong in the statistics page as drawn; runs in the webview. */
function layoutProblems(body, narrowestChart) {
  const problems = [];
  const root = body.ownerDocument.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth}`);
  for (const svg of body.querySelectorAll('svg')) {
    const chart = svg.getAttribute('aria-label') ?? svg.getAttribute('class');
    const box = svg.getBoundingClientRect();
    // A measure's key and plot share one row, which is as wide as the other charts.
    const row = (svg.closest('.measure-row') ?? svg).getBoundingClientRect();
    if (row.width < narrowestChart) problems.push(`${chart} is ${row.width} px wide; the layout assumes at least ${narrowestChart}`);
    const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    // A glyph may overhang its advance by a pixel (the side bearing of a T): invisible, and allowed.
    for (const t of texts)
      if (t.r.left < box.left - 1.5 || t.r.right > box.right + 1.5)
        problems.push(
          `${chart}: "${t.text}" sticks out (${Math.round(t.r.left - box.left)}–${Math.round(t.r.right - box.left)} of ${Math.round(box.width)} px)`,
        );
    texts.forEach((a, i) => {
      for (const b of texts.slice(i + 1)) {
        const apart = a.r.right <= b.r.left + 0.5 || b.r.right <= a.r.left + 0.5 || a.r.bottom <= b.r.top + 0.5 || b.r.bottom <= a.r.top + 0.5;
        if (!apart) problems.push(`${chart}: "${a.text}" and "${b.text}" overlap`);
      }
    });
  }
  return problems;
}
