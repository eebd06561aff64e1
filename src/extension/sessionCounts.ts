import * as vscode from 'vscode';
import { measuresInForce, sessionStats, type SessionStats } from '../core';
import type { SessionAnalysis } from './sessionStore';

// The counts of each analysed session, computed once per analysis and shared by the Current
// Session tree, the All Sessions tree and the statistics view: the figures `session-md stats`
// prints for the same file.

const counts = new WeakMap<SessionAnalysis, SessionStats>();

/** The counts of an analysed session (with its workspace-relative path as `file`), or undefined when it could not be parsed. */
export function countsOf(analysis: SessionAnalysis): SessionStats | undefined {
  if (!analysis.linted) return undefined;
  let stats = counts.get(analysis);
  if (!stats) {
    const input = {
      file: vscode.workspace.asRelativePath(analysis.uri),
      session: analysis.linted.session,
      ...(analysis.codebook ? { codebook: analysis.codebook } : {}),
      measures: measuresInForce(analysis.linted.config, analysis.codebook),
    };
    counts.set(analysis, (stats = sessionStats(input)));
  }
  return stats;
}
