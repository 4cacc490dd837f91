/**
 * Shared fixtures for the core tests: an expression scope over the shared library, resources, and a
 * plain view of values (Unknowns become `{ $unknown, parts? }`) so tests can compare them exactly.
 */
import {
  Budget, DEFAULT_LIMITS, Resource, Unknown, compileCondition, defineFunction, evaluateString,
  functionError, libraryFunction, stringArg,
  type CompileOptions, type DeploymentScope, type FunctionDef, type Limits, type Outcome, type ResourceInit,
  type Scope, type Value, type ValueObject,
} from '../src/index.js';

/** An Unknown as tests compare it: its reason, and its known parts when it is a partial string. */
export interface PlainUnknown {
  readonly $unknown: string;
  readonly parts?: readonly unknown[];
}

/** A value with every Unknown replaced by a plain object (recursively), for `assert.equal`. */
export function plain(v: Value | undefined): unknown {
  if (v instanceof Unknown) {
    return v.parts ? { $unknown: v.reason, parts: v.parts.map((p) => plain(p)) } : { $unknown: v.reason };
  }
  if (Array.isArray(v)) return v.map((x) => plain(x));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, { value: plain(v[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

/** `{ $unknown: reason }`, the plain form of an Unknown without parts. */
export const unknown = (reason: string): PlainUnknown => ({ $unknown: reason });

export interface ScopeOptions {
  /** Values of `parameters('name')`; a missing name fails like ARM does. */
  readonly parameters?: Readonly<Record<string, Value>>;
  readonly limits?: Partial<Limits>;
  /** Extra functions, by namespace (`undefined` for the global one). */
  readonly functions?: readonly { namespace?: string; def: FunctionDef }[];
}

/** A scope with the shared library, a `parameters()` function and optional extra functions. */
export function scope(options: ScopeOptions = {}): Scope {
  const params = options.parameters ?? {};
  const parameters = defineFunction('parameters', 1, 1, (a) => {
    const name = stringArg('parameters', a, 0);
    const v = params[name];
    if (v === undefined) functionError('parameters', `no parameter "${name}"`);
    return v;
  });
  const budget = new Budget({ ...DEFAULT_LIMITS, ...(options.limits ?? {}) });
  return {
    budget,
    resolve: (ns, name) => {
      const extra = options.functions?.find((f) => f.namespace?.toLowerCase() === ns?.toLowerCase() && f.def.name.toLowerCase() === name.toLowerCase());
      if (extra) return extra.def;
      if (ns !== undefined) return undefined;
      if (name.toLowerCase() === 'parameters') return parameters;
      return libraryFunction(name);
    },
  };
}

/** Evaluates a template string (`[expr]`, a literal, or a `[[` escape). */
export function ev(text: string, options?: ScopeOptions): Value {
  return evaluateString(text, scope(options));
}

/** Evaluates and returns the plain view of the value. */
export function evp(text: string, options?: ScopeOptions): unknown {
  return plain(ev(text, options));
}

/** The error `fn` throws, as `{ name, message }`; fails the test when nothing is thrown. */
export function thrown(fn: () => unknown): { name: string; message: string; error: Error } {
  try {
    fn();
  } catch (e) {
    const error = e as Error;
    return { name: error.name, message: error.message, error };
  }
  throw new Error('expected an error, but nothing was thrown');
}

export const IMAGE_VERSION = 'Microsoft.Compute/galleries/images/versions';
export const IMAGE = 'Microsoft.Compute/galleries/images';
export const GALLERY = 'Microsoft.Compute/galleries';

export interface ResourceOptions {
  readonly type?: string;
  readonly fullName?: string | Unknown;
  readonly apiVersion?: string | Unknown;
  readonly scope?: DeploymentScope;
  readonly condition?: boolean | Unknown;
  readonly existing?: boolean;
  readonly declaration?: ResourceInit['declaration'];
  readonly label?: string;
}

/** A resource of `type` (an image version by default) with the given body. */
export function resource(body: ValueObject, options: ResourceOptions = {}): Resource {
  return new Resource({
    type: options.type ?? IMAGE_VERSION,
    apiVersion: options.apiVersion ?? '2023-07-03',
    fullName: options.fullName ?? 'gal/img/1.0.0',
    scope: options.scope ?? { level: 'resourceGroup' },
    condition: options.condition ?? true,
    existing: options.existing ?? false,
    dependsOn: () => [],
    declaration: options.declaration ?? { file: 'x.json', path: ['resources', 0] },
    frontend: 'arm',
    label: options.label ?? 'r',
    body: () => body,
  });
}

/** The clock every policy test injects. */
export const NOW = new Date('2025-06-15T12:30:45.123Z');

export interface CheckOptions extends ResourceOptions {
  readonly parameters?: Readonly<Record<string, Value>>;
  readonly compile?: CompileOptions;
  readonly now?: Date;
}

/** Compiles `condition` and evaluates it against a resource with `body`. */
export function check(condition: unknown, body: ValueObject = {}, options: CheckOptions = {}): Outcome {
  return compileCondition(condition, options.compile).evaluate({
    resource: resource(body, options),
    parameters: options.parameters ?? {},
    now: options.now ?? NOW,
  });
}

/** The parts of an outcome a test pins: verdict, evidence (field, path, plain value), reason, reports. */
export function summary(o: Outcome): unknown {
  return {
    verdict: o.verdict,
    evidence: o.evidence.map((e) => ({ field: e.field, path: [...e.path], value: plain(e.value) })),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    ...(o.reports ? { reports: o.reports.map((r) => ({ messageId: r.messageId, paths: r.evidence.map((e) => [...e.path]), ...(r.messageData ? { messageData: r.messageData } : {}) })) } : {}),
  };
}
