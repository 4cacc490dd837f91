// Bundles the built CLI (packages/cli/dist/src/main.js and the workspace packages it imports) into one
// ES module, packages/cli/dist/sigil.bundle.js, which `packages/cli/bin/sigil.js` runs. Why: Node 20's
// ES module loader costs about half a millisecond per module (resolve, stat, read, compile), and
// `sigil lint` loads about 150 of them; one file starts `sigil lint <file>` about 70 ms sooner.
//
// The bundle is an optimisation only, never a second source of truth: next to it,
// sigil.bundle.json lists every file it was made from, and the bin falls back to the modules in
// dist/ when any of them is newer than the bundle (`tsc -b` without this script) or missing (the
// packed layout, where the workspaces sit in node_modules/@sigil). Third-party packages stay
// external (loaded from node_modules as before, most of them lazily). `import.meta.url` in a bundled
// module is rewritten to that module's own URL, so the data files and `createRequire` it resolves
// relative to itself are found where they were. Without esbuild (an install without
// devDependencies) the script says so and the bin keeps using dist/.
// Usage: node scripts/bundle.js
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const root = join(import.meta.dirname, '..');
const cliDist = join(root, 'packages', 'cli', 'dist');
const outfile = join(cliDist, 'sigil.bundle.js');
const manifestFile = join(cliDist, 'sigil.bundle.json');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('scripts/bundle.js: esbuild is not installed; sigil runs from the unbundled modules in dist/');
  rmSync(outfile, { force: true });
  rmSync(manifestFile, { force: true });
  process.exit(0);
}

const toPosix = (p) => p.split(sep).join('/');

/** Keeps third-party packages out of the bundle; the workspaces (@sigil/*) go in. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@sigil/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` of a bundled module: its own file's URL, relative to the bundle's. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      const url = `new URL(${JSON.stringify(toPosix(relative(dirname(outfile), args.path)))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(cliDist, 'src', 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  metafile: true,
  // Less text for V8 to scan at every start (about 5 ms); names stay, for stack traces.
  minifyWhitespace: true,
  logLevel: 'warning',
  plugins: [externalPackages, ownUrl],
});

// Inputs are relative to the working directory in esbuild's metafile; the manifest lists them
// relative to the bundle, for the bin's freshness check.
const inputs = Object.keys(result.metafile.inputs).map((p) => toPosix(relative(cliDist, join(process.cwd(), p))));
writeFileSync(manifestFile, `${JSON.stringify({ inputs }, null, 1)}\n`);
