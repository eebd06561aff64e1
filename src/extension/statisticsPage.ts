import { escapeXml as escape, statisticsCharts, type ChartedSession, type ChartLinks } from '../core';

// The "Show Session Statistics" webview page: the core's charts under a strict Content Security
// Policy, styled with VS Code's theme variables. It imports no `vscode`, so unit tests render it.

/** The whole statistics page of a session: the charts of its counts (statisticsCharts), each with a heading and an accessible title. */
export function renderStatisticsHtml(charted: ChartedSession, cspSource = "'none'", links: ChartLinks = {}): string {
  const sections = statisticsCharts(charted, links).map((chart) => section(chart.title, chart.html));
  return page(charted.title, charted.stats.file, sections.join('\n'), cspSource);
}

/** A statistics page that says why a file has no charts (too large, or not analysed). */
export function renderStatisticsNotice(title: string, file: string, message: string, cspSource = "'none'"): string {
  return page(title, file, `<p>${escape(message)}</p>`, cspSource);
}

function page(title: string, file: string | undefined, body: string, cspSource: string): string {
  const fileLine = file === undefined ? '' : `<p class="muted file">${escape(file)}</p>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource}; img-src data:;">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><h1>${escape(title)}</h1>${fileLine}${body}</body></html>`;
}

// Charts take the column's width and wrap nothing sideways; long words in titles and paths break.
const STYLE = `body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 16px 24px;max-width:720px;overflow-wrap:anywhere}
h1{font-size:1.3em;margin-bottom:.2em}h2{font-size:1.05em;margin-top:1.6em}.file{margin-top:0}
svg{display:block;width:100%;overflow:visible}svg text{fill:var(--vscode-foreground);font-size:12px}
.muted{color:var(--vscode-descriptionForeground)}svg text.muted-text{fill:var(--vscode-descriptionForeground);font-size:11px}
.measure{margin-bottom:12px}.measure-row{display:flex}.measure-row .measure-key{flex:none;width:auto}.measure-row .measure-plot{flex:1 1 0;min-width:0}.grid{stroke:var(--vscode-editorWidget-border,#8884)}.track{fill:var(--vscode-editorWidget-border,#8882);fill-opacity:.35}
details{margin:6px 0}summary{cursor:pointer;color:var(--vscode-textLink-foreground)}table{border-collapse:collapse;margin-top:4px;font-size:12px}th,td{padding:2px 8px 2px 0;text-align:left;vertical-align:top}td:nth-child(n+3),th:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}
a circle{cursor:pointer}a:hover circle,a:focus circle{stroke:var(--vscode-focusBorder);stroke-width:2}a:focus{outline:none}`;

function section(title: string, body: string): string {
  return `<section aria-label="${escape(title)}"><h2>${escape(title)}</h2>${body}</section>`;
}
