import { escapeXml as escape, type GoalCell, type GoalCourse } from '../core';

// The Goal Progress webview page: one course's goals (rows) over its sessions (columns) as an
// HTML table under a strict Content Security Policy, styled with VS Code's theme variables. It
// runs no script: a cell is a `command:` link to the one command that opens the session there,
// and the other courses are links to the one command that shows a course. It imports no
// `vscode`, so unit tests render it.

/** The commands the page links to: the view checks their arguments against what it shows, so a link stays right while the table changes. */
export interface GoalProgressLinks {
  /** Opens a cell's session: arguments [goal id, session file] of the shown course. */
  openCellCommand: string;
  /** Shows another course: argument [course name] of a listed course. */
  showCourseCommand: string;
}

/** What the page shows: the course, the names of all courses (for switching), and how to name a session's file. */
export interface GoalProgressContent {
  course: GoalCourse;
  courses: readonly string[];
  /** A session's file as the user knows it (relative to the workspace). */
  fileName(file: string): string;
}

/** The Goal Progress page of one course. */
export function renderGoalProgressHtml(content: GoalProgressContent, links: GoalProgressLinks, cspSource = "'none'"): string {
  const { course } = content;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const about = `${count(course.sessions.length, 'session')} · ${count(course.goals.length, 'goal')}. Each cell: the status the session declares, and the turns that address the goal; click it to open the session there.`;
  const table =
    course.goals.length === 0
      ? '<p>No goal is declared or referenced in these sessions.</p>'
      : `<div class="scroll"><table><thead>${headRow(content)}</thead><tbody>${course.goals.map((_, g) => goalRow(content, g, links)).join('')}</tbody></table></div>`;
  return page(`Goal progress: ${course.course}`, `<p class="muted">${escape(about)}</p>${courseLinks(content, links)}${table}`, cspSource);
}

/** A Goal Progress page that says why there is nothing to show. */
export function renderGoalProgressNotice(message: string, cspSource = "'none'"): string {
  return page('Goal progress', `<p>${escape(message)}</p>`, cspSource);
}

function headRow({ course, fileName }: GoalProgressContent): string {
  const cells = course.sessions.map((s) => {
    const lines = [s.number === undefined ? fileName(s.file).split('/').pop()! : `Session ${s.number}`, s.date, s.stage].filter((x) => x !== undefined);
    const [first, ...rest] = lines.map((l) => escape(l));
    return `<th scope="col" title="${escape(fileName(s.file))}">${first}${rest.map((r) => `<br><span class="muted">${r}</span>`).join('')}</th>`;
  });
  return `<tr><th scope="col">Goal</th>${cells.join('')}</tr>`;
}

function goalRow(content: GoalProgressContent, g: number, links: GoalProgressLinks): string {
  const goal = content.course.goals[g]!;
  const text = goal.text ? `<span class="text">${escape(goal.text)}</span>` : '';
  const head = `<th scope="row">${escape(goal.id)}${text}</th>`;
  const cells = goal.cells.map((cell, s) => goalCell(content, g, s, cell, links));
  return `<tr>${head}${cells.join('')}</tr>`;
}

function goalCell({ course }: GoalProgressContent, g: number, s: number, cell: GoalCell, links: GoalProgressLinks): string {
  const turns = `${cell.turns} turn${cell.turns === 1 ? '' : 's'}`;
  const status = cell.status ?? '–';
  const inner = `<span class="status">${escape(status)}</span><span class="turns">${escape(turns)}</span>`;
  const kind = cell.status === undefined ? 'none' : /^[a-z-]+$/.test(cell.status) ? cell.status : 'other';
  if (!cell.firstReference && !cell.declaration) return `<td class="cell s-${kind}"><span class="plain">${inner}</span></td>`;
  const goal = course.goals[g]!;
  const session = course.sessions[s]!;
  const where = session.number === undefined ? 'this session' : `session ${session.number}`;
  const label = `${goal.id} in ${where}: ${cell.status ?? 'not declared'}, ${turns}; open ${cell.firstReference ? 'the first reference' : 'the declaration'}`;
  return `<td class="cell s-${kind}"><a href="${commandUri(links.openCellCommand, [goal.id, session.file])}" aria-label="${escape(label)}" title="${escape(label)}">${inner}</a></td>`;
}

function courseLinks({ course, courses }: GoalProgressContent, links: GoalProgressLinks): string {
  if (courses.length < 2) return '';
  const items = courses.map((name) =>
    name === course.course
      ? `<strong aria-current="page">${escape(name)}</strong>`
      : `<a href="${commandUri(links.showCourseCommand, [name])}">${escape(name)}</a>`,
  );
  return `<nav aria-label="Courses"><span class="muted">Courses:</span> ${items.join(' · ')}</nav>`;
}

// The arguments are JSON, percent-encoded, so no quote or angle bracket of a name reaches the attribute.
function commandUri(command: string, args: string[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function page(title: string, body: string, cspSource: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource};">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

// The table scrolls sideways in a narrow column rather than squeezing its cells; a cell is one link, so all of it is clickable.
const STYLE = `body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 16px 24px;overflow-wrap:anywhere}
h1{font-size:1.3em;margin-bottom:.2em}.muted{color:var(--vscode-descriptionForeground)}nav{margin:.8em 0}
.scroll{overflow-x:auto}table{border-collapse:collapse;margin-top:.6em}
th,td{border:1px solid var(--vscode-editorWidget-border,#8884);padding:0;text-align:left;vertical-align:top}
th{padding:6px 10px;font-weight:600;overflow-wrap:normal}thead th{white-space:nowrap}
.text{display:block;font-weight:400;font-size:.9em;max-width:16em;color:var(--vscode-descriptionForeground)}
td a,td .plain{display:block;padding:6px 10px;color:inherit;text-decoration:none;min-width:6.5em}
td a:hover,td a:focus{background:var(--vscode-list-hoverBackground);outline:1px solid var(--vscode-focusBorder)}
.status{display:block;font-weight:600}.turns{display:block;color:var(--vscode-descriptionForeground)}
.s-open .status{color:var(--vscode-charts-blue,#3794ff)}.s-in-progress .status{color:var(--vscode-charts-orange,#d18616)}
.s-achieved .status{color:var(--vscode-charts-green,#89d185)}.s-dropped .status{color:var(--vscode-descriptionForeground);text-decoration:line-through}
.s-none .status{color:var(--vscode-descriptionForeground);font-weight:400}`;
