// Playwright steps on the real workbench, in Restricted Mode: file text that VS Code renders as
// Markdown (tree tooltips, completion details, hovers) must stay text. A request logger on
// 127.0.0.1 stands in for a remote server; the transcript, its front matter and a workspace
// library point images and links at it. The workbench must render every one of those places,
// show no image or link to the logger, and the logger must see no request.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openViewContainer, openWithQuickOpen } from './screenshots.mjs';
import { workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): file text stays text';
const FOLDER = 'notes';
const SESSION = `${FOLDER}/01-probe.session.md`;

/**
 * A TCP server on 127.0.0.1 that writes down every connection's first line (an HTTP request
 * line, or `TLS` for an https attempt) and answers 404.
 * @returns {Promise<{ origin: string, port: number, seen: string[], close(): Promise<void> }>}
 */
export function startRequestLogger() {
  const seen = [];
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (chunk) => {
      seen.push(chunk[0] === 0x16 ? 'TLS handshake' : chunk.toString('latin1').split('\r\n')[0]);
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        seen,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Writes the hostile workspace: a transcript and a workspace library whose text points at the logger. */
export function writeHostileWorkspace(dir, origin) {
  // The workbench's Content Security Policy lets images load over https only, as in desktop VS Code.
  const secure = origin.replace('http:', 'https:');
  const image = (name) => `![${name}](${secure}/${name}.png)`;
  const link = (name) => `[${name} link](${origin}/${name}-link)`;
  const yaml = (text) => JSON.stringify(text); // JSON strings are YAML strings
  const transcript = [
    '---',
    'session: 1',
    'date: 2026-05-01',
    `client: ${yaml(`C-900 ${image('client')}`)}`,
    `course: ${yaml(`Group ${image('course')} ${link('course')}`)}`,
    `therapist: ${yaml(`T-9 ${image('therapist')}`)}`,
    `approach: ${yaml(`CBT ${image('approach')} <img src="${secure}/approach-html.png">`)}`,
    'goals:',
    '  - id: sleep',
    `    text: ${yaml(`Sleep better ${image('goal')} ${link('goal')} <img src="${secure}/goal-html.png">`)}`,
    '    status: open',
    '---',
    '',
    '## Beginning',
    '',
    'T: How was the week? {probe} {#sleep}',
    // One backtick: it would end the code span that the hover shows the id in.
    `C: Tired. {odd\`id ${image('code-id')}}`,
    '',
    '',
  ].join('\n');
  const library = [
    `name: ${yaml(`Trainer library ${image('library-name')}`)}`,
    'codes:',
    '  - id: probe',
    `    label: ${yaml(`Probe ${image('code-label')}`)}`,
    '    role: therapist',
    `    description: ${yaml(`Asks for more ${image('code-description')} ${link('description')}`)}`,
    '    snippets:',
    '      - label: Probe further',
    `        description: ${yaml(`Invites detail ${image('snippet-description')}`)}`,
    '        body:',
    `          - ${yaml(`T: Tell me more ${image('snippet-body')} {probe}`)}`,
    '          - "```"',
    `          - ${yaml(`${image('snippet-fence')} ${link('snippet-fence')}`)}`,
    '',
  ].join('\n');
  mkdirSync(join(dir, FOLDER), { recursive: true });
  writeFileSync(join(dir, SESSION), transcript);
  writeFileSync(join(dir, 'trainer.codebook.yaml'), library);
  return dir;
}

/**
 * Renders every place where file text becomes Markdown and checks that none of it turned into an
 * image or a link, and that the logger saw no request.
 * @param {import('playwright-core').Page} page  the workbench with the hostile workspace open
 * @returns {Promise<Array<{title, fullTitle, titlePath, state, duration, error}>>}
 */
export async function checkFileTextStaysInert(page, { logger, manifest, failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'failed-inert', failureDir);
  const inert = (where) => expectInert(page, where, logger.port);
  const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'sessionMarkdown');

  await step('shows the goal tooltip of the Current Session view as text', async () => {
    await openWithQuickOpen(page, SESSION);
    await openViewContainer(page, container);
    const goal = page.locator('.part.sidebar .monaco-list-row', { hasText: 'Sleep better' }).first();
    await goal.waitFor({ timeout: 30_000 });
    await inert(await hoverOver(page, goal, 'Referenced by'));
  });

  await step('shows the session tooltip of the All Sessions view as text', async () => {
    const session = page.locator('.part.sidebar .monaco-list-row', { hasText: 'Session 1' }).first();
    await session.waitFor({ timeout: 30_000 });
    await inert(await hoverOver(page, session, 'Problems:'));
  });

  await step('shows the documentation of code, goal and snippet completions as text', async () => {
    await goToLine(page, '18');
    await page.keyboard.type('{prob');
    await inert(await completionDetails(page, 'probe', 'Asks for more'));
    await clearLine(page);
    await page.keyboard.type('{#');
    await inert(await completionDetails(page, 'sleep', 'Sleep better'));
    await clearLine(page);
    await page.keyboard.type('probe');
    await page.keyboard.press('Control+Space');
    await inert(await completionDetails(page, 'Probe further', 'Invites detail'));
    await clearLine(page);
  });

  await step('shows the hover of a code and of an unknown code id as text', async () => {
    await goToLine(page, '16:24');
    await inert(await editorHover(page, 'Role: therapist'));
    await goToLine(page, '17:14');
    await inert(await editorHover(page, 'is not in the codebook'));
  });

  await step('sent no request to the logger while rendering them', async () => {
    // An image the page loads now, from a second logger, arrives after any an earlier rendering asked for.
    const control = await startRequestLogger();
    try {
      await page.evaluate((url) => void (new Image().src = url), `${control.origin.replace('http:', 'https:')}/control.png`);
      const deadline = Date.now() + 15_000;
      while (control.seen.length === 0) {
        if (Date.now() > deadline) throw new Error('the control image never reached its logger: a logger is not reachable from the page');
        await page.waitForTimeout(100);
      }
    } finally {
      await control.close();
    }
    if (logger.seen.length) throw new Error(`the workbench sent ${logger.seen.length} request(s) for file text:\n  ${logger.seen.join('\n  ')}`);
  });
  return results;
}

/** Fails if the rendered element shows an image, or links or loads anything from the logger. */
async function expectInert(page, rendered, port) {
  const found = await rendered.evaluate((root, at) => {
    const loads = ['src', 'srcset', 'href', 'data-href', 'style'];
    return [...root.querySelectorAll('*')]
      .filter((el) => el.tagName === 'IMG' || loads.some((name) => el.getAttribute(name)?.includes(at)))
      .map((el) => el.outerHTML.slice(0, 160));
  }, `127.0.0.1:${port}`);
  if (found.length) throw new Error(`file text was rendered as Markdown:\n  ${found.join('\n  ')}`);
}

const HOVER = '.workbench-hover, .monaco-hover:not(.hidden)';

async function hoverOver(page, target, text) {
  const hover = page.locator(HOVER).filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(1, 1);
    await target.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 });
      return hover;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function editorHover(page, text) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator(HOVER).filter({ hasText: text }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  return hover;
}

/** Opens the suggestions, focuses `label` and waits for its details to show `text`. */
async function completionDetails(page, label, text) {
  const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
  const focused = page.locator('.editor-widget.suggest-widget .monaco-list-row.focused');
  const details = page.locator('.suggest-details').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      // A suggestion request still running when more is typed can end without a list: ask again.
      if (!(await rows.filter({ hasText: label }).first().isVisible())) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Space');
      }
      await focused.first().waitFor({ timeout: 10_000 });
      for (let down = 0; down < 20 && !(await focused.filter({ hasText: label }).count()); down++) await page.keyboard.press('ArrowDown');
      if (!(await details.isVisible())) await page.keyboard.press('Control+Space'); // shows or hides the details
      await details.waitFor({ state: 'visible', timeout: 3_000 });
      return details;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function goToLine(page, where) {
  await page.keyboard.press('Escape');
  await page.locator('.part.editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${where}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
}

async function clearLine(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');
}
