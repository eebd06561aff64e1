import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { parseSession } from '../../../src/core/parse/session';
import { api, openSession, waitFor } from './support';

// While typing, the store re-parses only what each edit changed; what every feature reads must
// still be exactly what a full parse of the document gives.
describe('editing a transcript', () => {
  it('keeps the shared analysis equal to a full parse after edits across the document', async () => {
    const extension = await api();
    const editor = await openSession('C-017/08-termination.session.md');
    const document = editor.document;
    try {
      const lines = document.getText().split('\n');
      const edits: [number, string][] = [
        [lines.findIndex((l) => l.startsWith('[') || /^[A-Z]: /.test(l)), ' and more {reflection}'],
        [lines.length - 3, '\n\nC: One last thing. {change-talk}'],
        [Math.floor(lines.length / 2), '\n\n> Memo: added while typing.'],
      ];
      for (const [line, insert] of edits) {
        await editor.edit((edit) => edit.insert(document.lineAt(line).range.end, insert));
        const analysis = await extension.store.analyse(document);
        const session = analysis.linted!.session;
        const phases = analysis.linted!.config.phases;
        const full = parseSession(document.getText(), phases === undefined ? {} : { phases });
        assert.deepEqual(
          JSON.parse(JSON.stringify({ turns: session.turns, sections: session.sections, mdast: session.mdast })),
          JSON.parse(JSON.stringify({ turns: full.turns, sections: full.sections, mdast: full.mdast })),
        );
      }
      await waitFor('the analysis of the last version', () => extension.store.peek(document.uri)?.version === document.version);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
