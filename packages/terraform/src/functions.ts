import { Unknown, isObject, findUnknown, toJsonText, deepEquals, defineKey, type Budget, type SourceRef, type Value, type ValueObject } from '@sigil/core';
import { TerraformEvalError, asBool, asNumber, templateString } from './values.js';

type Impl = (args: Value[], budget: Budget) => Value;

interface TerraformFunction {
  readonly min: number;
  readonly max: number;
  /** Functions that look at structure only (`length`) still answer when an element is unknown. */
  readonly shallow?: boolean;
  readonly impl: Impl;
}

const fn = (min: number, max: number, impl: Impl, shallow = false): TerraformFunction => ({ min, max, impl, shallow });

function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return templateString(v);
  throw new TerraformEvalError('a string is required');
}

function list(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  throw new TerraformEvalError('a list is required');
}

function map(v: Value): ValueObject {
  if (isObject(v)) return v;
  throw new TerraformEvalError('a map or object is required');
}

function distinct(values: Value[], budget: Budget): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((o) => deepEquals(o, v, false, budget) === true)) out.push(v);
  return out;
}

/** Terraform's `format` verbs that config files use: %s, %d, %v, %q, %%. */
function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([-+# 0]*[0-9]*(?:\.[0-9]+)?)?([sdvqf%])/g, (_all, _flags: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new TerraformEvalError('format: not enough arguments');
    const v = args[i++] as Value;
    switch (verb) {
      case 'd': return String(Math.trunc(asNumber(v)));
      case 'f': return String(asNumber(v));
      case 'q': return JSON.stringify(str(v));
      case 'v': return typeof v === 'object' && v !== null ? toJsonText(v) : str(v);
      default: return str(v);
    }
  });
}

const FUNCTIONS: ReadonlyMap<string, TerraformFunction> = new Map<string, TerraformFunction>([
  ['jsonencode', fn(1, 1, ([v], budget) => toJsonText(v as Value, budget))],
  ['jsondecode', fn(1, 1, ([v]) => {
    try {
      return JSON.parse(str(v as Value)) as Value;
    } catch {
      throw new TerraformEvalError('jsondecode: the string is not JSON');
    }
  })],
  ['lower', fn(1, 1, ([v]) => str(v as Value).toLowerCase())],
  ['upper', fn(1, 1, ([v]) => str(v as Value).toUpperCase())],
  ['trimspace', fn(1, 1, ([v]) => str(v as Value).trim())],
  ['title', fn(1, 1, ([v]) => str(v as Value).replace(/\b[a-z]/g, (c) => c.toUpperCase()))],
  ['tostring', fn(1, 1, ([v]) => (v === null ? null : str(v as Value)))],
  ['tonumber', fn(1, 1, ([v]) => (v === null ? null : asNumber(v as Value)))],
  ['tobool', fn(1, 1, ([v]) => (v === null ? null : asBool(v as Value)))],
  ['tolist', fn(1, 1, ([v]) => list(v as Value))],
  ['toset', fn(1, 1, ([v], budget) => distinct(list(v as Value), budget))],
  ['tomap', fn(1, 1, ([v]) => map(v as Value))],
  ['format', fn(1, 64, ([spec, ...rest]) => format(str(spec as Value), rest))],
  ['join', fn(2, 2, ([sep, l]) => list(l as Value).map(str).join(str(sep as Value)))],
  ['split', fn(2, 2, ([sep, s]) => str(s as Value).split(str(sep as Value)))],
  ['replace', fn(3, 3, ([s, search, replacement]) => {
    const pattern = str(search as Value);
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) throw new TerraformEvalError('replace: regular expressions are not evaluated');
    return str(s as Value).split(pattern).join(str(replacement as Value));
  })],
  ['substr', fn(3, 3, ([s, offset, length]) => {
    const text = [...str(s as Value)];
    const start = asNumber(offset as Value);
    const n = asNumber(length as Value);
    const from = start < 0 ? text.length + start : start;
    return text.slice(from, n < 0 ? undefined : from + n).join('');
  })],
  ['concat', fn(0, 64, (args) => args.flatMap((a) => list(a)))],
  ['merge', fn(0, 64, (args) => {
    const out: ValueObject = {};
    for (const a of args) {
      if (a === null) continue;
      for (const [k, v] of Object.entries(map(a))) defineKey(out, k, v);
    }
    return out;
  })],
  ['lookup', fn(2, 3, ([m, key, fallback]) => {
    const obj = map(m as Value);
    const k = str(key as Value);
    if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k] as Value;
    if (fallback === undefined) throw new TerraformEvalError(`lookup: the map has no key "${k}"`);
    return fallback;
  })],
  ['length', fn(1, 1, ([v]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    return Object.keys(map(v as Value)).length;
  }, true)],
  ['element', fn(2, 2, ([l, i]) => {
    const items = list(l as Value);
    if (items.length === 0) throw new TerraformEvalError('element: the list is empty');
    const n = asNumber(i as Value);
    return items[((n % items.length) + items.length) % items.length] as Value;
  })],
  ['keys', fn(1, 1, ([m]) => Object.keys(map(m as Value)).sort(), true)],
  ['values', fn(1, 1, ([m]) => {
    const obj = map(m as Value);
    return Object.keys(obj).sort().map((k) => obj[k] as Value);
  }, true)],
  ['contains', fn(2, 2, ([l, v], budget) => list(l as Value).some((item) => deepEquals(item, v as Value, false, budget) === true))],
  ['distinct', fn(1, 1, ([l], budget) => distinct(list(l as Value), budget))],
  ['flatten', fn(1, 1, ([l]) => {
    const out: Value[] = [];
    const walk = (v: Value, depth: number): void => {
      if (depth > 32) throw new TerraformEvalError('flatten: nested too deeply');
      if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
      else out.push(v);
    };
    list(l as Value).forEach((x) => walk(x, 0));
    return out;
  })],
  ['coalesce', fn(1, 64, (args) => {
    const found = args.find((a) => a !== null && a !== '');
    if (found === undefined) throw new TerraformEvalError('coalesce: every argument is null or empty');
    return found;
  })],
  ['min', fn(1, 64, (args) => Math.min(...args.map(asNumber)))],
  ['max', fn(1, 64, (args) => Math.max(...args.map(asNumber)))],
  ['abs', fn(1, 1, ([n]) => Math.abs(asNumber(n as Value)))],
  ['floor', fn(1, 1, ([n]) => Math.floor(asNumber(n as Value)))],
  ['ceil', fn(1, 1, ([n]) => Math.ceil(asNumber(n as Value)))],
  ['range', fn(1, 3, (args, budget) => {
    const [a, b, c] = args.map(asNumber);
    const [start, end, step] = b === undefined ? [0, a as number, 1] : [a as number, b, c ?? 1];
    if (step === 0) throw new TerraformEvalError('range: the step must not be zero');
    const n = Math.max(0, Math.ceil((end - start) / step));
    budget.checkSize(n);
    return Array.from({ length: n }, (_, i) => start + i * step);
  })],
  ['zipmap', fn(2, 2, ([k, v]) => {
    const keys = list(k as Value).map(str);
    const vals = list(v as Value);
    const out: ValueObject = {};
    keys.forEach((key, i) => defineKey(out, key, vals[i] ?? null));
    return out;
  })],
]);

/**
 * Calls a Terraform function. Unknown arguments give an unknown result (a structural function such
 * as `length` only needs the argument itself to be known). A function sigil does not implement
 * gives an Unknown that says so: never a guess.
 */
export function callFunction(name: string, args: Value[], budget: Budget, origin: SourceRef | undefined): Value {
  const f = FUNCTIONS.get(name);
  if (!f) return new Unknown(`the Terraform function ${name}() is not evaluated by sigil`, origin);
  if (args.length < f.min || args.length > f.max) throw new TerraformEvalError(`${name}() takes ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} arguments, not ${args.length}`);
  for (const a of args) {
    const u = f.shallow ? (a instanceof Unknown ? a : undefined) : findUnknown(a);
    if (u) return new Unknown(u.reason, u.origin ?? origin);
  }
  budget.charge(args.length);
  const result = f.impl(args, budget);
  if (typeof result === 'string') budget.checkString(result);
  return result;
}

export function isSupportedFunction(name: string): boolean {
  return FUNCTIONS.has(name);
}
