/**
 * Conformance over Microsoft's built-in policy definitions (read in place from the shared corpus next
 * to the checkout; never copied into the repository): every condition compiles and evaluates.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCondition, isExpression, type CompiledCondition, type Outcome, type Value, type ValueObject } from '../src/index.js';
import { NOW, resource } from './helpers.js';

// packages/core/dist/test -> the repository root -> ../shared
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CORPUS = join(repoRoot, '..', 'shared', 'conformance', 'azure-policy-builtins');
const SETS = join(CORPUS, 'policySetDefinitions');

/** Case-insensitive member lookup (the corpus has non-canonical key casing). */
function get(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (entry.endsWith('.json')) out.push(p);
  }
  return out;
}

interface Definition {
  readonly file: string;
  readonly name: string;
  readonly condition: unknown;
  readonly parameters: Record<string, Value>;
  readonly types: string[];
  /** The root is an allOf with a direct `type` equals/in member: other types can never match. */
  readonly typeGuarded: boolean;
}

/** A value for a parameter: its default, else a value of its type (the first allowed value when listed). */
function parameterValue(spec: unknown): Value {
  const def = get(spec, 'defaultValue');
  if (def !== undefined) return def as Value;
  const allowed = get(spec, 'allowedValues');
  const first = Array.isArray(allowed) && allowed.length > 0 ? (allowed[0] as Value) : undefined;
  switch (String(get(spec, 'type')).toLowerCase()) {
    case 'array':
      return first === undefined ? [] : [first];
    case 'object':
      return {};
    case 'boolean':
      return first ?? false;
    case 'integer':
    case 'float':
      return first ?? 0;
    case 'datetime':
      return first ?? '2024-01-01T00:00:00Z';
    default:
      return first ?? 'placeholder';
  }
}

/** Literal types a condition compares `type` with (equals / in), at any depth of allOf/anyOf/not. */
function targetTypes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) targetTypes(n, out);
    return out;
  }
  const field = get(node, 'field');
  if (typeof field === 'string' && field.toLowerCase() === 'type') {
    const eq = get(node, 'equals');
    const list = get(node, 'in');
    if (typeof eq === 'string' && !isExpression(eq)) out.push(eq);
    if (Array.isArray(list)) out.push(...list.filter((t): t is string => typeof t === 'string' && !isExpression(t)));
  }
  for (const key of ['allOf', 'anyOf', 'not']) {
    const child = get(node, key);
    if (child !== undefined) targetTypes(child, out);
  }
  return out;
}

function isTypeGuarded(condition: unknown): boolean {
  const all = get(condition, 'allOf');
  if (!Array.isArray(all)) return false;
  return all.some((c) => {
    const field = get(c, 'field');
    if (typeof field !== 'string' || field.toLowerCase() !== 'type' || Object.keys(c as object).length !== 2) return false;
    const eq = get(c, 'equals');
    const list = get(c, 'in');
    return (typeof eq === 'string' && !isExpression(eq)) || (Array.isArray(list) && list.every((t) => typeof t === 'string' && !isExpression(t)));
  });
}

function load(file: string): Definition {
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const properties = get(json, 'properties');
  const condition = get(get(properties, 'policyRule'), 'if');
  const parameters: Record<string, Value> = {};
  const specs = get(properties, 'parameters');
  if (specs && typeof specs === 'object') {
    for (const [name, spec] of Object.entries(specs)) parameters[name] = parameterValue(spec);
  }
  return { file: relative(CORPUS, file), name: String(get(json, 'name')), condition, parameters, types: targetTypes(condition), typeGuarded: isTypeGuarded(condition) };
}

/** The name segments a full name needs for a type (`A/b/c` has two: `x/y`). */
function fullNameFor(type: string): string {
  const segments = type.split('/').length - 1;
  return Array.from({ length: Math.max(1, segments) }, (_, i) => `n${i}`).join('/');
}

const BODY: ValueObject = { location: 'eastus', tags: {}, properties: {} };

function evaluate(compiled: CompiledCondition, def: Definition, type: string): Outcome {
  return compiled.evaluate({ resource: resource(structuredClone(BODY), { type, fullName: fullNameFor(type) }), parameters: def.parameters, now: NOW });
}

const definitions = jsonFiles(CORPUS).filter((f) => !f.startsWith(SETS + '/')).map(load);
const builtins = suite('built-in policy definitions');

builtins('the corpus holds the 324 built-in definitions, each with a policyRule.if', () => {
  assert.is(definitions.length, 324);
  assert.equal(definitions.filter((d) => d.condition === undefined).map((d) => d.file), []);
  assert.is(new Set(definitions.map((d) => d.name.toLowerCase())).size, 324, 'definition names (GUIDs) are unique');
});

builtins('every definition compiles with lenient aliases', () => {
  const failures: string[] = [];
  for (const def of definitions) {
    try {
      compileCondition(def.condition, { lenientAliases: true });
    } catch (e) {
      failures.push(`${def.file}: ${(e as Error).message}`);
    }
  }
  assert.equal(failures, []);
});

builtins('every definition evaluates against a resource of a type it targets without throwing and without an unsupported function', () => {
  const failures: string[] = [];
  let evaluated = 0;
  for (const def of definitions) {
    const compiled = compileCondition(def.condition, { lenientAliases: true });
    const types = def.types.length > 0 ? def.types : ['Microsoft.Compute/virtualMachines'];
    for (const type of types.slice(0, 3)) {
      try {
        const o = evaluate(compiled, def, type);
        evaluated++;
        if (!['true', 'false', 'unknown', 'error'].includes(o.verdict)) failures.push(`${def.file} (${type}): verdict ${o.verdict}`);
        if (o.reason && /not supported|not computed|not allowed/.test(o.reason)) failures.push(`${def.file} (${type}): ${o.reason}`);
      } catch (e) {
        failures.push(`${def.file} (${type}): threw ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
  }
  assert.equal(failures, []);
  // 324 definitions, up to three targeted types each.
  assert.is(evaluated, 370);
});

builtins('definitions guarded by a type condition never match a resource of another type', () => {
  const guarded = definitions.filter((d) => d.typeGuarded);
  assert.is(guarded.length, 245);
  const wrong: string[] = [];
  for (const def of guarded) {
    const o = evaluate(compileCondition(def.condition, { lenientAliases: true }), def, 'Microsoft.Sigil/unrelated');
    if (o.verdict !== 'false') wrong.push(`${def.file}: ${o.verdict} ${o.reason ?? ''}`);
  }
  assert.equal(wrong, []);
});

builtins('the Compute category: all 24 definitions are present and none fails to evaluate on a bare resource', () => {
  const compute = definitions.filter((d) => d.file.startsWith('Compute/'));
  assert.is(compute.length, 24);
  const errors = compute
    .map((d) => [d.file, evaluate(compileCondition(d.condition, { lenientAliases: true }), d, d.types[0] ?? 'Microsoft.Compute/virtualMachines')] as const)
    .filter(([, o]) => o.verdict === 'error')
    .map(([file, o]) => `${file}: ${o.reason}`);
  assert.equal(errors, []);
});

builtins('the corpus uses these parameter types, and each has a placeholder of its type', () => {
  const types = new Set<string>();
  for (const file of jsonFiles(CORPUS).filter((f) => !f.startsWith(SETS + '/'))) {
    const specs = get(get(JSON.parse(readFileSync(file, 'utf8')), 'properties'), 'parameters');
    for (const spec of Object.values((specs ?? {}) as Record<string, unknown>)) types.add(String(get(spec, 'type')).toLowerCase());
  }
  assert.equal([...types].sort(), ['array', 'boolean', 'datetime', 'integer', 'object', 'string']);
  assert.equal(
    ['array', 'boolean', 'datetime', 'integer', 'float', 'object', 'string'].map((type) => parameterValue({ type })),
    [[], false, '2024-01-01T00:00:00Z', 0, 0, {}, 'placeholder'],
  );
  assert.equal(parameterValue({ type: 'String', allowedValues: ['Audit', 'Deny'] }), 'Audit');
  assert.equal(parameterValue({ type: 'Array', allowedValues: ['a', 'b'] }), ['a']);
  assert.equal(parameterValue({ type: 'String', defaultValue: 'Deny', allowedValues: ['Audit', 'Deny'] }), 'Deny');
});

builtins.run();

const sets = suite('built-in initiatives');

const guids = new Set(definitions.map((d) => d.name.toLowerCase()));

const initiatives: [string, number][] = [
  ['Mission/ComputeInitiative.json', 3],
  ['Trusted Launch/GuestAttestationPrerequisites.json', 7],
];

sets('the corpus holds exactly the two initiatives', () => {
  assert.equal(jsonFiles(SETS).map((f) => relative(SETS, f)).sort(), initiatives.map((i) => i[0]).sort());
});

for (const [file, members] of initiatives) {
  sets(`${basename(file)}: all ${members} members resolve to corpus definitions by GUID name`, () => {
    const json = JSON.parse(readFileSync(join(SETS, file), 'utf8')) as unknown;
    const refs = get(get(json, 'properties'), 'policyDefinitions');
    assert.ok(Array.isArray(refs));
    const ids = refs.map((r) => String(get(r, 'policyDefinitionId')));
    assert.is(ids.length, members);
    const names = ids.map((id) => id.split('/').pop()?.toLowerCase() ?? '');
    assert.equal(names.filter((n) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(n)), []);
    assert.equal(names.filter((n) => !guids.has(n)), []);
    for (const id of ids) assert.match(id, /^\/providers\/Microsoft\.Authorization\/policyDefinitions\//i);
  });
}

sets.run();
