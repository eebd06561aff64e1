import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

// The three zones of the architecture, enforced on every `npm test`.
describe('architecture', () => {
  const src = join(ROOT, 'src');

  it('keeps src/core pure: no vscode, no file system, no process', () => {
    for (const file of sources(join(src, 'core'))) {
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file)) {
        assert.ok(!['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'process', 'node:process', 'child_process', 'node:child_process'].includes(spec), `${relative(ROOT, file)} imports ${spec}`);
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

  it('imports vscode only in src/extension', () => {
    for (const file of sources(src).filter((f) => !f.startsWith(join(src, 'extension')))) {
      assert.ok(!imports(file).includes('vscode'), `${relative(ROOT, file)} imports vscode`);
    }
  });
});
