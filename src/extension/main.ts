// Wires the features together; each feature lives in its own module and reads the shared store.
import * as vscode from 'vscode';
import { fixAllInFile, SessionCodeActions } from './codeActions';
import type { ParseCounter } from '../core';
import { DiagnosticsPublisher } from './diagnostics';
import { createVscodeHost } from './host';
import { registerLanguageFeatures } from './languageFeatures';
import { registerMedia } from './mediaCommands';
import type { MediaPanel } from './mediaPanel';
import { registerRateSession } from './rateSession';
import { registerResearchCommands } from './researchCommands';
import type { SessionStore } from './sessionStore';
import { readSettings } from './settings';
import type { StatisticsView } from './statisticsView';
import { registerCommands } from './commands';
import { registerGoalProgress, type GoalProgressView } from './goalProgressView';
import { registerStatusBar } from './statusBar';
import { registerAllSessionsTree, type AllSessionsTree } from './trees/allSessionsTree';
import { registerCodedSegmentsTree, type CodedSegmentsTree } from './trees/codedSegmentsTree';
import { registerCurrentSessionTree, type CurrentSessionTree } from './trees/currentSessionTree';
import { registerMemosTree, type MemosTree } from './trees/memosTree';
import { SessionWorkspace, type StartupReport } from './workspace';

/** What the extension hands to other extensions (and to its integration tests). */
export interface SessionMarkdownApi {
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
  /** How many transcripts `activate` itself parsed: none, the open ones are analysed after it returns. */
  parsesDuringActivation: number;
  /** The open transcripts analysed first, then the deferred workspace scan. */
  startup: StartupReport;
  /** The one owner of the workspace's files, settings and libraries. */
  workspace: SessionWorkspace;
  store: SessionStore;
  currentSessionTree: CurrentSessionTree;
  allSessionsTree: AllSessionsTree;
  codedSegmentsTree: CodedSegmentsTree;
  memosTree: MemosTree;
  statusBar: vscode.StatusBarItem;
  statistics: StatisticsView;
  goalProgress: GoalProgressView;
  /** The media panel that plays a transcript's recording. */
  media: MediaPanel;
}

/** Called by VS Code when a session file opens or a Sessions view is shown. */
export function activate(context: vscode.ExtensionContext): SessionMarkdownApi {
  const started = performance.now();
  const parses: ParseCounter = { sessions: 0, incremental: 0, full: 0 };
  const workspace = new SessionWorkspace(
    createVscodeHost(context.extensionUri, () => readSettings().maxFileSize),
    parses,
  );
  const { store } = workspace;
  const diagnostics = new DiagnosticsPublisher(workspace, context.extensionUri);
  context.subscriptions.push(
    workspace,
    diagnostics,
    registerLanguageFeatures(workspace),
    vscode.languages.registerCodeActionsProvider({ language: 'session-markdown' }, new SessionCodeActions(store), SessionCodeActions.metadata),
    vscode.commands.registerCommand('sessionMarkdown.fixAll', (uri?: vscode.Uri) => fixAllInFile(store, uri instanceof vscode.Uri ? uri : undefined)),
  );
  // Analyses land after activate returns, when every feature below listens; the workspace waits for the open transcripts.
  const startup = workspace.startup();
  const currentSession = registerCurrentSessionTree(context, store);
  const allSessions = registerAllSessionsTree(context, workspace);
  const codedSegments = registerCodedSegmentsTree(context, workspace);
  const memos = registerMemosTree(context, workspace);
  const statusBar = registerStatusBar(context, store);
  const statistics = registerCommands(context, workspace, currentSession, diagnostics);
  registerResearchCommands(context, workspace);
  const goalProgress = registerGoalProgress(context, workspace);
  registerRateSession(context, store);
  const media = registerMedia(context, store);
  return {
    activationMs: performance.now() - started,
    parsesDuringActivation: parses.sessions,
    startup,
    workspace,
    store,
    currentSessionTree: currentSession,
    allSessionsTree: allSessions,
    codedSegmentsTree: codedSegments,
    memosTree: memos,
    statusBar,
    statistics,
    goalProgress,
    media,
  };
}

/** Called by VS Code on shutdown; everything is disposed through the context's subscriptions. */
export function deactivate(): void {}
