// `npm pack` of the repository root (what pre-commit's `language: node` installs) must carry the
// workspace packages: they are not on the npm registry, and npm does not bundle a workspace that is
// only a symlink in node_modules. `prepack` replaces each `node_modules/@sigil/*` link with a copy of
// the built workspace (without its own node_modules); `postpack` puts the links back, so a
// development tree is left as `npm install` made it. Usage: node scripts/pack-bundle.js prepack|postpack
import { cpSync, lstatSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const step = process.argv[2];
if (step !== 'prepack' && step !== 'postpack') {
  console.error('usage: node scripts/pack-bundle.js prepack|postpack');
  process.exit(2);
}

for (const workspace of manifest.workspaces) {
  const source = join(root, workspace);
  const { name } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  const installed = join(root, 'node_modules', name);
  const stat = lstatSync(installed, { throwIfNoEntry: false });
  if (!stat) continue;
  if (step === 'prepack' && stat.isSymbolicLink()) {
    rmSync(installed);
    cpSync(source, installed, { recursive: true, filter: (p) => basename(p) !== 'node_modules' });
  } else if (step === 'postpack' && !stat.isSymbolicLink()) {
    rmSync(installed, { recursive: true, force: true });
    // npm links workspaces with junctions on Windows; elsewhere the type is ignored.
    symlinkSync(process.platform === 'win32' ? source : relative(dirname(installed), source), installed, 'junction');
  }
}
