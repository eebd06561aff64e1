import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSession } from '../../src/core/parse/session';
import { FIXTURES } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 16, problems 1, 4, 5, 7 and 8 and UTF-32: each file under test/fixtures/import/cues/ reproduces one.
const CUES = join(FIXTURES, 'import', 'cues');

type Workspace = ReturnType<typeof makeWorkspace>;

/** Imports a fixture to stdout; returns the exit code, the turns as `[hh:mm:ss] Speaker: text` and stderr. */
async function importFixture(ws: Workspace, name: string, ...options: string[]): Promise<{ code: number; turns: string[]; stderr: string }> {
  const from = name.endsWith('.srt') ? 'srt' : 'vtt';
  const result = await runCli(['import', name, '--from', from, ...options], ws.dir);
  const turns = result.code === 2 ? [] : parseSession(result.stdout).turns.map((t) => `[${t.timestamp?.raw ?? ''}] ${t.label}: ${t.text}`);
  return { code: result.code, turns, stderr: result.stderr };
}

function workspaceWith(...names: string[]): Workspace {
  return makeWorkspace(Object.fromEntries(names.map((name) => [name, readFileSync(join(CUES, name))])));
}

describe('import: cues as the WebVTT parsing rules and SRT parsers find them (issue 16)', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('starts a cue at every timing line, even with no blank line before it (problem 1)', async () => {
    ws = workspaceWith('missing-blank-line.vtt', 'missing-blank-line.srt');
    const expected = [
      '[00:00:01] Dr Rivera: How has the week been since we last met?',
      '[00:00:05] Sam: Honestly, pretty rough. I barely slept.',
      '[00:00:09] Dr Rivera: What kept you up?',
      '[00:00:12] Sam: Mostly thinking about work.',
    ];
    for (const name of ['missing-blank-line.vtt', 'missing-blank-line.srt']) {
      const imported = await importFixture(ws, name);
      assert.deepEqual(imported.turns, expected, name);
      assert.equal(imported.code, 0, imported.stderr);
    }
  });

  it('keeps < and > in SRT text unless they form a formatting tag (problem 4)', async () => {
    ws = workspaceWith('angle-brackets.srt');
    const imported = await importFixture(ws, 'angle-brackets.srt');
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(imported.turns, [
      '[00:00:01] Dr Rivera: On a scale of one to ten, how is the pain?',
      '[00:00:04] Sam: I would rate it < 5 and my mood > 3 today. <laughs> Better than last week.',
      '[00:00:10] Dr Rivera: That is good to hear. <crosstalk>',
      '[00:00:12] Sam: Much better, really.',
    ]);
  });

  it('decodes HTML character references as WebVTT does, &lrm; and &rlm; to their marks (problem 5)', async () => {
    ws = workspaceWith('entities.vtt');
    const imported = await importFixture(ws, 'entities.vtt');
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(imported.turns, [
      '[00:00:01] Dr Rivera: So you went back to the café…',
      '[00:00:04] Sam: I didn’t want to — but I did. \u200eShalom\u200f & hi there',
    ]);
  });

  it('reads a line of spaces inside a VTT cue as part of the cue (problem 7)', async () => {
    ws = workspaceWith('google-meet-spaces.vtt');
    const imported = await importFixture(ws, 'google-meet-spaces.vtt');
    assert.deepEqual([imported.code, imported.stderr.includes('warning')], [0, false], imported.stderr);
    assert.deepEqual(imported.turns, [
      '[00:00:00] Dr Rivera: Thanks for joining today. Can you hear me all right?',
      '[00:00:04] Sam: Yes, loud and clear.',
      '[00:00:07] Dr Rivera: Good.',
    ]);
  });

  it('names the line of text that has no cue timing (problem 7)', async () => {
    ws = makeWorkspace({ 'stray.vtt': 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam>Hi.</v>\n\n\nSo anyway\nmore\n' });
    const imported = await importFixture(ws, 'stray.vtt');
    assert.match(
      imported.stderr,
      /^session-md: stray\.vtt:7: warning: expected a cue timing such as 00:00:01\.000 --> 00:00:04\.000, found 'S\* a\*\*\*\*\*'/m,
    );
    assert.deepEqual(imported.turns, ['[00:00:01] Sam: Hi. So anyway more']);
  });

  it('keeps the words of a cue with an impossible timing by default, with a warning at its line (problem 8)', async () => {
    ws = workspaceWith('bad-cue.vtt', 'bad-cue.srt');
    for (const [name, line] of [
      ['bad-cue.vtt', 12],
      ['bad-cue.srt', 10],
    ] as const) {
      const imported = await importFixture(ws, name);
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(
        imported.turns,
        [
          '[00:00:01] Dr Rivera: Where would you like to start?',
          '[00:00:03] Sam: With the argument on Sunday. It started over dinner.',
          '[00:01:10] Dr Rivera: Tell me what happened.',
        ],
        name,
      );
      assert.match(
        imported.stderr,
        new RegExp(
          `^session-md: ${name.replace('.', '\\.')}:${line}: warning: malformed cue timing '##:##:##[.,]### --> ##:##:#…'; its words are kept in the cue before it \\(--skip-bad-cues leaves such cues out\\)$`,
          'm',
        ),
      );
    }
  });

  it('with --skip-bad-cues leaves the bad cue out and lists it with its line (problem 8)', async () => {
    ws = workspaceWith('bad-cue.vtt', 'bad-cue.srt');
    for (const [name, line] of [
      ['bad-cue.vtt', 12],
      ['bad-cue.srt', 10],
    ] as const) {
      const imported = await importFixture(ws, name, '--skip-bad-cues');
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(
        imported.turns,
        [
          '[00:00:01] Dr Rivera: Where would you like to start?',
          '[00:00:03] Sam: With the argument on Sunday.',
          '[00:01:10] Dr Rivera: Tell me what happened.',
        ],
        name,
      );
      assert.match(
        imported.stderr,
        new RegExp(`^session-md: ${name.replace('.', '\\.')}:${line}: warning: skipped a cue \\(--skip-bad-cues\\): malformed cue timing`, 'm'),
      );
    }
    const text = await runCli(['import', 'bad-cue.vtt', '--from', 'text', '--skip-bad-cues'], ws.dir);
    assert.deepEqual([text.code, text.stderr.split('\n')[0]], [2, 'session-md: --skip-bad-cues applies to --from vtt or srt only']);
  });

  it('names a UTF-32 file as UTF-32, not UTF-16', async () => {
    const utf32le = new Uint8Array([0xff, 0xfe, 0, 0, ...[...'WEBVTT\n'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]);
    const utf32be = new Uint8Array([0, 0, 0xfe, 0xff, ...[...'WEBVTT\n'].flatMap((c) => [0, 0, 0, c.charCodeAt(0)])]);
    ws = makeWorkspace({ 'le.vtt': utf32le, 'be.vtt': utf32be, 'utf16.vtt': new Uint8Array([0xff, 0xfe, 0x57, 0]) });
    for (const name of ['le.vtt', 'be.vtt']) {
      const result = await runCli(['import', name, '--from', 'vtt'], ws.dir);
      assert.deepEqual([result.code, result.stderr], [2, `session-md: ${name}:1: This file is saved as UTF-32; save it as UTF-8\n`]);
    }
    assert.match((await runCli(['import', 'utf16.vtt', '--from', 'vtt'], ws.dir)).stderr, /saved as UTF-16;/);
  });
});
