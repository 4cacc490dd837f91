import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

export const IGNORED_DIRECTORIES = ['node_modules', '.git', '.terraform'];
const IGNORED = new Set(IGNORED_DIRECTORIES);

/** File endings sigil reads when it walks a directory. */
export const LINTED_EXTENSIONS = ['json', 'jsonc', 'bicep', 'bicepparam'];

export interface InputFile {
  /** Path as the user will see it: relative to the working directory when inside it. */
  readonly path: string;
  /** Named on the command line (not found by walking a directory). */
  readonly explicit: boolean;
  /** The file's text when it is not (or not yet) the text on disk: an editor's buffer. */
  readonly text?: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Expands the paths given on the command line to files, walking directories with `glob`. */
export async function discover(paths: readonly string[], cwd = process.cwd()): Promise<InputFile[]> {
  const out = new Map<string, InputFile>();
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (stat.isFile()) {
      out.set(abs, { path: display(abs, cwd), explicit: true });
      continue;
    }
    // glob is loaded only when a directory is walked: linting one file starts faster without it.
    const { glob } = await import('glob');
    const found = await glob(`**/*.{${LINTED_EXTENSIONS.join(',')}}`, {
      cwd: abs,
      absolute: true,
      nodir: true,
      dot: false,
      // Pruning by directory name is much faster than matching ignore patterns on every path.
      ignore: { ignored: () => false, childrenIgnored: (p) => IGNORED.has(p.name) },
    });
    for (const f of found.sort()) if (!out.has(f)) out.set(f, { path: display(f, cwd), explicit: false });
  }
  return [...out.values()];
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep)) return rel.split(sep).join('/');
  return abs;
}
