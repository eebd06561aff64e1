import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CompareOutcome } from '../../../src/extension/compareCoders';
import type { ImportOptions, ImportOutcome } from '../../../src/extension/importTranscript';
import {
  expectedWarning,
  FRONTEND_CASES,
  SETTING,
  type CheckExpectation,
  type CompareExpectation,
  type CompareRun,
  type ExpectedFinding,
  type FrontendCase,
  type ImportExpectation,
  type ImportRun,
} from '../../cases/frontends';
import { acceptUntil, deleteWorkspaceFolder, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// The shared table of cases through the editor's commands; test/cli/frontends.test.ts runs the
// same table through the CLI, and both assert the same outcomes.

const FOLDER = 'frontends';

async function writeCase(c: FrontendCase): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(workspaceRoot(), FOLDER, c.id);
  for (const [name, content] of Object.entries(c.files)) {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return folder;
}

// A command that asks for what the case gives it is a failure, not a hang: its prompt is closed.
async function command<T>(id: string, ...args: unknown[]): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const asked = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${id} asked for more than the case gives`)), 30000)));
  try {
    return await Promise.race([vscode.commands.executeCommand<T>(id, ...args), asked]);
  } catch (error) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function withMaxFileSize<T>(bytes: number | undefined, run: () => Promise<T>): Promise<T> {
  if (bytes === undefined) return run();
  const config = vscode.workspace.getConfiguration('sessionMarkdown');
  await config.update('maxFileSize', bytes, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await config.update('maxFileSize', undefined, vscode.ConfigurationTarget.Global);
  }
}

function asExpected(
  folder: vscode.Uri,
  uri: vscode.Uri,
  finding: { range: { start: { line: number; column: number } }; severity: ExpectedFinding['severity']; ruleId: string; message: string },
): ExpectedFinding {
  const { line, column } = finding.range.start;
  return { file: uri.path.slice(folder.path.length + 1), line, column, severity: finding.severity, ruleId: finding.ruleId, message: finding.message };
}

async function checkImport(folder: vscode.Uri, c: FrontendCase, run: ImportRun, expect: ImportExpectation): Promise<void> {
  const options: ImportOptions = { format: run.format, roleMap: run.roleMap ?? '', codebook: run.codebook ?? '', ...(run.csv ? { csv: run.csv } : {}) };
  const outcome = await withMaxFileSize(c.maxFileSize, () =>
    command<ImportOutcome>('sessionMarkdown.importTranscript', vscode.Uri.joinPath(folder, run.input), options),
  );
  if (expect.failure) {
    const { message, line } = expect.failure;
    assert.deepEqual(outcome, {
      error: `Cannot import ${run.input}${line === undefined ? '' : ` (line ${line})`}: ${message.replace(SETTING, 'sessionMarkdown.maxFileSize')}`,
    });
  }
  const written = 'written' in outcome ? outcome.written : [];
  const texts = await Promise.all(
    written.map(async (uri) => [uri.path.slice(folder.path.length + 1), new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))] as const),
  );
  assert.deepEqual(Object.fromEntries(texts.sort()), expect.written);
  const present = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((name) => !(name in c.files));
  assert.deepEqual(present.sort(), Object.keys(expect.written).sort(), 'nothing else is written');
  const problems = 'written' in outcome ? outcome.problems.flatMap((p) => p.findings.map((f) => asExpected(folder, p.uri, f))) : [];
  assert.deepEqual(problems, expect.problems);
  if ('written' in outcome && expect.problems.length > 0)
    assert.match(outcome.message, new RegExp(`${expect.problems.length} problems? besides the missing phases`));
  const [first, ...rest] = expect.warnings ?? [];
  if ('written' in outcome && first)
    assert.ok(
      outcome.message.includes(`${rest.length + 1} warning${rest.length ? 's' : ''} about the input, the first at line ${first.line}: ${first.message}.`),
      outcome.message,
    );
  if ('written' in outcome && !first) assert.doesNotMatch(outcome.message, /about the input/);
}

async function checkCompare(folder: vscode.Uri, run: CompareRun, expect: CompareExpectation): Promise<void> {
  const uris = run.copies.map((copy) => vscode.Uri.joinPath(folder, copy));
  const outcome = await command<CompareOutcome | undefined>('sessionMarkdown.compareCoders', uris[0], uris);
  const shown = await waitFor('the agreement report', () => {
    const text = vscode.window.activeTextEditor?.document.getText();
    return text?.startsWith('# Agreement between coders') && text;
  });
  const warnings = expect.warnings.map((w) =>
    expectedWarning(
      w,
      uris.map((uri) => vscode.workspace.asRelativePath(uri)),
    ),
  );
  for (const warning of warnings) assert.ok(shown.includes(warning), `the report says: ${warning}`);
  const groups = shown.slice(shown.indexOf('## Code groups'), shown.indexOf('## Codes'));
  const rows = [...groups.matchAll(/^\| `([^`|]+)` \| (\d+) \| ([\d.]+) \|.* \| (one code|set of codes) \|$/gm)].map(([, label, units, agreement, values]) => ({
    label: label!,
    units: Number(units),
    percentAgreement: Number(agreement),
    exclusive: values === 'one code',
  }));
  assert.deepEqual(rows.slice(0, expect.groups.length), expect.groups);
  assert.deepEqual(listedDisagreements(shown), expect.disagreements);
  assert.deepEqual(outcome, { report: shown, warnings }, 'the command returns what it shows');
}

// The report's last section: `1. therapist turn `T: …`, differs in `behaviour`: open side by side`,
// then a line per copy: `   - `a.session.md:12` `question` + `reflection.simple``.
function listedDisagreements(report: string): CompareExpectation['disagreements'] {
  const section = report.slice(report.indexOf('## Turns where the coders differ'));
  const spans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const listed: CompareExpectation['disagreements'] = [];
  for (const line of section.split('\n')) {
    const heading = /^\d+\. .*, differs in (.*): open side by side$/.exec(line);
    if (heading) listed.push({ groups: heading[1]!.startsWith('codes outside') ? [] : spans(heading[1]!), copies: [] });
    const copy = /^ {3}- `[^`]+:(\d+)` (.*)$/.exec(line);
    if (copy) listed[listed.length - 1]!.copies.push({ line: Number(copy[1]), codes: spans(copy[2]!) });
  }
  return listed;
}

// The Problems panel lists closed files (sessionMarkdown.lint.workspace is on by default).
async function checkFolder(folder: vscode.Uri, expect: CheckExpectation): Promise<void> {
  const severities: ExpectedFinding['severity'][] = ['error', 'warning', 'info'];
  const shown = (): Record<string, ExpectedFinding[]> =>
    Object.fromEntries(
      Object.keys(expect.findings).map((file) => {
        const uri = vscode.Uri.joinPath(folder, file);
        const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'session-md');
        const start = (d: vscode.Diagnostic) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1 });
        return [
          file,
          diagnostics.map((d) =>
            asExpected(folder, uri, { range: { start: start(d) }, severity: severities[d.severity]!, ruleId: String(d.code), message: d.message }),
          ),
        ];
      }),
    );
  await waitFor('the expected problems', () => JSON.stringify(shown()) === JSON.stringify(expect.findings)).catch(() =>
    assert.deepEqual(shown(), expect.findings),
  );
}

describe('the same through the CLI and the editor: the editor', () => {
  after(() => deleteWorkspaceFolder(FOLDER));

  for (const c of FRONTEND_CASES) {
    it(c.name, async () => {
      const folder = await writeCase(c);
      if (c.run.kind === 'import') await checkImport(folder, c, c.run, c.expect as ImportExpectation);
      else if (c.run.kind === 'compare') await checkCompare(folder, c.run, c.expect as CompareExpectation);
      else await checkFolder(folder, c.expect as CheckExpectation);
    });
  }
});

describe('Import Transcript…, step by step', () => {
  after(async () => {
    await deleteWorkspaceFolder('import-steps');
    rmSync(join(workspaceRoot().fsPath, 'linked-out'), { force: true });
  });

  it('offers the speakers found with the roles their names give, then a codebook, and writes the session beside the input', async () => {
    const input = await writeWorkspaceFile(
      'import-steps/call.vtt',
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dr Rivera>How was the week?</v>\n\n00:00:04.000 --> 00:00:06.000\n<v Sam>Hard.</v>\n',
    );
    const running = vscode.commands.executeCommand<ImportOutcome>('sessionMarkdown.importTranscript', input);
    // The proposed roles, then the first codebook offered: none, the configuration decides.
    const editor = await acceptUntil('the imported session to open', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/import-steps/call.session.md') && active;
    });
    const outcome = await running;
    assert.ok('written' in outcome && outcome.written.length === 1, JSON.stringify(outcome));
    assert.equal(
      editor.document.getText(),
      [
        '---',
        'source: call.vtt',
        'speakers:',
        '  Dr Rivera: other',
        '  Sam: other',
        '---',
        '',
        '# call',
        '',
        '[00:00:01] Dr Rivera: How was the week?',
        '',
        '[00:00:04] Sam: Hard.',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing through a symbolic link out of the workspace, nor over an existing file', async () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v T>Hello.</v>\n';
    const outside = mkdtempSync(join(workspaceRoot().fsPath, '..', 'outside-'));
    writeFileSync(join(outside, 'call.vtt'), vtt);
    symlinkSync(outside, join(workspaceRoot().fsPath, 'linked-out'));
    const options: ImportOptions = { roleMap: '', codebook: '' };
    const linked = await command<ImportOutcome>('sessionMarkdown.importTranscript', vscode.Uri.joinPath(workspaceRoot(), 'linked-out', 'call.vtt'), options);
    assert.ok(
      'error' in linked &&
        linked.error.startsWith(
          `Cannot import call.vtt: Not writing into linked-out: it leads through a symbolic link to ${realpathSync(outside)}, outside the workspace folder`,
        ),
      JSON.stringify(linked),
    );
    assert.deepEqual(readdirSync(outside), ['call.vtt']);
    rmSync(outside, { recursive: true });

    const input = await writeWorkspaceFile('import-steps/again.vtt', vtt);
    await writeWorkspaceFile('import-steps/again.session.md', 'kept\n');
    const again = await command<ImportOutcome>('sessionMarkdown.importTranscript', input, options);
    assert.deepEqual(again, {
      error: 'Cannot import again.vtt: 1 of the sessions to write already exist (import-steps/again.session.md); nothing was written.',
    });
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(input, '..', 'again.session.md'))), 'kept\n');
  });
});
