import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main, type Io } from '@sigil/cli';
import { sharedDir } from '@sigil/testing';
import type { PolicyDefinition } from '../src/index.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;

/**
 * The policy rule schema of `../shared` (draft-04). It refers to two schemas that are not in the
 * reference data: ARM's common `expression` (given here: a string in brackets that does not start with
 * `[[`, ARM's own pattern) and the deployment properties of deployIfNotExists (an object here: sigil
 * never emits that effect).
 */
export function policyRuleValidator(): (rule: unknown) => string | undefined {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema({
    id: 'https://schema.management.azure.com/schemas/common/definitions.json#',
    definitions: { expression: { type: 'string', pattern: '^\\[([^\\[].*)?\\]$' } },
  });
  ajv.addSchema({
    id: 'https://schema.management.azure.com/schemas/2018-05-01/Microsoft.Resources.Deployments.json#',
    definitions: { DeploymentProperties: { type: 'object' } },
  });
  const schema = JSON.parse(readFileSync(join(sharedDir(), 'reference/data/policy-definition-schema-2020-10-01.json'), 'utf8')) as PolicySchema;
  allowBooleanEquality(schema);
  const validate = ajv.compile(schema);
  return (rule) => (validate(rule) ? undefined : JSON.stringify(validate.errors?.slice(0, 5), null, 1));
}

interface PolicySchema {
  definitions: { condition: { allOf: { oneOf: { properties: Record<string, { type?: string | string[] }> }[] }[] } };
}

/**
 * The one place the schema is stale against the language (azure-policy-language.md section 8): it
 * types `equals` / `notEquals` as number or string, while the policy docs compare function results
 * with booleans (`{"value": "[less(...)]", "equals": true}`) and Azure accepts them. Booleans are
 * added there; everything else is checked as the schema says.
 */
function allowBooleanEquality(schema: PolicySchema): void {
  let patched = 0;
  for (const group of schema.definitions.condition.allOf) {
    for (const option of group.oneOf ?? []) {
      for (const op of ['equals', 'notEquals']) {
        const p = option.properties?.[op];
        if (p && Array.isArray(p.type)) {
          p.type = [...p.type, 'boolean'];
          patched++;
        }
      }
    }
  }
  if (patched !== 2) throw new Error(`expected to add booleans to equals and notEquals, changed ${patched} places: has the schema changed?`);
}

/** Runs the sigil command line in-process from `cwd`. */
export async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, stdoutColor: false, stderrColor: false };
  return { code: await main(argv, io), stdout, stderr };
}

/** Runs `body` in a temporary folder holding `files` (paths with `/` make folders), removed afterwards. */
export async function inTemp(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-policy-cli-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `sigil policy build --out <temp dir>` in-process; returns the directory. */
export async function buildToTemp(cwd = process.cwd()): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-policy-'));
  return { dir, ...(await run(['policy', 'build', '--out', dir], cwd)) };
}

/** The plain definitions of an output directory, read back from disk, by rule code. */
export function readDefinitions(dir: string): Map<string, PolicyDefinition> {
  const out = new Map<string, PolicyDefinition>();
  for (const file of readdirSync(join(dir, 'definitions')).sort()) {
    const d = JSON.parse(readFileSync(join(dir, 'definitions', file), 'utf8')) as PolicyDefinition;
    out.set(d.properties.metadata.ruleCode, d);
  }
  return out;
}

/** A JSONC file as EPAC writes them: `//` comment lines first. */
export function readJsonc(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8').replace(/^(\s*\/\/[^\n]*\n)+/, ''));
}

/** The default value of each parameter of a definition: what an assignment without values uses. */
export function parameterDefaults(d: PolicyDefinition): Record<string, import('@sigil/core').Value> {
  return Object.fromEntries(Object.entries(d.properties.parameters).map(([k, p]) => [k, p.defaultValue]));
}
