import { Unknown } from './unknown.js';
import { LimitError, type Budget } from './limits.js';

/** A template or policy value: JSON, possibly with Unknowns anywhere inside. */
export type Value = null | boolean | number | string | Unknown | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

export type ArmType = 'null' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'object' | 'unknown';

export function armTypeOf(v: Value | undefined): ArmType {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

export function isObject(v: unknown): v is ValueObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);
}

/**
 * Property lookup with ARM's case-insensitive property names: exact match first, then any casing.
 * Returns the key as spelled in the object, so paths can be reported as written.
 */
export function findKey(obj: ValueObject, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  let lower: string | undefined;
  for (const k in obj) {
    // Only keys of the same length can match: most lookups of absent keys never lower-case anything.
    if (k.length === key.length && Object.prototype.hasOwnProperty.call(obj, k) && k.toLowerCase() === (lower ??= key.toLowerCase())) return k;
  }
  return undefined;
}

export function getKey(obj: ValueObject, key: string): Value | undefined {
  const k = findKey(obj, key);
  return k === undefined ? undefined : obj[k];
}

/** Sets a key so that `__proto__` stays data instead of replacing the object's prototype. */
export function defineKey(obj: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const MAX_COMPARE_DEPTH = 256;

/**
 * Deep equality. `ignoreCase` applies to strings (the policy `equals` condition); template `equals()`
 * is case-sensitive. Numbers compare by value (1 equals 1.0). Returns an Unknown when the answer
 * depends on an unknown part.
 */
export function deepEquals(a: Value, b: Value, ignoreCase: boolean, budget?: Budget, depth = 0): boolean | Unknown {
  budget?.charge();
  if (depth > MAX_COMPARE_DEPTH) throw new LimitError(`values nested deeper than ${MAX_COMPARE_DEPTH} levels cannot be compared`);
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (typeof a === 'string' && typeof b === 'string') {
    return ignoreCase ? a.length === b.length && a.toLowerCase() === b.toLowerCase() : a === b;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  let pending: Unknown | undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const r = deepEquals(a[i] as Value, b[i] as Value, ignoreCase, budget, depth + 1);
      if (r === false) return false;
      if (r instanceof Unknown) pending ??= r;
    }
    return pending ?? true;
  }
  const ao = a as ValueObject;
  const bo = b as ValueObject;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    const bk = findKey(bo, k);
    if (bk === undefined) return false;
    const r = deepEquals(ao[k] as Value, bo[bk] as Value, ignoreCase, budget, depth + 1);
    if (r === false) return false;
    if (r instanceof Unknown) pending ??= r;
  }
  return pending ?? true;
}

/**
 * Serializes a value the way ARM's `string()` does for arrays and objects (compact JSON). Charges the
 * budget per node, so a value shared many times inside itself (a DAG built from variables) cannot make
 * serialization explode. Throws on Unknown; callers check first.
 */
export function toJsonText(v: Value, budget?: Budget): string {
  const out: string[] = [];
  let length = 0;
  const emit = (s: string) => {
    out.push(s);
    length += s.length;
    if (budget && length > budget.limits.stringLength) {
      throw new LimitError(`serialized value exceeds ${budget.limits.stringLength} characters`);
    }
  };
  const walk = (x: Value, depth: number): void => {
    budget?.charge();
    if (budget) budget.checkDepth(depth);
    if (x instanceof Unknown) throw new TypeError('cannot serialize an unknown value');
    if (x === null || typeof x !== 'object') {
      emit(JSON.stringify(x));
      return;
    }
    if (Array.isArray(x)) {
      emit('[');
      x.forEach((item, i) => {
        if (i > 0) emit(',');
        walk(item, depth + 1);
      });
      emit(']');
      return;
    }
    emit('{');
    let first = true;
    for (const k of Object.keys(x)) {
      if (!first) emit(',');
      first = false;
      emit(JSON.stringify(k));
      emit(':');
      walk(x[k] as Value, depth + 1);
    }
    emit('}');
  };
  walk(v, 0);
  return out.join('');
}

/** Converts an arbitrary parsed JSON value into a Value (identity for plain JSON). */
export function asValue(v: unknown): Value {
  return v as Value;
}
