import { escapeXml as escape } from '../core';

/** What the media page needs: the recording's webview URI, whether to show video, the CSP source and the script's nonce. */
export interface MediaPageInput {
  src: string;
  video: boolean;
  cspSource: string;
  nonce: string;
  follow: boolean;
}

// The page plays the recording and talks to the extension by messages only: it reports the time and
// errors, and obeys seek, play/pause, back and speed. No network: the CSP allows media from the
// webview's own resource root (the recording's folder) and the one inline script with its nonce.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const player = document.getElementById('player');
const speed = document.getElementById('speed');
const follow = document.getElementById('follow');
const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];
let last = -1;
function report() {
  const t = player.currentTime;
  if (Math.abs(t - last) < 0.2 && !player.paused) return;
  last = t;
  vscode.postMessage({ type: 'time', seconds: t, paused: player.paused });
}
function setSpeed(delta) {
  const i = Math.max(0, Math.min(SPEEDS.length - 1, SPEEDS.indexOf(player.playbackRate) + delta));
  player.playbackRate = SPEEDS[i] ?? 1;
  speed.textContent = player.playbackRate + '×';
}
function toggle() { if (player.paused) player.play().catch(failed); else player.pause(); }
function back(seconds) { player.currentTime = Math.max(0, player.currentTime - seconds); report(); }
function failed(error) {
  vscode.postMessage({ type: 'error', code: player.error ? player.error.code : 0, message: String(player.error?.message || error || '') });
}
player.addEventListener('timeupdate', report);
player.addEventListener('seeked', report);
player.addEventListener('pause', report);
player.addEventListener('error', () => failed());
player.addEventListener('loadedmetadata', () => vscode.postMessage({ type: 'ready', duration: player.duration }));
follow.addEventListener('change', () => vscode.postMessage({ type: 'follow', on: follow.checked }));
window.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'seek') { player.currentTime = m.seconds; report(); if (m.play) player.play().catch(failed); }
  else if (m.type === 'toggle') toggle();
  else if (m.type === 'back') back(m.seconds);
  else if (m.type === 'speed') setSpeed(m.delta);
  else if (m.type === 'follow') follow.checked = m.on;
});
document.addEventListener('keydown', (e) => {
  if (e.target === follow) return;
  if (e.key === ' ' || e.key === 'k') { e.preventDefault(); toggle(); }
  else if (e.key === 'ArrowLeft' || e.key === 'j') { e.preventDefault(); back(3); }
  else if (e.key === '[' || e.key === '-') setSpeed(-1);
  else if (e.key === ']' || e.key === '+') setSpeed(1);
});
`;

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0.5em 1em; }
audio, video { width: 100%; margin: 0.5em 0; }
.bar { display: flex; gap: 1.5em; align-items: center; }
.keys { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
`;

/** The media panel's page: the player, its speed, the follow switch and the keys it takes. */
export function renderMediaHtml(input: MediaPageInput): string {
  const tag = input.video ? 'video' : 'audio';
  const csp = `default-src 'none'; media-src ${input.cspSource}; script-src 'nonce-${input.nonce}'; style-src 'nonce-${input.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">
<style nonce="${escape(input.nonce)}">${STYLE}</style></head>
<body>
<${tag} id="player" controls preload="metadata" src="${escape(input.src)}"></${tag}>
<div class="bar"><span>Speed <b id="speed">1×</b></span>
<label><input type="checkbox" id="follow"${input.follow ? ' checked' : ''}> Follow playback in the transcript</label></div>
<p class="keys">Space: play or pause · ←: back 3 s · [ and ]: slower, faster. In the editor: Ctrl+click a timestamp to play from it.</p>
<script nonce="${escape(input.nonce)}">${SCRIPT}</script>
</body></html>`;
}
