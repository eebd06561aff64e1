import * as vscode from 'vscode';
import type { RuleSetting } from '../core';
import type { StoreSettings } from './sessionStore';

/** The `sessionMarkdown.*` settings the extension reads. */
export interface Settings extends StoreSettings {
  lintEnabled: boolean;
  lintOnType: boolean;
  debounceMs: number;
  lintWorkspace: boolean;
}

/** Reads the current settings, with their defaults. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('sessionMarkdown');
  return {
    lintEnabled: config.get<boolean>('lint.enable', true),
    lintOnType: config.get<string>('lint.run', 'onType') === 'onType',
    debounceMs: Math.max(0, config.get<number>('lint.debounceMs', 250)),
    lintWorkspace: config.get<boolean>('lint.workspace', true),
    ruleDefaults: config.get<Record<string, RuleSetting>>('rules', {}),
    maxFileSize: config.get<number>('maxFileSize', 5_000_000),
  };
}
