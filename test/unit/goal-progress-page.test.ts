import { strict as assert } from 'node:assert';
import { parseSession } from '../../src/core/parse/session';
import { goalProgress } from '../../src/core/research/goalProgress';
import { renderGoalProgressHtml } from '../../src/extension/goalProgressPage';

// The Goal Progress page: a table of the course's goals over its sessions whose cells link to
// the one command that opens a session there, text from the transcripts escaped, nothing loaded.

const LINKS = { openCellCommand: 'sessionMarkdown.openGoalProgressCell', showCourseCommand: 'sessionMarkdown.showGoalProgressCourse' };

function session(frontMatter: string[], turns: string[]) {
  return parseSession(['---', ...frontMatter, '---', '', '## Beginning', '', ...turns, ''].join('\n'));
}

const HOSTILE = '<img src="https://127.0.0.1/x" onerror="go()"><script>go()</script>';

function render() {
  const courses = goalProgress([
    {
      file: 'file:///w/1.session.md',
      session: session(
        ['session: 1', 'date: 2026-01-13', `client: '${HOSTILE}'`, 'goals:', '  - id: sleep', '    text: Sleep', '    status: open'],
        ['T: Sleep? {#sleep}', 'C: Bad. {#sleep}'],
      ),
    },
    {
      file: 'file:///w/2.session.md',
      session: session(
        [
          'session: 2',
          'date: 2026-01-20',
          `client: '${HOSTILE}'`,
          `stage: '${HOSTILE}'`,
          'goals:',
          '  - id: sleep',
          `    text: '${HOSTILE}'`,
          '    status: achieved',
          '  - id: walk',
          '    text: Walk',
          '    status: open',
        ],
        ['T: Hello.'],
      ),
    },
    { file: 'file:///w/other.session.md', session: session(['client: C-2'], []) },
  ]);
  const html = renderGoalProgressHtml(
    { course: courses.find((c) => c.course !== 'C-2')!, courses: courses.map((c) => c.course), fileName: (f) => f.replace('file:///w/', '') },
    LINKS,
    'vscode-webview://test',
  );
  return { html, courses };
}

describe('the Goal Progress page', () => {
  it('shows a row per goal and a column per session, each cell with the status declared there and the turns that address the goal', () => {
    const { html } = render();
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      m[1]!
        .replace(/<span class="text">.*?<\/span>/g, '')
        .replace(/<br>/g, ' ')
        .replace(/<[^>]+>/g, '|')
        .replace(/\|+/g, '|'),
    );
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /^\|Goal\|Session 1 \|2026-01-13\|Session 2 \|2026-01-20\| \|&lt;img src=/);
    assert.equal(rows[1], '|sleep|open|2 turns|achieved|0 turns|');
    assert.equal(rows[2], '|walk|–|0 turns|open|0 turns|');
  });

  it('links each cell that has a place to open to the one command, with the goal id and the session file; a cell with none is no link', () => {
    const { html } = render();
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, [
      // The other course's name, to switch to it.
      'command:sessionMarkdown.showGoalProgressCourse?%5B%22C-2%22%5D',
      'command:sessionMarkdown.openGoalProgressCell?%5B%22sleep%22%2C%22file%3A%2F%2F%2Fw%2F1.session.md%22%5D',
      'command:sessionMarkdown.openGoalProgressCell?%5B%22sleep%22%2C%22file%3A%2F%2F%2Fw%2F2.session.md%22%5D',
      'command:sessionMarkdown.openGoalProgressCell?%5B%22walk%22%2C%22file%3A%2F%2F%2Fw%2F2.session.md%22%5D',
    ]);
    assert.match(html, /aria-label="sleep in session 1: open, 2 turns; open the first reference"/);
    assert.match(html, /aria-label="sleep in session 2: achieved, 0 turns; open the declaration"/);
    assert.match(html, /<td class="cell s-none"><span class="plain"><span class="status">–<\/span><span class="turns">0 turns<\/span><\/span><\/td>/);
  });

  it('escapes the client, stage and goal text, and loads nothing: a strict CSP, no script, no handler, no image', () => {
    const { html } = render();
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' vscode-webview:\/\/test;">/);
    assert.doesNotMatch(html, /<script|<img|<iframe|<link|@import/i);
    // Attribute values are quoted with `"`, which escaping turns into `&quot;` inside them: drop the values, then look at the names.
    const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
    assert.deepEqual(
      tags.filter((t) => /\s(?:on\w+|src)\s*=/i.test(t)),
      [],
    );
    // The goal's text, as the latest session gives it, is under its id, as text.
    assert.match(
      html,
      /<th scope="row">sleep<span class="text">&lt;img src=&quot;https:\/\/127\.0\.0\.1\/x&quot; onerror=&quot;go\(\)&quot;&gt;&lt;script&gt;go\(\)&lt;\/script&gt;<\/span><\/th>/,
    );
  });
});
