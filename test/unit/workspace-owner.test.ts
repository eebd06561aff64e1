import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/paths';

// The editor has one owner of the workspace, src/extension/workspace.ts: it alone lists and watches
// files, and features follow its events and the store's instead of waiting for each other.
// (test/integration/suite/workspace.test.ts checks what a user sees of it.)

const EXTENSION = join(ROOT, 'src', 'extension');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sources(EXTENSION).map((file) => ({ name: relative(EXTENSION, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));

describe('one owner of the workspace in the editor', () => {
  it('lists and watches files only in workspace.ts', () => {
    for (const { name, text } of files) {
      if (name === 'workspace.ts') continue;
      assert.doesNotMatch(text, /\bfindFiles\b/, `${name} lists files; ask the SessionWorkspace`);
      assert.doesNotMatch(text, /\bcreateFileSystemWatcher\b/, `${name} watches files; listen to the SessionWorkspace or the store`);
    }
    const owner = files.find((f) => f.name === 'workspace.ts')!.text;
    assert.equal(owner.match(/\bvscode\.workspace\.findFiles\(/g)?.length, 1, 'one call searches the workspace');
    assert.equal(owner.match(/createFileSystemWatcher\(SESSION_GLOB\)/g)?.length, 1, 'one watcher on *.session.md');
  });

  it('times only debounces and throttles, no wait to stay in step with another feature', () => {
    // Typing (sessionMarkdown.lint.debounceMs), a burst of config and library changes, and the All Sessions, Goal Progress and workspace-wide trees' (Coded Segments, Memos) rebuilds.
    // Also the checks for VS Code's own late report that a click on a panel's link focused the panel (webviewLinks.ts, three): they wait for VS Code, not for a feature.
    const timers = Object.fromEntries(files.map(({ name, text }) => [name, text.match(/\bsetTimeout\(/g)?.length ?? 0]).filter(([, n]) => n !== 0));
    assert.deepEqual(timers, {
      'diagnostics.ts': 1,
      'workspace.ts': 1,
      'trees/allSessionsTree.ts': 1,
      'trees/liveWorkspaceTree.ts': 1,
      'goalProgressView.ts': 1,
      'webviewLinks.ts': 3,
    });
  });

  it('keeps the diagnostics publisher to deciding when to publish: under 130 lines', () => {
    const publisher = files.find((f) => f.name === 'diagnostics.ts')!.text;
    const lines = publisher.split('\n').length - 1;
    assert.ok(lines < 130, `diagnostics.ts has ${lines} lines`);
    assert.doesNotMatch(
      publisher,
      /readSettings|discoverLibraries|librariesFromSettings|startup\(/,
      'settings, libraries and the start-up scan belong to the workspace',
    );
  });
});
