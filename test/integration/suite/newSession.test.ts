import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { parseSession } from '../../../src/core/parse/session';
import { acceptUntil, api, deleteWorkspaceFolder, openSession, ruleCodes, waitFor, writeWorkspaceFile } from './support';

const goals = (list: [string, string][]): string =>
  [
    'goals:',
    ...list.flatMap(([id, status]) => [`  - id: ${id}`, `    text: "${id[0]!.toUpperCase()}${id.slice(1)}: as the client put it"`, `    status: ${status}`]),
  ].join('\n');

const session = (n: number, therapist: string, goalList: [string, string][]): string => `---
session: ${n}
date: 2026-0${n}-01
client: C-777
therapist: ${therapist}
${goals(goalList)}
---

## Beginning

T: How was the week? {open-question} ${goalList.map(([id]) => `{#${id}}`).join(' ')}

## Middle

C: Better. {change-talk}

## Termination

T: Let's review. {summary} ${goalList.map(([id]) => `{#${id}}`).join(' ')}
`;

describe('New Session…', () => {
  after(async () => {
    for (const folder of ['course-c777', 'archive-c777']) await deleteWorkspaceFolder(folder);
  });

  it("continues the client's course: the next number, and the open goals of the latest session in the workspace instead of a placeholder", async () => {
    await writeWorkspaceFile('course-c777/01.session.md', session(1, 'T-1', [['sleep', 'open']]));
    // Sleep is achieved here too: a goal left open in this folder's last session would have to come back (goal-disappeared).
    await writeWorkspaceFile('course-c777/02.session.md', session(2, 'T-1', [['sleep', 'achieved']]));
    // The client's latest session sits in another folder.
    await writeWorkspaceFile(
      'archive-c777/06.session.md',
      session(6, 'T-9', [
        ['sleep', 'achieved'],
        ['mood', 'in-progress'],
        ['running', 'dropped'],
        ['walking', 'open'],
      ]),
    );
    await openSession('course-c777/02.session.md');
    const running = vscode.commands.executeCommand('sessionMarkdown.newSession');
    // The folder of the active file, then the proposed file name.
    const editor = await acceptUntil('the new session to open', () => {
      const active = vscode.window.activeTextEditor;
      return /\/course-c777\/\d+-session\.session\.md$/.test(active?.document.uri.path ?? '') && active;
    });
    await running;
    assert.equal(editor.document.uri.path.split('/').pop(), '07-session.session.md', 'the name proposes the number after the client’s highest');
    const text = editor.document.getText();
    const front = parseSession(text).frontMatter!;
    assert.deepEqual([front.session, front.client, front.therapist], [7, 'C-777', 'T-9']);
    assert.deepEqual(
      front.goals.map(({ id, text, status }) => ({ id, text, status })),
      [
        { id: 'mood', text: 'Mood: as the client put it', status: 'in-progress' },
        { id: 'walking', text: 'Walking: as the client put it', status: 'open' },
      ],
    );
    assert.doesNotMatch(text, /goal-1/, 'no placeholder goal');
    const { store } = await api();
    await waitFor('the new session to be analysed', () => store.peek(editor.document.uri)?.version === editor.document.version);
    assert.deepEqual(ruleCodes(editor.document.uri), [], 'the new session is lint-clean');
  });
});
