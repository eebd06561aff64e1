// Playwright steps on the real workbench: the media panel plays a WAV that this suite writes (tones
// at known times), a Ctrl+click on a timestamp seeks it, and playing on highlights the turn being
// spoken. The folder opens in Restricted Mode, as every folder of the integration run does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithQuickOpen, runCommand } from './screenshots.mjs';
import { workbenchSteps } from './workbenchSteps.mjs';

export const SUITE = 'workbench (Playwright): the media panel';
export const MEDIA_SESSION = 'recorded/tones.session.md';
const TURN_TIMES = [0, 6, 12, 18, 24];

/**
 * A mono 16-bit PCM WAV of `seconds` of silence with a 440 Hz tone of half a second at each of
 * `toneStarts`: a recording whose content is known to the sample (test/support/wav.ts makes the same for the CLI tests).
 */
export function toneWav(seconds, toneStarts, sampleRate = 8000) {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (const start of toneStarts) {
    const first = Math.round(start * sampleRate);
    for (let i = first; i < Math.min(samples, first + sampleRate / 2); i++)
      data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Writes `recorded/tones.session.md` and its 30-second recording `recorded/audio/tones.wav` into `folder`. */
export function writeMediaSession(folder) {
  mkdirSync(join(folder, 'recorded', 'audio'), { recursive: true });
  writeFileSync(join(folder, 'recorded', 'audio', 'tones.wav'), toneWav(30, TURN_TIMES));
  const text = [
    '---',
    'session: 2',
    'date: 2026-03-02',
    'client: C-030',
    'media: audio/tones.wav',
    '---',
    '',
    '## Beginning',
    '',
    '[00:00:00] T: How has your sleep been since we last met? {open-question}',
    '[00:00:06] C: Better on weekdays. I lie awake less.',
    '',
    '## Middle',
    '',
    '[00:00:12] T: The new bedtime is starting to help. {reflection.simple}',
    '[00:00:18] C: It is, though weekends are still hard.',
    '',
    '## Termination',
    '',
    '[00:00:24] T: Shall we keep the sleep diary for another week? {closed-question}',
    '',
  ].join('\n');
  writeFileSync(join(folder, ...MEDIA_SESSION.split('/')), text);
}

/** The media page inside its webview. */
export function mediaFrame(page) {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** Opens the transcript and its recording; resolves to the player element, its metadata loaded. */
export async function openRecording(page) {
  await openWithQuickOpen(page, MEDIA_SESSION);
  await page.locator('.view-lines', { hasText: '00:00:12' }).first().waitFor({ timeout: 20_000 });
  await runCommand(page, 'Session Markdown: Open Recording');
  const player = mediaFrame(page).locator('#player');
  await player.waitFor({ timeout: 20_000 });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await player.evaluate((a) => ({ ready: a.readyState, duration: a.duration, error: a.error?.code ?? null }));
    if (state.error !== null) throw new Error(`the player reports media error ${state.error}`);
    if (state.ready >= 1 && Math.abs(state.duration - 30) < 0.1) return player;
    if (Date.now() > deadline) throw new Error(`the player did not load the 30-second recording: ${JSON.stringify(state)}`);
    await page.waitForTimeout(100);
  }
}

// The editor line that shows `text`, as drawn.
function editorLine(page, text) {
  return page.locator('.part.editor .editor-group-container .view-line', { hasText: text }).first();
}

/** Ctrl+clicks the timestamp at the start of the editor line that shows `text` (its link covers the first 10 characters). */
export async function ctrlClickTimestamp(page, text) {
  const box = await editorLine(page, text).boundingBox();
  if (!box) throw new Error(`the line of [${text}] is not on screen`);
  await page.keyboard.down('Control');
  await page.mouse.click(box.x + 30, box.y + box.height / 2);
  await page.keyboard.up('Control');
}

/** Waits until `probe()` is true, polling every 40 ms; `describe()` says what was seen instead. */
async function until(page, probe, describe, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(await describe());
    await page.waitForTimeout(40);
  }
}

/**
 * @param {import('playwright-core').Page} page  a workbench on a folder where `writeMediaSession` wrote
 * @param {{ failureDir?: string }} options
 */
export async function checkMediaPanel(page, { failureDir }) {
  const { results, step } = workbenchSteps(page, SUITE, 'media-failed', failureDir);
  const view = mediaFrame(page);
  let player;
  const time = () => player.evaluate((a) => a.currentTime);
  const paused = () => player.evaluate((a) => a.paused);

  await step('plays a generated WAV beside its transcript, started and paused with the Space key', async () => {
    player = await openRecording(page);
    await view.locator('.keys').click();
    await page.keyboard.press('Space');
    await until(
      page,
      async () => (await time()) > 0.5,
      async () => `after Space the player is at ${await time()} s, paused: ${await paused()}`,
    );
    await page.keyboard.press('Space');
    await until(page, paused, async () => 'Space again did not pause the player');
  });

  await step('Ctrl+click on [00:00:12] sets the player to 12.0 ± 0.25 s', async () => {
    if (!player) throw new Error('the media panel did not open');
    await ctrlClickTimestamp(page, '00:00:12');
    let seen = [];
    await until(
      page,
      async () => {
        const t = await time();
        seen.push(Number(t.toFixed(2)));
        return Math.abs(t - 12) <= 0.25;
      },
      async () => `the player's time went ${seen.slice(-8).join(', ')} s, never within 12.0 ± 0.25`,
    );
  });

  await step('playing past a turn’s timestamp highlights that turn in the editor', async () => {
    if (!player) throw new Error('the media panel did not open');
    // From 00:00:06 (the second turn) on past 00:00:12: the third turn is highlighted.
    await ctrlClickTimestamp(page, '00:00:06');
    // Drawn by the editor as a whole-line decoration (a `ced-…` class with a background) on the third turn's line.
    const highlighted = () =>
      page.evaluate(() => {
        const tops = [...document.querySelectorAll('.part.editor .editor-group-container .view-overlays > div > div')]
          .filter((d) => /\bced-/.test(d.className) && getComputedStyle(d).backgroundColor !== 'rgba(0, 0, 0, 0)')
          .map((d) => Math.round(d.getBoundingClientRect().top));
        const line = [...document.querySelectorAll('.part.editor .editor-group-container .view-line')].find((l) => l.textContent.includes('00:00:12'));
        return { tops, third: line ? Math.round(line.getBoundingClientRect().top) : null };
      });
    await until(
      page,
      async () => (await time()) > 12.3 && (await highlighted()).tops.includes((await highlighted()).third),
      async () => `at ${await time()} s the highlighted lines and the third turn's line are at ${JSON.stringify(await highlighted())}`,
      20_000,
    );
    await page.keyboard.press('Escape');
  });
  return results;
}
