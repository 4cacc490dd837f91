import {
  Unknown, defineFunction, deploymentScope, functionError, stringArg, subscriptionObject, resourceGroupObject, isObject,
  type DeploymentScope, type FunctionDef, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import type { Node } from './ast.js';

/** What the Bicep-only functions need from the file being evaluated. */
export interface BicepFunctionHost {
  readonly scope: DeploymentScope;
  /** The text of a file relative to the one being evaluated (load*Content); undefined when unreadable. */
  text(path: string): string | undefined;
  origin(node: Node): SourceRef;
}

/** Scope objects (`resourceGroup('rg')`, `subscription('id')`...) remember the deployment scope they name. */
const SCOPES = new WeakMap<object, DeploymentScope>();

function scoped(object: ValueObject, scope: DeploymentScope): ValueObject {
  SCOPES.set(object, scope);
  return object;
}

/** The deployment scope a scope object (`resourceGroup('sub', 'rg')`...) names, when it is one. */
export function namedScope(value: Value): DeploymentScope | undefined {
  return isObject(value) ? SCOPES.get(value) : undefined;
}

/** The deployment scope a module's `scope:` value names; the current one when it names none sigil knows. */
export function scopeOfValue(value: Value, current: DeploymentScope): DeploymentScope {
  if (isObject(value)) {
    const scope = SCOPES.get(value);
    if (scope) return scope;
  }
  // A scope sigil cannot read is still one scope: the module's resources and ids share it.
  return deploymentScope(current.level);
}

const MAX_LOADED_TEXT = 131_072;

function deploymentTime(name: string, min: number, max: number, what: string): FunctionDef {
  return defineFunction(name, min, max, () => new Unknown(`${what} is known only at deployment`), { unknowns: 'custom' });
}

/**
 * Functions Bicep has and ARM has not, or has with other arguments: compile-time file loading, `any`,
 * and the scope functions that take a name (`resourceGroup('rg')` as a module scope).
 */
export function bicepFunctions(host: BicepFunctionHost): Map<string, FunctionDef> {
  const scope = host.scope;
  const loaded = (name: string, path: string): string => {
    const text = host.text(path);
    if (text === undefined) functionError(name, `the file "${path}" cannot be read`);
    if (text.length > MAX_LOADED_TEXT) functionError(name, `"${path}" has more than ${MAX_LOADED_TEXT} characters`);
    return text;
  };
  const all: FunctionDef[] = [
    defineFunction('any', 1, 1, (a) => a[0] as Value, { unknowns: 'custom' }),
    defineFunction('loadTextContent', 1, 2, (a) => loaded('loadTextContent', stringArg('loadTextContent', a, 0))),
    defineFunction('loadJsonContent', 1, 3, (a) => {
      const text = loaded('loadJsonContent', stringArg('loadJsonContent', a, 0));
      let value: Value;
      try {
        value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Value;
      } catch (e) {
        functionError('loadJsonContent', `the file is not JSON: ${(e as Error).message}`);
      }
      const path = a[1];
      if (typeof path === 'string' && path !== '$') return jsonPath(value, path);
      return value;
    }),
    defineFunction('loadFileAsBase64', 1, 1, (a) => Buffer.from(loaded('loadFileAsBase64', stringArg('loadFileAsBase64', a, 0)), 'utf8').toString('base64')),
    deploymentTime('loadYamlContent', 1, 3, 'loadYamlContent()'),
    deploymentTime('loadDirectoryFileInfo', 1, 2, 'loadDirectoryFileInfo()'),
    deploymentTime('readEnvironmentVariable', 1, 2, 'an environment variable read when the parameters are built'),
    deploymentTime('externalInput', 1, 2, 'an external input'),
    deploymentTime('getSecret', 1, 2, 'a Key Vault secret'),
    deploymentTime('deployer', 0, 0, 'the deployer'),
    defineFunction('resourceGroup', 0, 2, (a) => {
      if (a.length === 0) return scoped(resourceGroupObject(scope), scope);
      const rg = a[a.length - 1];
      const sub = a.length === 2 ? a[0] : scope.subscriptionId;
      const target: DeploymentScope = {
        level: 'resourceGroup',
        resourceGroup: typeof rg === 'string' || rg instanceof Unknown ? rg : functionError('resourceGroup', 'the name must be a string'),
        ...(typeof sub === 'string' || sub instanceof Unknown ? { subscriptionId: sub } : {}),
      };
      return scoped(resourceGroupObject(target), target);
    }, { unknowns: 'custom' }),
    defineFunction('subscription', 0, 1, (a) => {
      const id = a.length === 1 ? a[0] : scope.subscriptionId;
      const target: DeploymentScope = { level: 'subscription', ...(typeof id === 'string' || id instanceof Unknown ? { subscriptionId: id } : {}) };
      return scoped(subscriptionObject(target), target);
    }, { unknowns: 'custom' }),
    defineFunction('managementGroup', 0, 1, (a) => {
      const name = a.length === 1 ? a[0] : scope.managementGroup;
      const mg = typeof name === 'string' || name instanceof Unknown ? name : new Unknown('the management group is known only at deployment');
      return scoped({ id: typeof mg === 'string' ? `/providers/Microsoft.Management/managementGroups/${mg}` : new Unknown('the management group id'), name: mg, properties: new Unknown('the management group properties') }, { level: 'managementGroup', managementGroup: mg });
    }, { unknowns: 'custom' }),
    defineFunction('tenant', 0, 0, () => scoped({ tenantId: new Unknown('the tenant is known only at deployment'), displayName: new Unknown('the tenant name'), countryCode: new Unknown('the tenant country') }, { level: 'tenant' })),
  ];
  return new Map(all.map((f) => [f.name.toLowerCase(), f]));
}

/** The `$.a.b[0]` JSONPath subset `loadJsonContent` takes. */
function jsonPath(value: Value, path: string): Value {
  let v: Value = value;
  const steps = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  for (const step of steps) {
    if (step.startsWith('[')) {
      const i = Number(step.slice(1, -1));
      v = Array.isArray(v) ? (v[i] ?? functionError('loadJsonContent', `no element ${i} at "${path}"`)) : functionError('loadJsonContent', `"${path}" does not select an array`);
    } else {
      const key = step;
      v = isObject(v) && key in v ? (v[key] as Value) : functionError('loadJsonContent', `"${path}" selects nothing`);
    }
  }
  return v;
}
