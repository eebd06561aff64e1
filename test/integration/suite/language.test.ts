// Smoke test: the language contribution and activation, in a real VS Code.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor, workspaceRoot } from './support';

const EXTENSION_ID = 'session-markdown.session-markdown';
/** Set by test/integration/run.mjs, which opens the folder untrusted; @vscode/test-electron disables Workspace Trust. */
const EXPECT_RESTRICTED_MODE = process.env.SESSIONMD_TEST_RESTRICTED === '1';

describe('language', () => {
  it('opens a *.session.md file as session-markdown', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'C-017', '01-intake.session.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'session-markdown');
  });

  it('has the extension installed and active once a session file is open', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    // Opening the file activates it (onLanguage), unless a suite that ran earlier already did.
    await waitFor(`${EXTENSION_ID} to activate`, () => extension.isActive);
  });

  it('works in Restricted Mode (workspace not trusted)', function () {
    if (!EXPECT_RESTRICTED_MODE) this.skip(); // only the code-server run opens the folder untrusted
    assert.equal(vscode.workspace.isTrusted, false, 'the test workspace should open in Restricted Mode');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension should be active in Restricted Mode');
  });
});
