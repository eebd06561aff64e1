import * as vscode from 'vscode';
import { markdownCode, type AgreementReport, type AgreementStatistics, type Disagreement } from '../core';

/** The scheme of Compare Coders' reports: read-only documents that live as long as their editor. */
export const AGREEMENT_REPORT_SCHEME = 'session-md-agreement';

/** The command a report's links run: it opens the coders' copies at one turn of the report, side by side (or one copy). */
export const OPEN_CODER_TURNS_COMMAND = 'sessionMarkdown.openCoderTurns';

/** One coder's copy of a turn: where to open it. */
export interface CoderTurn {
  uri: vscode.Uri;
  line: number;
}

/** A report: its Markdown text, and for each line with links, the turns they open. */
export interface AgreementReportText {
  text: string;
  /** The turns of each disagreement, one per copy, in the copies' order. */
  turns: CoderTurn[][];
  links: ReportLink[];
}

/** A link in the report: the text it covers, and the disagreement (and copy, for one copy only) it opens. */
interface ReportLink {
  line: number;
  start: number;
  end: number;
  turn: number;
  copy?: number;
}

/**
 * Compare Coders' reports, as read-only Markdown documents whose links open the coders' copies at
 * a turn where they differ. A link runs one command with the report and the turn's number; the
 * command opens only the files the report was made of, at lines the report holds.
 */
export class AgreementReports implements vscode.Disposable {
  // By the number in each report's uri (its query): a command link's arguments are decoded twice, so they hold numbers only.
  private readonly reports = new Map<number, AgreementReportText>();
  private count = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(AGREEMENT_REPORT_SCHEME, {
        provideTextDocumentContent: (uri) => this.reports.get(Number(uri.query))?.text ?? '',
      }),
      vscode.languages.registerDocumentLinkProvider({ scheme: AGREEMENT_REPORT_SCHEME }, { provideDocumentLinks: (document) => this.links(document.uri) }),
      vscode.commands.registerCommand(OPEN_CODER_TURNS_COMMAND, (report: unknown, turn: unknown, copy: unknown) => this.open(report, turn, copy)),
      vscode.workspace.onDidCloseTextDocument((document) => document.uri.scheme === AGREEMENT_REPORT_SCHEME && this.reports.delete(Number(document.uri.query))),
    ];
  }

  /** Opens a report beside the active editor. */
  async show(report: AgreementReportText): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: AGREEMENT_REPORT_SCHEME, path: '/Agreement between coders.md', query: String(++this.count) });
    this.reports.set(this.count, report);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  private links(uri: vscode.Uri): vscode.DocumentLink[] {
    const key = Number(uri.query);
    const report = this.reports.get(key);
    if (!report) return [];
    return report.links.map((link) => {
      const args = encodeURIComponent(JSON.stringify(link.copy === undefined ? [key, link.turn] : [key, link.turn, link.copy]));
      const target = vscode.Uri.parse(`command:${OPEN_CODER_TURNS_COMMAND}?${args}`);
      const documentLink = new vscode.DocumentLink(new vscode.Range(link.line, link.start, link.line, link.end), target);
      documentLink.tooltip = link.copy === undefined ? "Open the coders' copies side by side at this turn" : 'Open this copy at this turn';
      return documentLink;
    });
  }

  // Anything but a report that is open and a turn (and copy) of it is ignored.
  private async open(report: unknown, turn: unknown, copy: unknown): Promise<void> {
    const turns = typeof report === 'number' && Number.isInteger(turn) ? this.reports.get(report)?.turns[turn as number] : undefined;
    if (!turns) return;
    const chosen = copy === undefined ? turns : Number.isInteger(copy) && turns[copy as number] ? [turns[copy as number]!] : [];
    for (const [k, place] of chosen.entries()) {
      const document = await vscode.workspace.openTextDocument(place.uri);
      const line = Math.min(place.line - 1, document.lineCount - 1);
      const selection = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
      // Side by side: the k-th copy in the k-th column (VS Code has nine).
      const viewColumn = copy === undefined ? Math.min(k + 1, 9) : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(document, { viewColumn, selection, preview: false, preserveFocus: k > 0 });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/**
 * The agreement report as Markdown, for Compare Coders…: its warnings, the statistics of each group
 * and code, the turns that did not align, and the turns where the coders differ, each with links
 * to the copies (`uris`, in the order of `report.coders`). Text from the transcripts appears only
 * masked, in code spans, so the Markdown preview shows it as text.
 */
export function agreementReportText(
  report: AgreementReport,
  disagreements: readonly Disagreement[],
  uris: readonly vscode.Uri[],
  warnings: readonly string[] = [],
): AgreementReportText {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
  const row = (name: string, s: AgreementStatistics, extra = '') =>
    `| ${name} | ${s.units} | ${n(s.percentAgreement)} | ${report.coders.length === 2 ? n(s.cohenKappa) : '—'} | ${n(s.fleissKappa)} | ${n(s.krippendorffAlpha)} |${extra}`;
  const head = ['| | units | agreement | Cohen κ | Fleiss κ | Krippendorff α |', '| --- | --- | --- | --- | --- | --- |'];
  const lines = [
    '# Agreement between coders',
    '',
    // Names, labels and warnings come from the workspace's files: code spans keep them inert in a Markdown preview.
    ...report.coders.map((c, i) => `${i + 1}. ${markdownCode(c).value}`),
    '',
    ...warnings.flatMap((w) => [`> Warning: ${markdownCode(w).value}.`, '']),
    `Aligned turns: ${report.alignment.units.length}; turns that did not align: ${report.alignment.unaligned.length}.`,
    '',
    '## Code groups',
    '',
    `${head[0]} values |`,
    `${head[1]} --- |`,
    ...report.groups.map((g) => row(markdownCode(g.label ?? g.id).value, g, ` ${g.exclusive ? 'one code' : 'set of codes'} |`)),
    '',
    ...(report.groups.some((g) => !g.exclusive)
      ? ["In a group whose values are sets of codes, a turn's value is the set of its codes of the group, and Krippendorff's α uses the MASI distance.", '']
      : []),
    '## Codes (present or absent)',
    '',
    ...head,
    ...report.codes.map((c) => row(markdownCode(c.code).value, c)),
    '',
    ...(report.alignment.unaligned.length > 0
      ? [
          '## Turns that did not align',
          '',
          ...report.alignment.unaligned.map(
            (u) => `- ${markdownCode(report.coders[u.copy] ?? '').value}, turn ${u.turn} (line ${u.line}): ${markdownCode(u.preview).value}`,
          ),
          '',
        ]
      : []),
  ];
  const { section, links } = disagreementSection(report, disagreements, lines.length);
  return { text: [...lines, ...section].join('\n'), turns: disagreements.map((d) => d.sides.map((s) => ({ uri: uris[s.copy]!, line: s.line }))), links };
}

// The turns where the coders differ, from line `first` of the report, with their links.
function disagreementSection(report: AgreementReport, disagreements: readonly Disagreement[], first: number): { section: string[]; links: ReportLink[] } {
  const section = ['## Turns where the coders differ', ''];
  const links: ReportLink[] = [];
  if (disagreements.length === 0)
    return { section: [...section, `The coders gave the same codes to all ${report.alignment.units.length} aligned turns.`, ''], links };
  section.push(
    `${disagreements.length} of ${report.alignment.units.length} aligned turns differ. Follow a link (Ctrl+click) to open the copies at the turn.`,
    '',
  );
  const OPEN = 'open side by side';
  disagreements.forEach((d, turn) => {
    const groups = d.groups.length > 0 ? `differs in ${d.groups.map((g) => markdownCode(g).value).join(', ')}` : 'differs in codes outside the groups';
    const heading = `${turn + 1}. ${d.role ?? 'unknown'} turn ${markdownCode(d.preview).value}, ${groups}: ${OPEN}`;
    links.push({ line: first + section.length, start: heading.length - OPEN.length, end: heading.length, turn });
    section.push(heading);
    d.sides.forEach((side, copy) => {
      const place = markdownCode(`${report.coders[side.copy]}:${side.line}`).value;
      const codes = side.codes.length > 0 ? side.codes.map((c) => markdownCode(c).value).join(' + ') : '(none)';
      links.push({ line: first + section.length, start: 5, end: 5 + place.length, turn, copy });
      section.push(`   - ${place} ${codes}`);
    });
  });
  section.push('');
  return { section, links };
}
