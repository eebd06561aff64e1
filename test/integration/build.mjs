// Bundles every test/integration/suite/**/*.test.ts into dist-test/integration.js (CommonJS,
// `vscode` external), the one file both runners load: run.mjs (code-server) and electron.mjs.
// Adding a suite file is all it takes to add a suite.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUITE_DIR = join(ROOT, 'test', 'integration', 'suite');
export const SUITE_BUNDLE = join(ROOT, 'dist-test', 'integration.js');

export function suiteFiles(dir = SUITE_DIR) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? suiteFiles(join(dir, entry.name)) : entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : []))
    .sort();
}

export async function buildSuites() {
  const files = suiteFiles();
  if (files.length === 0) throw new Error(`no *.test.ts in ${relative(ROOT, SUITE_DIR)}`);
  const contents = files.map((file) => `import './${relative(SUITE_DIR, file).split('\\').join('/')}';`).join('\n');
  await build({
    stdin: { contents, resolveDir: SUITE_DIR, sourcefile: 'integration-suites.ts', loader: 'ts' },
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    logLevel: 'warning',
    // As in esbuild.mjs: ES-module dependencies that read import.meta.url get the bundle's URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return files.map((file) => relative(ROOT, file));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await buildSuites();
  console.log(`bundled ${files.length} suite file(s) into ${relative(ROOT, SUITE_BUNDLE)}: ${files.join(', ')}`);
}
