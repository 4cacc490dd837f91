import {
  Unknown, joinParts, defineFunction, functionError, stringArg, valueArg, intArg,
  subscriptionObject, resourceGroupObject, TemplateFunctionError,
  type FunctionDef, type Value, type DeploymentScope, type Scope, type Arg,
} from '@sigil/core';

/** What the template context functions need from the template being evaluated. */
export interface TemplateHost {
  readonly scope: DeploymentScope;
  parameter(name: string): Value;
  variable(name: string): Value;
  userFunction(namespace: string, name: string): FunctionDef | undefined;
}

/** Copy loop indexes in effect: loop name (lower case), or '' for the resource loop -> index. */
export type Loops = ReadonlyMap<string, number | Unknown>;

/** An expression scope inside a template: the copy loops in effect travel with it. */
export interface TemplateScope extends Scope {
  readonly loops: Loops;
}

const deployTime = (what: string) => new Unknown(`${what} is known only at deployment`);

function unknownFn(name: string, min: number, max: number, what: string): FunctionDef {
  return defineFunction(name, min, max, (_a, c) => new Unknown(`${what} is known only at deployment`, c.origin), { unknowns: 'custom' });
}

/** Splits resourceId-style arguments into the leading scope parts, the type, and the name segments. */
function idArguments(name: string, args: readonly Value[]): { prefix: readonly Value[]; type: string; names: readonly Value[] } | Unknown {
  const typeIndex = args.findIndex((a) => typeof a === 'string' && /^[A-Za-z0-9.]+\/[A-Za-z0-9./]+$/.test(a) && !a.startsWith('/'));
  if (typeIndex < 0) {
    const u = args.find((a) => a instanceof Unknown);
    if (u instanceof Unknown) return u;
    functionError(name, 'no resource type (namespace/type) among the arguments');
  }
  // An unknown before the type could itself be the type: only trust a type at a position that fits.
  const type = args[typeIndex] as string;
  const names = args.slice(typeIndex + 1);
  const expected = type.split('/').length - 1;
  if (names.length !== expected) functionError(name, `"${type}" needs ${expected} name segment(s), got ${names.length}`);
  for (const n of names) {
    if (!(n instanceof Unknown) && typeof n !== 'string') functionError(name, 'name segments must be strings');
  }
  return { prefix: args.slice(0, typeIndex), type, names };
}

function providerPath(type: string, names: readonly Value[]): (string | Unknown)[] {
  const [namespace, ...segments] = type.split('/');
  const parts: (string | Unknown)[] = [`/providers/${namespace}`];
  segments.forEach((t, i) => parts.push(`/${t}/`, names[i] as string | Unknown));
  return parts;
}

function asPart(v: Value | undefined, fallback: string | Unknown): string | Unknown {
  if (v === undefined) return fallback;
  if (typeof v === 'string' || v instanceof Unknown) return v;
  return functionError('resourceId', 'scope arguments must be strings');
}

export function templateFunctions(host: TemplateHost): Map<string, FunctionDef> {
  const sub = () => host.scope.subscriptionId ?? deployTime('the subscription');
  const rg = () => host.scope.resourceGroup ?? deployTime('the resource group');
  const all: FunctionDef[] = [
    defineFunction('parameters', 1, 1, (a) => host.parameter(stringArg('parameters', a, 0))),
    defineFunction('variables', 1, 1, (a) => host.variable(stringArg('variables', a, 0))),
    defineFunction('copyIndex', 0, 2, (a, c) => copyIndexValue(a, (c.scope as Partial<TemplateScope>).loops)),
    defineFunction('resourceId', 2, Infinity, (a) => {
      const parsed = idArguments('resourceId', a as Value[]);
      if (parsed instanceof Unknown) return parsed;
      const { prefix, type, names } = parsed;
      if (prefix.length > 2) functionError('resourceId', 'too many arguments before the resource type');
      const subscription = prefix.length === 2 ? asPart(prefix[0], sub()) : sub();
      const group = prefix.length >= 1 ? asPart(prefix[prefix.length - 1], rg()) : host.scope.level === 'resourceGroup' ? rg() : undefined;
      const parts: (string | Unknown)[] = ['/subscriptions/', subscription];
      if (group !== undefined) parts.push('/resourceGroups/', group);
      return joinParts([...parts, ...providerPath(type, names)]);
    }, { unknowns: 'custom' }),
    defineFunction('subscriptionResourceId', 2, Infinity, (a) => {
      const parsed = idArguments('subscriptionResourceId', a as Value[]);
      if (parsed instanceof Unknown) return parsed;
      const subscription = parsed.prefix.length === 1 ? asPart(parsed.prefix[0], sub()) : sub();
      return joinParts(['/subscriptions/', subscription, ...providerPath(parsed.type, parsed.names)]);
    }, { unknowns: 'custom' }),
    defineFunction('tenantResourceId', 2, Infinity, (a) => {
      const parsed = idArguments('tenantResourceId', a as Value[]);
      if (parsed instanceof Unknown) return parsed;
      return joinParts(providerPath(parsed.type, parsed.names));
    }, { unknowns: 'custom' }),
    defineFunction('managementGroupResourceId', 2, Infinity, (a) => {
      const parsed = idArguments('managementGroupResourceId', a as Value[]);
      if (parsed instanceof Unknown) return parsed;
      const mg = parsed.prefix.length === 1 ? asPart(parsed.prefix[0], deployTime('the management group')) : host.scope.managementGroup ?? deployTime('the management group');
      return joinParts(['/providers/Microsoft.Management/managementGroups/', mg, ...providerPath(parsed.type, parsed.names)]);
    }, { unknowns: 'custom' }),
    defineFunction('extensionResourceId', 3, Infinity, (a) => {
      const base = valueArg('extensionResourceId', a, 0);
      const parsed = idArguments('extensionResourceId', (a as Value[]).slice(1));
      if (parsed instanceof Unknown) return parsed;
      if (!(typeof base === 'string' || base instanceof Unknown)) functionError('extensionResourceId', 'the base id must be a string');
      return joinParts([base, ...providerPath(parsed.type, parsed.names)]);
    }, { unknowns: 'custom' }),
    defineFunction('subscription', 0, 0, () => subscriptionObject(host.scope)),
    defineFunction('resourceGroup', 0, 0, () => resourceGroupObject(host.scope)),
    defineFunction('deployment', 0, 0, () => ({
      name: deployTime('the deployment name'),
      location: deployTime('the deployment location'),
      properties: deployTime('the deployment properties'),
    })),
    defineFunction('managementGroup', 0, 1, () => ({
      id: deployTime('the management group'),
      name: host.scope.managementGroup ?? deployTime('the management group'),
      properties: deployTime('the management group properties'),
    })),
    defineFunction('tenant', 0, 0, () => ({
      tenantId: deployTime('the tenant'),
      displayName: deployTime('the tenant name'),
      countryCode: deployTime('the tenant country'),
    })),
    unknownFn('environment', 0, 0, 'the cloud environment'),
    unknownFn('reference', 1, 3, 'a reference() value'),
    unknownFn('references', 1, 2, 'a references() value'),
    unknownFn('pickZones', 3, 5, 'pickZones()'),
    unknownFn('providers', 1, 2, 'providers()'),
    unknownFn('utcNow', 0, 1, 'utcNow()'),
  ];
  return new Map(all.map((f) => [f.name.toLowerCase(), f]));
}

function copyIndexValue(a: readonly Arg[], loops: Loops | undefined): number | Unknown {
  let name: string | undefined;
  let offset = 0;
  if (typeof a[0] === 'string') {
    name = a[0];
    if (a.length > 1) offset = intArg('copyIndex', a as Arg[], 1);
  } else if (a.length > 0) {
    offset = intArg('copyIndex', a as Arg[], 0);
  }
  const i = loops?.get((name ?? '').toLowerCase());
  if (i === undefined) {
    throw new TemplateFunctionError(name ? `copyIndex(): no copy loop named "${name}" is in effect` : 'copyIndex() is used outside a copy loop');
  }
  return i instanceof Unknown ? i : i + offset;
}

/** `listKeys()`, `listSecrets()`... any list* function: a runtime value. */
export function listFunction(name: string): FunctionDef | undefined {
  if (!/^list[a-z0-9]*$/i.test(name)) return undefined;
  return unknownFn(name, 1, 3, `${name}()`);
}

