import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { openSession, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// A codebook (or config, library, name list) is read only when it is a regular file no larger
// than sessionMarkdown.maxFileSize: a FIFO is never opened, since the read would wait for ever.

const SESSION = (codebook: string): string => `---\nsession: 1\ncodebook: ${codebook}\n---\n\n## Beginning\n\nT: Hello. {open-question}\n`;

function codebookMessage(uri: vscode.Uri): string | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => d.source === 'session-md' && d.code === 'codebook-invalid')?.message;
}

describe('config, codebook and name files in the editor', () => {
  it('refuses a codebook above sessionMarkdown.maxFileSize, naming the setting', async () => {
    const config = vscode.workspace.getConfiguration('sessionMarkdown');
    await config.update('maxFileSize', 3000, vscode.ConfigurationTarget.Global);
    try {
      await writeWorkspaceFile('scratch/limits/big.yaml', `name: Big\ncodes:\n  - id: x\n    label: X\n# ${'x'.repeat(4000)}\n`);
      const uri = await writeWorkspaceFile('scratch/limits/big.session.md', SESSION('big.yaml'));
      await openSession('scratch/limits/big.session.md');
      const message = await waitFor('codebook-invalid on the large codebook', () => codebookMessage(uri));
      assert.match(message, /could not be loaded: 4\.\d kB, above the 3 kB limit \(sessionMarkdown\.maxFileSize\)/);
    } finally {
      await config.update('maxFileSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses a FIFO as the codebook without opening it', async function () {
    const fifo = vscode.Uri.joinPath(workspaceRoot(), 'scratch/limits/pipe.yaml');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceRoot(), 'scratch/limits'));
    if (process.platform === 'win32' || spawnSync('mkfifo', [fifo.fsPath]).status !== 0) this.skip();
    try {
      const uri = await writeWorkspaceFile('scratch/limits/pipe.session.md', SESSION('pipe.yaml'));
      await openSession('scratch/limits/pipe.session.md');
      const message = await waitFor('codebook-invalid on the FIFO', () => codebookMessage(uri));
      assert.match(message, /could not be loaded: not a regular file \(a FIFO, a device or a socket\)/);
    } finally {
      await vscode.workspace.fs.delete(fifo);
    }
  });
});
