import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseCounter } from '../../src/core';
import { HANG_MS } from '../support/limits';
import { runWith } from '../support/lintRun';
import { ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';
import { toneWav } from '../support/wav';

// `media:` in the CLI: lint checks that the recording exists and that no timestamp is after its end,
// and stats tells how much of the recording the transcript spans; the length comes from the header.

const SESSION = (media: string, last = '[00:00:24] C: Yes.'): string =>
  [
    '---',
    'session: 1',
    `media: ${media}`,
    '---',
    '',
    '## Beginning',
    '',
    '[00:00:06] T: What brings you here today? {open-question}',
    '[00:00:12] C: I cannot sleep.',
    last,
    '',
  ].join('\n');

describe('session-md and the recording named by media:', () => {
  it('lints a transcript whose recording exists and holds every timestamp clean of the media rules', async () => {
    const ws = makeWorkspace({ 'one.session.md': SESSION('audio/one.wav'), 'audio/one.wav': toneWav(30, [6, 12, 24]) });
    try {
      const { stdout } = await runCli(['lint', '--format', 'json', '--rules', 'media-missing,timestamp-beyond-media', '.'], ws.dir);
      assert.deepEqual(JSON.parse(stdout).files[0].findings, []);
    } finally {
      ws.dispose();
    }
  });

  it('reads the recording the same way in the built CLI, which loads its header reader only then, in one thread and on workers', () => {
    const ws = makeWorkspace({ 'late.session.md': SESSION('late.wav', '[00:00:45] C: Yes.'), 'late.wav': toneWav(30) });
    try {
      for (const threads of ['1', '2']) {
        const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'late.session.md'], {
          cwd: ws.dir,
          encoding: 'utf8',
          timeout: HANG_MS,
          env: { ...process.env, SESSION_MD_THREADS: threads },
        });
        const findings = (JSON.parse(result.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files[0]!.findings;
        assert.deepEqual(
          findings.filter((f) => f.ruleId === 'timestamp-beyond-media').map((f) => f.message),
          ['This timestamp is after the end of the recording, which lasts 00:00:30'],
          `SESSION_MD_THREADS=${threads}: ${result.stderr}`,
        );
      }
    } finally {
      ws.dispose();
    }
  });

  it('reports a missing recording and a timestamp after the end of a 30-second one', async () => {
    const ws = makeWorkspace({
      'gone.session.md': SESSION('audio/gone.wav'),
      'late.session.md': SESSION('late.wav', '[00:00:45] C: Yes.'),
      'late.wav': toneWav(30),
    });
    try {
      const { stdout } = await runCli(['lint', '--format', 'json', '.'], ws.dir);
      const files = JSON.parse(stdout).files as { path: string; findings: { ruleId: string; message: string; line: number }[] }[];
      const media = (name: string): string[] =>
        files
          .find((f) => f.path.endsWith(name))!
          .findings.filter((f) => f.ruleId.includes('media'))
          .map((f) => `${f.line} ${f.ruleId}: ${f.message}`);
      assert.deepEqual(media('gone.session.md'), ['3 media-missing: The media file does not exist: no file at this path, relative to the transcript']);
      assert.deepEqual(media('late.session.md'), ['10 timestamp-beyond-media: This timestamp is after the end of the recording, which lasts 00:00:30']);
    } finally {
      ws.dispose();
    }
  });

  it('refuses a URL and a symbolic link out of the folder, and never names the file in the message', async () => {
    const outside = makeWorkspace({ 'secret-client-name.wav': toneWav(1) });
    const ws = makeWorkspace({ 'url.session.md': SESSION('https://example.org/a.wav'), 'link.session.md': SESSION('linked.wav') });
    symlinkSync(outside.path('secret-client-name.wav'), ws.path('linked.wav'));
    try {
      const { stdout } = await runCli(['lint', '--format', 'json', '.'], ws.dir);
      assert.doesNotMatch(stdout, /secret|example\.org/);
      const files = JSON.parse(stdout).files as { path: string; findings: { ruleId: string; message: string }[] }[];
      const of = (name: string): string[] => files.find((f) => f.path.endsWith(name))!.findings.map((f) => `${f.ruleId}: ${f.message}`);
      assert.ok(
        of('link.session.md').includes('media-missing: The media path goes through a symbolic link out of the workspace folder'),
        of('link.session.md').join('\n'),
      );
      assert.ok(
        of('url.session.md').some((f) => f.startsWith('front-matter-invalid:') && f.includes('should be a path relative to the transcript')),
        of('url.session.md').join('\n'),
      );
    } finally {
      ws.dispose();
      outside.dispose();
    }
  });

  it('gives the recording length and the share the transcript spans in every stats format', async () => {
    // Timestamps from 00:00:06 to 00:00:24 span 18 of the recording's 40 seconds.
    const ws = makeWorkspace({ 'one.session.md': SESSION('one.wav'), 'one.wav': toneWav(40) });
    try {
      const json = JSON.parse((await runCli(['stats', '--format', 'json', '.'], ws.dir)).stdout);
      assert.equal(json.sessions[0].mediaSeconds, 40);
      assert.equal(json.sessions[0].mediaCoverage, 18 / 40);
      const table = (await runCli(['stats', '.'], ws.dir)).stdout;
      assert.match(table, /duration 0:18 · recording 0:40, 45% covered/);
      const rows = parse((await runCli(['stats', '--format', 'csv', '--by', 'session', '.'], ws.dir)).stdout, { columns: true }) as Record<string, string>[];
      const session = rows.find((r) => r['level'] === 'session')!;
      assert.equal(session['mediaSeconds'], '40');
      assert.equal(session['mediaCoverage'], '0.45');
    } finally {
      ws.dispose();
    }
  });

  it('lint --cache lints again when the recording appears, changes or goes, without reading it', async () => {
    const ws = makeWorkspace({ 'one.session.md': SESSION('one.wav', '[00:00:45] C: Yes.') });
    const lint = async (): Promise<{ rules: string[]; parsed: number }> => {
      const parseCounter: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
      const { stdout } = await runWith(['lint', '--cache', '--format', 'json', '--rules', 'media-missing,timestamp-beyond-media', '.'], ws.dir, {
        parseCounter,
      });
      return { rules: JSON.parse(stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId), parsed: parseCounter.sessions };
    };
    try {
      assert.deepEqual(await lint(), { rules: ['media-missing'], parsed: 1 });
      assert.deepEqual(await lint(), { rules: ['media-missing'], parsed: 0 }, 'nothing changed: served from the cache');
      writeFileSync(ws.path('one.wav'), toneWav(30));
      assert.deepEqual(await lint(), { rules: ['timestamp-beyond-media'], parsed: 1 });
      writeFileSync(ws.path('one.wav'), toneWav(50));
      assert.deepEqual(await lint(), { rules: [], parsed: 1 });
      rmSync(ws.path('one.wav'));
      assert.deepEqual(await lint(), { rules: ['media-missing'], parsed: 1 });
    } finally {
      ws.dispose();
    }
  });

  it('adds no media columns to the stats of sessions without a recording', async () => {
    const ws = makeWorkspace({ 'one.session.md': SESSION('one.wav').replace('media: one.wav\n', '') });
    try {
      const csv = (await runCli(['stats', '--format', 'csv', '.'], ws.dir)).stdout;
      assert.doesNotMatch(csv.split('\n')[0]!, /media/);
      assert.equal(JSON.parse((await runCli(['stats', '--format', 'json', '.'], ws.dir)).stdout).sessions[0].mediaSeconds, undefined);
    } finally {
      ws.dispose();
    }
  });
  it('reads a damaged header from a bounded head of the recording, never the whole file', async () => {
    // An ID3 tag that claims 256 MB, then zeros, in a sparse 300 MB file: given the whole file, the
    // metadata library read the claimed tag and scanned it, for minutes, until Node ran out of memory.
    const ws = makeWorkspace({ 'one.session.md': SESSION('damaged.mp3') });
    try {
      const fd = openSync(join(ws.dir, 'damaged.mp3'), 'w');
      writeSync(fd, Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f]));
      writeSync(fd, Buffer.alloc(1), 0, 1, 300 * 1024 * 1024 - 1);
      closeSync(fd);
      const before = process.memoryUsage().rss;
      const { code, stdout } = await runCli(['lint', '--format', 'json', '--rules', 'media-missing,timestamp-beyond-media', '.'], ws.dir);
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout).files[0].findings, [], 'a recording whose length cannot be read is no finding');
      assert.ok(process.memoryUsage().rss - before < 128 * 1024 * 1024, 'the claimed tag is never held in memory');
    } finally {
      ws.dispose();
    }
  });
});
