import { dirname, relative, resolve, sep, isAbsolute } from 'node:path';
import { createRequire } from 'node:module';
import type * as Minimatch from 'minimatch';
import type { InputFile } from './discover.js';
import type { SigilConfig } from './config.js';

const requireCjs = createRequire(import.meta.url);

/**
 * The configuration's `files.include` and `files.exclude` globs, relative to its folder, applied to
 * every file (also files named on the command line: a pre-commit hook names them). A file outside the
 * configuration's folder is not affected.
 */
export function selectFiles(files: readonly InputFile[], config: SigilConfig, cwd: string): InputFile[] {
  if (config.file === undefined || (config.include.length === 0 && config.exclude.length === 0)) return [...files];
  const { minimatch } = requireCjs('minimatch') as typeof Minimatch;
  const root = dirname(config.file);
  const matches = (globs: readonly string[], path: string) => globs.some((g) => minimatch(path, g, { dot: true }));
  return files.filter((f) => {
    const rel = relative(root, resolve(cwd, f.path));
    if (rel.startsWith('..') || isAbsolute(rel)) return true;
    const path = rel.split(sep).join('/');
    if (config.include.length > 0 && !matches(config.include, path)) return false;
    return !matches(config.exclude, path);
  });
}
