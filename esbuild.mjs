// Bundles the CLI (and its lint worker) and the extension; `vscode` stays external because VS Code provides it.
import { build } from 'esbuild';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { trainCodeCaches } from './scripts/code-cache.mjs';

// fdir (under tinyglobby) requires `picomatch` from node_modules when it starts, if there is one, for
// its glob() helper; tinyglobby never calls glob() (it matches with its own, bundled picomatch), so
// the require is left out: it cost each CLI start some 4 ms where a project has picomatch installed.
const fdirWithoutPicomatch = {
  name: 'fdir-without-picomatch',
  setup(cli) {
    cli.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const lookup = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!lookup.test(source)) throw new Error(`fdir-without-picomatch: the picomatch lookup is no longer in ${path}; check what fdir does now`);
      return { contents: source.replace(lookup, ''), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The source maps stay in dist/ for development; neither the npm package nor the .vsix ships them.
  sourcemap: true,
  logLevel: 'warning',
  plugins: [fdirWithoutPicomatch],
  // Minified to halve what users download, but with the identifiers kept, so a stack trace a user
  // reports still names the functions (gzipped: 325 KB for the CLI and its worker, against 281 KB fully minified).
  minifyWhitespace: true,
  minifySyntax: true,
  // Some dependencies ship only ES modules that read import.meta.url; give them the bundle's own URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// dist/cli.bundle.js (run by dist/cli.js) holds what `lint` needs; run() requires every other
// command from dist/commands.js beside it, only when one is asked for (src/cli/commands.ts), so a
// lint never compiles them.
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

// Each CLI bundle is run through a small stub of the same name (dist/cli.js, dist/lintWorker.js,
// dist/commands.js) that loads it with the V8 code cache beside it (src/cli/bin/loadBundle.ts);
// the cache is trained below, by scripts/code-cache.mjs.
const stub = (bundle, exportsIt) =>
  `'use strict';\n// Runs ${bundle} with its V8 code cache (src/cli/bin/loadBundle.ts).\n${exportsIt ? 'module.exports = ' : ''}require('./loadBundle.js').loadBundle(require('path').join(__dirname, '${bundle}'));\n`;

await mkdir('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.bundle.js', plugins: [fdirWithoutPicomatch, commandsOnDemand, mediaOnDemand] }),
  build({ ...common, entryPoints: ['src/cli/commands.ts'], outfile: 'dist/commands.bundle.js', plugins: [fdirWithoutPicomatch, mediaOnDemand] }),
  build({ ...common, entryPoints: ['src/cli/musicMetadata.ts'], outfile: 'dist/musicMetadata.js' }),
  // The lint worker thread, started by dist/cli.js from beside itself.
  build({ ...common, entryPoints: ['src/cli/lintWorker.ts'], outfile: 'dist/lintWorker.bundle.js', plugins: [fdirWithoutPicomatch, mediaOnDemand] }),
  build({ ...common, entryPoints: ['src/cli/bin/loadBundle.ts'], outfile: 'dist/loadBundle.js', banner: {}, define: {} }),
  build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  writeFile('dist/cli.js', `#!/usr/bin/env node\n${stub('cli.bundle.js', false)}`),
  writeFile('dist/lintWorker.js', stub('lintWorker.bundle.js', false)),
  writeFile('dist/commands.js', stub('commands.bundle.js', true)),
]);
// The CLI is run directly as `dist/cli.js` too, not only through npm's bin link.
await chmod('dist/cli.js', 0o755);
await trainCodeCaches();
