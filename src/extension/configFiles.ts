import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';

/**
 * Watches each file a transcript's config was read from, wherever it is: a `pii.names` list or
 * `pii.pseudonyms` map (often in a private folder, even outside the workspace) or a config named by
 * `extends`. The workspace-wide watcher only sees `.sessionmdrc.yaml` and codebooks by name.
 */
export class ConfigFileWatch implements vscode.Disposable {
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();

  constructor(private readonly changed: () => void) {}

  /** Starts watching those of `files` (absolute paths) not watched yet. */
  add(files: readonly string[]): void {
    for (const file of files) {
      if (this.watchers.has(file)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)));
      watcher.onDidCreate(() => this.changed());
      watcher.onDidChange(() => this.changed());
      watcher.onDidDelete(() => this.changed());
      this.watchers.set(file, watcher);
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
  }
}
