// Playwright steps on the real workbench, after the mocha suites: pictures for the README
// (docs/images/), taken the way a user sees the extension. Each step reports like a test.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { setStatisticsWidth, showStatistics, statisticsFrame } from './statisticsView.mjs';
import { showGoalProgress } from './goalProgressView.mjs';
import { showCodedSegments } from './codedSegmentsView.mjs';
import { ctrlClickTimestamp, mediaFrame, openRecording, writeMediaSession } from './mediaPanel.mjs';

const SUITE = 'workbench (Playwright)';
const SESSION_FILE = 'C-017/01-intake.session.md';
/** Quick open's `name:line` puts this (empty) line mid-screen: the goals, the first phase and its turns. */
const SESSION_LINE = 32;
const VIEW_CONTAINER_ID = 'sessionMarkdown';

/**
 * @param {import('playwright-core').Page} page  the workbench, with the examples copy open
 * @param {{ root: string, outDir: string, workspace: string, manifest: any, expectSessionsView: boolean, failureDir?: string }} options
 * @returns {Promise<Array<{title, fullTitle, titlePath, state, duration, error}>>}
 */
export async function takeScreenshots(page, { root, outDir, workspace, manifest, expectSessionsView, failureDir }) {
  mkdirSync(outDir, { recursive: true });
  const results = [];
  const step = async (title, fn) => {
    const started = Date.now();
    let state = 'passed';
    let error = null;
    try {
      if ((await fn()) === 'pending') state = 'pending';
    } catch (e) {
      state = 'failed';
      error = e?.stack ?? String(e);
      if (failureDir) {
        const picture = join(failureDir, `failed-${results.length + 1}.png`);
        await page.screenshot({ path: picture }).then(
          () => (error += `\n(the workbench at that moment: ${picture})`),
          () => {},
        );
      }
    }
    results.push({ title, fullTitle: `${SUITE} ${title}`, titlePath: [SUITE, title], state, duration: Date.now() - started, error });
  };
  const out = (name) => join(outDir, name);

  await step(`opens ${SESSION_FILE} with quick open and saves ${relative(root, out('editor.png'))}`, async () => {
    await openWithQuickOpen(page, SESSION_FILE, SESSION_LINE);
    await waitForColouring(page);
    await settle(page);
    await page.screenshot({ path: out('editor.png') });
  });

  const container = manifest.contributes?.viewsContainers?.activitybar?.find((c) => c.id === VIEW_CONTAINER_ID);
  await step(`shows the Sessions view with goals and phases and saves ${relative(root, out('sessions-view.png'))}`, async () => {
    if (!container) {
      if (expectSessionsView) throw new Error(`package.json contributes no activity-bar view container "${VIEW_CONTAINER_ID}"`);
      return 'pending'; // the sidebar is not there yet
    }
    await openViewContainer(page, container);
    if (expectSessionsView) await expectGoalsAndPhases(page, join(workspace, ...SESSION_FILE.split('/')));
    await settle(page);
    await page.screenshot({ path: out('sessions-view.png') });
  });

  // In a narrow side column first, with the Sessions view open; then wide, without the side bar.
  // A taller window shows every chart, down to the summary scores.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: 1320 });
  await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.getBoundingClientRect().height >= 1300, null, { timeout: 10_000 });
  await step(`shows the session statistics in a 300 px wide column and saves ${relative(root, out('statistics-300.png'))}`, async () => {
    await showStatistics(page);
    await setStatisticsWidth(page, 300);
    await settle(page);
    await page.screenshot({ path: out('statistics-300.png') });
  });

  await step(`shows the session statistics 800 px wide and saves ${relative(root, out('statistics-800.png'))}`, async () => {
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    await setStatisticsWidth(page, 800);
    await settle(page);
    await page.screenshot({ path: out('statistics-800.png') });
  });

  // Issue 17: the co-occurrence chart and the sequence heat-map of the same session, each at the top of the view.
  for (const [heading, name] of [
    ['Code co-occurrence', 'cooccurrence.png'],
    ['Sequences: therapist → client', 'sequences.png'],
  ]) {
    await step(`shows the chart "${heading}" of the session and saves ${relative(root, out(name))}`, async () => {
      const section = statisticsFrame(page).locator(`section[aria-label="${heading}"]`);
      await section.locator('svg').first().waitFor({ timeout: 20_000 });
      await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await settle(page);
      await page.screenshot({ path: out(name) });
    });
  }

  await step(`shows the measures of the course over their cut-off bands and saves ${relative(root, out('measures-chart.png'))}`, async () => {
    const section = statisticsFrame(page).locator('section[aria-label="Measures over the course"]');
    await section.locator('svg.measure-plot').first().waitFor({ timeout: 20_000 });
    const plots = await section.locator('svg.measure-plot').count();
    if (plots !== 2) throw new Error(`the measures chart draws ${plots} measures, expected PHQ-9 and ISI`);
    await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await settle(page);
    await page.screenshot({ path: out('measures-chart.png') });
  });
  await page.setViewportSize(viewport);

  // The course of the open transcript (01-intake, the first of three sessions), beside it.
  await step(`shows the goal progress of the sample course and saves ${relative(root, out('goal-progress.png'))}`, async () => {
    await showGoalProgress(page);
    await settle(page);
    await page.screenshot({ path: out('goal-progress.png') });
  });

  await step(`plays a recording beside its transcript and saves ${relative(root, out('media-panel.png'))}`, async () => {
    // A transcript and a generated recording of tones, written into this copy of examples/ only.
    writeMediaSession(workspace);
    await runCommand(page, 'View: Close All Editors'); // the pictures above left some open
    await page.keyboard.press('Control+Shift+E'); // the Explorer, where quick open waits for the new folder
    const player = await openRecording(page);
    await ctrlClickTimestamp(page, '00:00:12');
    const deadline = Date.now() + 10_000;
    while ((await player.evaluate((a) => a.currentTime)) < 13) {
      if (Date.now() > deadline) throw new Error('the recording did not play past 00:00:13');
      await page.waitForTimeout(100);
    }
    await mediaFrame(page)
      .locator('#player')
      .evaluate((a) => a.pause());
    await settle(page);
    await page.screenshot({ path: out('media-panel.png') });
  });

  // Last, as it reshapes the side bar: Coded Segments alone in it, wide, on the sample course.
  await step(`shows the Coded Segments view filtered to the Middle phases and saves ${relative(root, out('coded-segments.png'))}`, async () => {
    if (!container) throw new Error(`package.json contributes no activity-bar view container "${VIEW_CONTAINER_ID}"`);
    await runCommand(page, 'View: Close All Editors');
    await openViewContainer(page, container);
    await showCodedSegments(page);
    await settle(page);
    await page.screenshot({ path: out('coded-segments.png') });
  });
  return results;
}

export async function runCommand(page, title) {
  await page
    .locator('.part.editor')
    .click({ position: { x: 300, y: 300 } })
    .catch(() => {});
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

export async function openWithQuickOpen(page, relativePath, line) {
  const name = relativePath.split('/').pop();
  // Quick open finds nothing until the window is connected to the server's file system:
  // wait for the Explorer to list the workspace's first folder.
  const firstFolder = relativePath.split('/')[0];
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: firstFolder }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page
    .locator('.part.editor')
    .click({ position: { x: 200, y: 200 } })
    .catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  const query = line ? `${name}:${line}` : name;
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let attempt = 1; ; attempt++) {
    await input.fill('');
    await page.keyboard.type(query, { delay: 20 });
    try {
      await row.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error; // a search that started too early is not repeated by itself
    }
  }
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page
    .locator('.quick-input-widget')
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => {});
  // The status bar's language indicator shows the language the file opened with.
  await page
    .locator('.statusbar-item', { hasText: /Session Markdown/ })
    .first()
    .waitFor({ timeout: 15_000 });
}

/**
 * The grammar's tokens arrive asynchronously, the embedded YAML's last: wait until the editor
 * shows several colours and the colouring has not changed for a second.
 */
async function waitForColouring(page) {
  const colouring = () =>
    page.evaluate(() => {
      const spans = [...document.querySelectorAll('.editor-instance .view-lines span[class*="mtk"]')];
      return spans.map((s) => [...s.classList].filter((c) => /^mtk\d+$/.test(c)).join(' ')).join('|');
    });
  const deadline = Date.now() + 10_000;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const now = await colouring();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (new Set(now.split(/[| ]/)).size >= 4 && Date.now() - stableSince >= 1000) {
      return;
    }
    await page.waitForTimeout(200);
  }
  // Not fatal: a grammar without colours is for the grammar tests to catch.
}

export async function openViewContainer(page, container) {
  const item = page
    .locator(
      [
        `.part.activitybar .action-item .action-label.activity-workbench-view-extension-${container.id}`,
        `.part.activitybar .action-item .action-label[aria-label^="${container.title}"]`,
      ].join(', '),
    )
    .first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  const actionItem = item.locator('xpath=ancestor::li[contains(@class, "action-item")][1]');
  const isOpen = await actionItem.evaluate((el) => el.classList.contains('checked')).catch(() => false);
  if (!isOpen) await item.click(); // clicking an open container would close it
  await page
    .locator('.part.sidebar .composite.title', { hasText: new RegExp(container.title, 'i') })
    .first()
    .waitFor({ timeout: 15_000 });
}

/** The goals (by id or text) and phases (model name or heading) of the open session, in the sidebar. */
async function expectGoalsAndPhases(page, sessionPath) {
  const text = readFileSync(sessionPath, 'utf8');
  const frontMatter = parseYaml(text.match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '') ?? {};
  const goals = (frontMatter.goals ?? []).flatMap((g) => [g.id, g.text]).filter(Boolean);
  const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
  const phases = [...headings, 'Beginning', 'Middle', 'Termination'];
  const sidebar = page.locator('.part.sidebar');
  const deadline = Date.now() + 20_000;
  let shown = '';
  for (;;) {
    shown = await sidebar.innerText().catch(() => '');
    const missing = [];
    if (!/goal/i.test(shown)) missing.push('a "Goals" item');
    if (!goals.some((g) => shown.includes(g))) missing.push(`a goal of the session (${goals.filter((_, i) => i % 2 === 0).join(', ')})`);
    if (!/phase/i.test(shown)) missing.push('a "Phases" item');
    if (!phases.some((p) => shown.includes(p))) missing.push(`a phase (${phases.join(', ')})`);
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`the Sessions view does not show ${missing.join('; ')}. It shows:\n${shown}`);
    await page.waitForTimeout(250);
  }
}

/** Mouse out of the way, no hover or focus ring caught mid-animation. */
async function settle(page) {
  await page.mouse.move(1, 1);
  await page.waitForTimeout(800);
}
