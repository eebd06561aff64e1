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

// dist/cli.js holds what `lint` needs; run() requires every other command from dist/commands.js
// beside it, only when one is asked for (src/cli/commands.ts), so a lint never compiles them.
const commandsOnDemand = {
  name: 'commands-on-demand',
  setup(cli) {
    cli.onResolve({ filter: /^\.\/commands$/ }, () => ({ path: './commands.js', external: true }));
  },
};
// Likewise music-metadata (a third of the lint code), required from dist/musicMetadata.js only for a transcript that names a recording.
const mediaOnDemand = {
  name: 'media-on-demand',
  setup(cli) {
    cli.onResolve({ filter: /^\.\/musicMetadata$/ }, () => ({ path: './musicMetadata.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [commandsOnDemand, mediaOnDemand],
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  }),
  build({ ...common, entryPoints: ['src/cli/commands.ts'], outfile: 'dist/commands.js', plugins: [mediaOnDemand] }),
  build({ ...common, entryPoints: ['src/cli/musicMetadata.ts'], outfile: 'dist/musicMetadata.js' }),
  // The lint worker thread, loaded by dist/cli.js from beside itself.
  build({ ...common, entryPoints: ['src/cli/lintWorker.ts'], outfile: 'dist/lintWorker.js', plugins: [mediaOnDemand] }),
  build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
// The CLI is run directly as `dist/cli.js` too, not only through npm's bin link.
await chmod('dist/cli.js', 0o755);
