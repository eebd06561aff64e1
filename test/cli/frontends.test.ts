import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
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
} from '../cases/frontends';
import { makeWorkspace, runCli } from '../support/workspace';

// The shared table of cases through the CLI; test/integration/suite/frontends.test.ts runs the
// same table through the editor's commands, and both assert the same outcomes.

type Workspace = ReturnType<typeof makeWorkspace>;

function importArgs(run: ImportRun, maxFileSize: number | undefined): string[] {
  const args = ['import', run.input, '--from', run.format, '--out', './'];
  if (run.roleMap !== undefined) args.push('--role-map', run.roleMap);
  if (run.codebook !== undefined) args.push('--codebook', run.codebook);
  if (maxFileSize !== undefined) args.push('--max-file-size', String(maxFileSize));
  const csv = run.csv;
  if (csv) {
    args.push('--speaker-column', csv.speakerColumn, '--text-column', csv.textColumn);
    if (csv.timeColumn) args.push('--time-column', csv.timeColumn);
    if (csv.codeColumns) args.push('--code-columns', csv.codeColumns.join(','));
    if (csv.splitBy) args.push('--split-by', csv.splitBy);
    if (csv.metaColumns) args.push('--meta-columns', csv.metaColumns.join(','));
  }
  return args;
}

// `path:line:column  severity  message  rule-id`, as `import` reports what it wrote.
function stylishFindings(stderr: string): ExpectedFinding[] {
  return [...stderr.matchAll(/^(\S+):(\d+):(\d+) +(error|warning|info) +(.*?) {2}(\S+)$/gm)].map(([, file, line, column, severity, message, ruleId]) => ({
    file: file!,
    line: Number(line),
    column: Number(column),
    severity: severity as ExpectedFinding['severity'],
    ruleId: ruleId!,
    message: message!,
  }));
}

async function checkImport(ws: Workspace, c: FrontendCase, run: ImportRun, expect: ImportExpectation): Promise<void> {
  const before = new Set(Object.keys(c.files));
  const result = await runCli(importArgs(run, c.maxFileSize), ws.dir);
  if (expect.failure) {
    const { message, line } = expect.failure;
    assert.match(
      result.stderr,
      new RegExp(`^session-md: ${escape(run.input)}${line === undefined ? '' : `:${line}`}: ${escape(message.replace(SETTING, '--max-file-size'))}$`, 'm'),
    );
    assert.equal(result.code, 2);
  } else assert.equal(result.code, expect.problems.some((p) => p.severity === 'error') ? 1 : 0, result.stderr);
  const written = readdirSync(ws.dir).filter((name) => !before.has(name) && name !== '.git');
  assert.deepEqual(Object.fromEntries(written.sort().map((name) => [name, readFileSync(ws.path(name), 'utf8')])), expect.written);
  assert.deepEqual(stylishFindings(result.stderr), expect.problems);
  const warnings = [...result.stderr.matchAll(new RegExp(`^session-md: ${escape(run.input)}:(\\d+): warning: (.*) \\(.*\\)$`, 'gm'))].map(
    ([, line, message]) => ({ line: Number(line), message: message! }),
  );
  assert.deepEqual(warnings, expect.warnings ?? []);
}

async function checkCompare(ws: Workspace, run: CompareRun, expect: CompareExpectation): Promise<void> {
  const result = await runCli(['agree', '--format', 'json', ...run.copies], ws.dir);
  assert.equal(result.code, 0, result.stderr);
  const shown = [...result.stderr.matchAll(/^session-md: warning: (.*)$/gm)].map((m) => m[1]);
  assert.deepEqual(
    shown,
    expect.warnings.map((w) => expectedWarning(w, run.copies)),
  );
  const { groups } = JSON.parse(result.stdout) as { groups: CompareExpectation['groups'] };
  const shownGroups = groups
    .slice(0, expect.groups.length)
    .map(({ label, units, percentAgreement, exclusive }) => ({ label, units, percentAgreement: Number(percentAgreement.toFixed(3)), exclusive }));
  assert.deepEqual(shownGroups, expect.groups);
  const listed = await runCli(['agree', '--disagreements', '--format', 'json', ...run.copies], ws.dir);
  const { disagreements } = JSON.parse(listed.stdout) as { disagreements: { groups: string[]; copies: { line: number; codes: string[] }[] }[] };
  assert.deepEqual(
    disagreements.map((d) => ({ groups: d.groups, copies: d.copies.map(({ line, codes }) => ({ line, codes })) })),
    expect.disagreements,
  );
}

async function checkFolder(ws: Workspace, expect: CheckExpectation): Promise<void> {
  const result = await runCli(['lint', '--format', 'json', '.'], ws.dir);
  const files = (JSON.parse(result.stdout) as { files: { path: string; findings: Omit<ExpectedFinding, 'file'>[] }[] }).files;
  for (const [file, expected] of Object.entries(expect.findings)) {
    const findings = files.find((f) => f.path === file)?.findings ?? [];
    assert.deepEqual(
      findings.map(({ line, column, severity, ruleId, message }) => ({ file, line, column, severity, ruleId, message })),
      expected,
      file,
    );
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the same through the CLI and the editor: the CLI', () => {
  let ws: Workspace | undefined;
  afterEach(() => ws?.dispose());

  for (const c of FRONTEND_CASES) {
    it(c.name, async () => {
      ws = makeWorkspace(c.files);
      if (c.run.kind === 'import') await checkImport(ws, c, c.run, c.expect as ImportExpectation);
      else if (c.run.kind === 'compare') await checkCompare(ws, c.run, c.expect as CompareExpectation);
      else await checkFolder(ws, c.expect as CheckExpectation);
    });
  }
});
