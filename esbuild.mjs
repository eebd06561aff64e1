// Bundles the CLI (and its lint worker) and the extension; `vscode` stays external because VS Code provides it.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The source maps stay in dist/ for development; neither the npm package nor the .vsix ships them.
  sourcemap: true,
  logLevel: 'warning',
  // Minified to halve what users download, but with the identifiers kept, so a stack trace a user
  // reports still names the functions (gzipped: 325 KB for the CLI and its worker, against 281 KB fully minified).
  minifyWhitespace: true,
  minifySyntax: true,
  // Some dependencies ship only ES modules that read import.meta.url; give them the bundle's own URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  // The lint worker thread, loaded by dist/cli.js from beside itself.
  build({ ...common, entryPoints: ['src/cli/lintWorker.ts'], outfile: 'dist/lintWorker.js' }),
  build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
// The CLI is run directly as `dist/cli.js` too, not only through npm's bin link.
await chmod('dist/cli.js', 0o755);
