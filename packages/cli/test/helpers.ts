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

/** A template with one gallery of the given name. */
export function galleryTemplate(name: string): string {
  return `${JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name, location: 'westeurope' }],
  }, null, 2)}\n`;
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
