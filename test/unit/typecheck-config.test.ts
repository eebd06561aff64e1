import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../support/paths';

// Issue 13, item 7: `npm run typecheck` checks every TypeScript file of the repository, tests and
// scripts included, with `noUncheckedIndexedAccess`, so `xs[i]` is `T | undefined` until checked.

function projectConfig(): ts.ParsedCommandLine {
  const file = join(ROOT, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  assert.equal(error, undefined);
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, file);
}

// Every `.ts` file outside dependencies, build output and dot-folders (such as .vscode-test).
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || ['node_modules', 'dist', 'dist-test'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('type-check configuration', () => {
  const parsed = projectConfig();

  it('covers every TypeScript file of the repository', () => {
    const checked = new Set(parsed.fileNames.map((f) => relative(ROOT, f)));
    const missing = typeScriptFiles(ROOT)
      .map((f) => relative(ROOT, f))
      .filter((f) => !checked.has(f));
    assert.deepEqual(missing, [], 'add their folder to "include" in tsconfig.json');
  });

  it('rejects an element of an array used as if it were always there', () => {
    const name = join(ROOT, 'unchecked-index.ts');
    const source = 'export function first(xs: string[]): string {\n  return xs[0];\n}\n';
    const options = { ...parsed.options, types: [], noEmit: true };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (file === name ? source : readFile(file));
    host.fileExists = (
      (exists) => (file: string) =>
        file === name || exists(file)
    )(host.fileExists.bind(host));
    const program = ts.createProgram([name], options, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ').split('.')[0]);
    assert.deepEqual(errors, ["Type 'string | undefined' is not assignable to type 'string'"]);
  });
});
