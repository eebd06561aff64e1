import * as vscode from 'vscode';
import { chartData, renderStatisticsHtml, sessionStats } from '../core';
import type { SessionAnalysis, SessionStore } from './sessionStore';

/** The "Show Session Statistics" webview: charts of the active session that follow its edits. */
export class StatisticsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(store: SessionStore) {
    this.subscription = store.onDidAnalyse((analysis) => {
      if (this.panel && analysis.uri.toString() === this.uri?.toString()) this.render(analysis);
    });
  }

  /** Shows the charts of a session beside its editor, reusing the open panel. */
  show(analysis: SessionAnalysis, column = vscode.ViewColumn.Beside): void {
    this.uri = analysis.uri;
    if (!this.panel) {
      // No scripts and no local resources: the page is static SVG under a strict CSP.
      this.panel = vscode.window.createWebviewPanel('sessionMarkdown.statistics', 'Session Statistics', { viewColumn: column, preserveFocus: true }, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(column, true);
    }
    this.render(analysis);
  }

  /** The HTML currently shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }

  private render(analysis: SessionAnalysis): void {
    const session = analysis.linted?.session;
    if (!this.panel || !session) return;
    const name = analysis.uri.path.split('/').pop() ?? 'session';
    const stats = sessionStats({ file: analysis.uri.fsPath, session, ...(analysis.codebook ? { codebook: analysis.codebook } : {}) });
    const fm = session.frontMatter;
    const title = [fm?.client ?? fm?.course, fm?.session !== undefined ? `Session ${fm.session}` : undefined, fm?.date].filter(Boolean).join(' · ') || name;
    this.panel.title = `Statistics: ${name}`;
    this.panel.webview.html = renderStatisticsHtml(chartData(stats, session, title), this.panel.webview.cspSource);
  }
}
