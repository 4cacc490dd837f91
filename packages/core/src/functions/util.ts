import { TemplateFunctionError, type Arg, type CallContext, type FunctionDef, type UnknownMode, Lambda } from '../expression/evaluate.js';
import { Unknown } from '../unknown.js';
import { type Value, type ValueObject, armTypeOf, toJsonText } from '../value.js';
import { LimitError, type Budget } from '../limits.js';

export interface FnOptions {
  unknowns?: UnknownMode;
  lazy?: boolean;
}

export function fn(
  name: string,
  minArgs: number,
  maxArgs: number,
  call: (args: Arg[], ctx: CallContext) => Value | Lambda,
  options: FnOptions = {},
): FunctionDef {
  return { name, minArgs, maxArgs, call, ...options };
}

export function fail(name: string, message: string): never {
  throw new TemplateFunctionError(`${name}(): ${message}`);
}

function describe(v: Arg | undefined): string {
  return v instanceof Lambda ? 'lambda' : armTypeOf(v as Value);
}

export function str(name: string, args: Arg[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') fail(name, `argument ${i + 1} must be a string, not ${describe(v)}`);
  return v;
}

export function int(name: string, args: Arg[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(name, `argument ${i + 1} must be an integer, not ${describe(v)}`);
  return v;
}

export function num(name: string, args: Arg[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') fail(name, `argument ${i + 1} must be a number, not ${describe(v)}`);
  return v;
}

export function arr(name: string, args: Arg[], i: number): Value[] {
  const v = args[i];
  if (!Array.isArray(v)) fail(name, `argument ${i + 1} must be an array, not ${describe(v)}`);
  return v;
}

export function obj(name: string, args: Arg[], i: number): ValueObject {
  const v = args[i];
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Unknown || v instanceof Lambda) {
    fail(name, `argument ${i + 1} must be an object, not ${describe(v)}`);
  }
  return v as ValueObject;
}

export function bool(name: string, args: Arg[], i: number): boolean {
  const v = args[i];
  if (typeof v !== 'boolean') fail(name, `argument ${i + 1} must be a boolean, not ${describe(v)}`);
  return v;
}

export function lambda(name: string, args: Arg[], i: number, params: number): Lambda {
  const v = args[i];
  if (!(v instanceof Lambda)) fail(name, `argument ${i + 1} must be a lambda, not ${describe(v)}`);
  if (v.params.length !== params) fail(name, `the lambda must take ${params} parameter(s), not ${v.params.length}`);
  return v;
}

export function value(name: string, args: Arg[], i: number): Value {
  const v = args[i];
  if (v instanceof Lambda) fail(name, `argument ${i + 1} cannot be a lambda`);
  return v as Value;
}

/**
 * ARM's conversion of a value to text, as `string()`, `concat()` and `format()` do it: booleans are
 * `True`/`False` (.NET), null is empty, arrays and objects are compact JSON.
 */
export function armToString(v: Value, budget?: Budget): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (v instanceof Unknown) throw new TypeError('armToString on unknown');
  return toJsonText(v, budget);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return String(n);
}

/** A new array, checked against the size limit. */
export function newArray(budget: Budget, items: Value[]): Value[] {
  budget.checkSize(items.length);
  return items;
}

export function newString(budget: Budget, s: string): string {
  return budget.checkString(s);
}

/** Fails before building a string of `length` characters that would exceed the limit. */
export function checkLength(budget: Budget, length: number): void {
  if (length > budget.limits.stringLength) {
    throw new LimitError(`string of ${length} characters exceeds the limit of ${budget.limits.stringLength}`);
  }
}

/** JS string comparison by UTF-16 code units (.NET ordinal). */
export function ordinalCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
