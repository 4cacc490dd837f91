import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as assert from 'uvu/assert';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type Io } from '../src/index.js';

/**
 * The repository root, from this file's place (packages/cli/dist/test/helpers.js). Not from
 * @sigil/testing: that package depends on this one, so its tests cannot depend on it.
 */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** `../shared` beside the checkout: the reference data. */
export const sharedDir = join(repoRoot, '..', 'shared');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the sigil command line in-process, as a user would from `cwd`. */
export async function sigil(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env,
    stdoutColor: false,
    stderrColor: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary folder with the given files; removed by `cleanup`. */
export function workspace(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** An ARM template with one image definition (SIG204 refuses a change of its osType). */
export function definition(osType: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { location: { type: 'string', defaultValue: 'westeurope' } },
    resources: [
      {
        type: 'Microsoft.Compute/galleries/images',
        apiVersion: '2023-07-03',
        name: 'contoso_images/server',
        location: "[parameters('location')]",
        properties: { osType, osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'server', sku: '2022' }, ...extra },
      },
    ],
  }, null, 2)}\n`;
}

/** A template with one gallery of the given name. */
export function galleryTemplate(name: string): string {
  return `${JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name, location: 'westeurope' }],
  }, null, 2)}\n`;
}

/** A git repository in a temporary folder: files written, committed; `git` runs there. */
export function repository(files: Record<string, string>) {
  const w = workspace(files);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: w.dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'sigil', GIT_AUTHOR_EMAIL: 'sigil@example.com', GIT_COMMITTER_NAME: 'sigil', GIT_COMMITTER_EMAIL: 'sigil@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }).toString();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(w.dir, path)), { recursive: true });
    writeFileSync(join(w.dir, path), text);
  };
  return { ...w, git, write };
}

let sarifValidator: ((log: unknown) => boolean) & { errors?: unknown } | undefined;

/** Fails unless the log validates against the SARIF 2.1.0 schema in ../shared (ajv, draft-04). */
export function assertValidSarif(log: unknown): void {
  if (!sarifValidator) {
    // Both packages are CommonJS with a `default` export; require() gives the constructor and function.
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
    const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(JSON.parse(readFileSync(join(sharedDir, 'reference/data/sarif-schema-2.1.0.json'), 'utf8')) as object);
  }
  assert.ok(sarifValidator(log), JSON.stringify(sarifValidator.errors, null, 2));
}
