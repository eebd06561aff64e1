import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

// The source file a relative import names, or undefined for a package or a non-TypeScript file (JSON).
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/** The groups of files that import each other in a ring (strongly connected components of more than one file, or a file importing itself), by Tarjan's algorithm. */
function importCycles(files: string[]): string[][] {
  const edges = new Map(files.map((f) => [f, imports(f).flatMap((spec) => resolveImport(f, spec) ?? [])]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      group.push(member);
      if (member === file) break;
    }
    if (group.length > 1 || edges.get(file)!.includes(file)) cycles.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

/** The names a module exports by name (`export { a, type B } from …`, declarations); `export *` is reported as `*`. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    if (ts.isExportDeclaration(statement))
      return statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.map((e) => e.name.text) : ['*'];
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const name = exported ? (statement as ts.DeclarationStatement).name : undefined;
    return name && ts.isIdentifier(name) ? [name.text] : [];
  });
}

/** The names a file imports (or re-exports) from the module `target`; `*` for a namespace import. */
function namesImportedFrom(file: string, target: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    if (
      !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ||
      !statement.moduleSpecifier ||
      !ts.isStringLiteral(statement.moduleSpecifier)
    )
      return [];
    if (resolveImport(file, statement.moduleSpecifier.text) !== target) return [];
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : statement.exportClause;
    if (bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) return bindings.elements.map((e) => (e.propertyName ?? e.name).text);
    return ['*'];
  });
}

// The three zones of the architecture, enforced on every `npm test`.
describe('architecture', () => {
  const src = join(ROOT, 'src');

  it('keeps src/core pure: no vscode, no file system, no process', () => {
    for (const file of sources(join(src, 'core'))) {
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file)) {
        assert.ok(
          !['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'process', 'node:process', 'child_process', 'node:child_process'].includes(spec),
          `${relative(ROOT, file)} imports ${spec}`,
        );
      }
      assert.doesNotMatch(text, /\bprocess\.(env|argv|exit|cwd|stdout|stderr)/, `${relative(ROOT, file)} uses process`);
    }
  });

  it('lets the CLI and the extension reach the core only through src/core/index.ts', () => {
    for (const zone of ['cli', 'extension']) {
      for (const file of sources(join(src, zone))) {
        for (const spec of imports(file)) {
          if (!spec.includes('core')) continue;
          assert.match(spec, /^(\.\.\/)+core$/, `${relative(ROOT, file)} imports ${spec}; use src/core/index.ts`);
        }
      }
    }
  });

  it('exports from src/core/index.ts only what the CLI and the extension import', () => {
    const index = join(src, 'core', 'index.ts');
    const exported = exportedNames(index);
    assert.ok(!exported.includes('*'), 'src/core/index.ts names every export (no export *), so each one can be checked');
    const used = new Set(['cli', 'extension'].flatMap((zone) => sources(join(src, zone)).flatMap((file) => namesImportedFrom(file, index))));
    assert.ok(!used.has('*'), 'the front ends import the core by name, not as a namespace');
    const unused = exported.filter((name) => !used.has(name));
    assert.deepEqual(
      unused,
      [],
      `src/core/index.ts exports names no file under src/cli or src/extension imports (tests import their modules directly): ${unused.join(', ')}`,
    );
  });

  it('has no import cycles among the files of src/, type-only imports included', () => {
    const cycles = importCycles(sources(src)).map((group) => group.map((f) => relative(src, f)).join(' -> '));
    assert.deepEqual(cycles, [], `files that import each other in a ring:\n${cycles.join('\n')}`);
  });

  it('finds a cycle through type-only imports and through an index file', () => {
    const fixture = join(ROOT, 'test', 'fixtures', 'architecture', 'cycle');
    const cycles = importCycles(sources(fixture)).map((group) => group.map((f) => relative(fixture, f)));
    assert.deepEqual(cycles, [['a.ts', 'b/index.ts', 'c.ts']]);
  });

  it('imports vscode only in src/extension', () => {
    for (const file of sources(src).filter((f) => !f.startsWith(join(src, 'extension')))) {
      assert.ok(!imports(file).includes('vscode'), `${relative(ROOT, file)} imports vscode`);
    }
  });
});
