import { Unknown } from '../unknown.js';
import { type Value, type ValueObject, deepEquals, findKey, isObject, armTypeOf, defineKey } from '../value.js';
import { type FunctionDef, type Arg, Lambda } from '../expression/evaluate.js';
import { fn, fail, int, arr, obj, value, newArray, ordinalCompare } from './util.js';
import type { Budget } from '../limits.js';

function unique(items: Value[], budget: Budget): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    if (!out.some((o) => deepEquals(o, item, false, budget) === true)) out.push(item);
  }
  return out;
}

/** ARM `union` of objects merges nested objects recursively; nested arrays and scalars are replaced. */
function mergeObjects(target: ValueObject, source: ValueObject, budget: Budget, depth: number): ValueObject {
  budget.checkDepth(depth);
  const out: ValueObject = {};
  for (const k of Object.keys(target)) defineKey(out, k, target[k] as Value);
  for (const k of Object.keys(source)) {
    budget.charge();
    const existing = findKey(out, k);
    const incoming = source[k] as Value;
    if (existing !== undefined && isObject(out[existing]) && isObject(incoming)) {
      defineKey(out, existing, mergeObjects(out[existing] as ValueObject, incoming, budget, depth + 1));
    } else {
      if (existing !== undefined && existing !== k) delete out[existing];
      defineKey(out, k, incoming);
    }
  }
  budget.checkSize(Object.keys(out).length);
  return out;
}

function union(args: Arg[], budget: Budget): Value {
  const values = args.map((_, i) => value('union', args, i));
  if (values.every((v) => Array.isArray(v) || v === null)) {
    return newArray(budget, unique(values.flatMap((v) => (v === null ? [] : (v as Value[]))), budget));
  }
  if (values.every((v) => isObject(v) || v === null)) {
    return values.reduce<ValueObject>((acc, v) => (v === null ? acc : mergeObjects(acc, v as ValueObject, budget, 0)), {});
  }
  fail('union', 'all arguments must be arrays, or all must be objects');
}

function intersection(args: Arg[], budget: Budget): Value {
  const values = args.map((_, i) => value('intersection', args, i));
  if (values.every(Array.isArray)) {
    const [first, ...rest] = values as Value[][];
    return unique(first as Value[], budget).filter((item) =>
      rest.every((other) => other.some((o) => deepEquals(o, item, false, budget) === true)),
    );
  }
  if (values.every(isObject)) {
    const [first, ...rest] = values as ValueObject[];
    const out: ValueObject = {};
    for (const k of Object.keys(first as ValueObject)) {
      const v = (first as ValueObject)[k] as Value;
      if (rest.every((o) => {
        const ok = findKey(o, k);
        return ok !== undefined && deepEquals(o[ok] as Value, v, false, budget) === true;
      })) defineKey(out, k, v);
    }
    return out;
  }
  fail('intersection', 'all arguments must be arrays, or all must be objects');
}

function minMax(name: string, args: Arg[], max: boolean): Value {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Value[]) : args.map((_, i) => value(name, args, i));
  if (values.length === 0) fail(name, 'needs at least one number');
  let best: number | undefined;
  for (const v of values) {
    if (typeof v !== 'number') fail(name, `expects numbers, not ${armTypeOf(v)}`);
    if (best === undefined || (max ? v > best : v < best)) best = v;
  }
  return best as number;
}

/** `coalesce`: the first argument that is not null. An unknown before it makes the result unknown. */
function coalesce(args: Arg[]): Value {
  for (const a of args) {
    if (a instanceof Lambda) fail('coalesce', 'a lambda cannot be an argument');
    if (a instanceof Unknown) return a;
    if (a !== null) return a;
  }
  return null;
}

function tryGet(args: Arg[]): Value {
  let current = value('tryGet', args, 0);
  for (let i = 1; i < args.length; i++) {
    const key = value('tryGet', args, i);
    if (current instanceof Unknown) return current;
    if (key instanceof Unknown) return key;
    if (Array.isArray(current)) {
      if (typeof key !== 'number') return null;
      current = (current[key] as Value | undefined) ?? null;
    } else if (isObject(current)) {
      if (typeof key !== 'string') return null;
      const k = findKey(current, key);
      current = k === undefined ? null : (current[k] as Value);
    } else {
      return null;
    }
  }
  return current;
}

function indexFromEnd(name: string, args: Arg[], safe: boolean): Value {
  const items = arr(name, args, 0);
  const n = int(name, args, 1);
  if (n < 1 || n > items.length) {
    if (safe) return null;
    fail(name, `index ${n} from the end is out of range for an array of length ${items.length}`);
  }
  return items[items.length - n] as Value;
}

export const collectionFunctions: FunctionDef[] = [
  fn('array', 1, 1, (a) => {
    const v = value('array', a, 0);
    return Array.isArray(v) ? v : [v];
  }, { unknowns: 'shallow' }),
  fn('createArray', 0, Infinity, (a, c) => newArray(c.budget, a.map((_, i) => value('createArray', a, i))), {
    unknowns: 'custom',
  }),
  fn('createObject', 0, Infinity, (a, c) => {
    if (a.length % 2 !== 0) fail('createObject', 'expects pairs of keys and values');
    const out: ValueObject = {};
    for (let i = 0; i < a.length; i += 2) {
      const k = a[i];
      if (k instanceof Unknown) return k;
      if (typeof k !== 'string') fail('createObject', `keys must be strings, not ${armTypeOf(k as Value)}`);
      defineKey(out, k, value('createObject', a, i + 1));
    }
    c.budget.checkSize(a.length / 2);
    return out;
  }, { unknowns: 'custom' }),
  fn('coalesce', 1, Infinity, (a) => coalesce(a), { unknowns: 'custom' }),
  fn('flatten', 1, 1, (a, c) => {
    const out: Value[] = [];
    for (const item of arr('flatten', a, 0)) {
      if (item instanceof Unknown) return item;
      if (!Array.isArray(item)) fail('flatten', 'every element must be an array');
      out.push(...item);
      c.budget.checkSize(out.length);
    }
    return out;
  }, { unknowns: 'shallow' }),
  fn('union', 1, Infinity, (a, c) => union(a, c.budget)),
  fn('intersection', 1, Infinity, (a, c) => intersection(a, c.budget)),
  fn('min', 1, Infinity, (a) => minMax('min', a, false)),
  fn('max', 1, Infinity, (a) => minMax('max', a, true)),
  fn('range', 2, 2, (a, c) => {
    const start = int('range', a, 0);
    const count = int('range', a, 1);
    if (count < 0) fail('range', 'the count cannot be negative');
    if (count > 10_000) fail('range', `a count of ${count} is more than the 10000 ARM allows`);
    c.budget.checkSize(count);
    return Array.from({ length: count }, (_, i) => start + i);
  }),
  fn('items', 1, 1, (a, c) => {
    const o = obj('items', a, 0);
    const keys = Object.keys(o).sort((x, y) => ordinalCompare(x.toLowerCase(), y.toLowerCase()));
    c.budget.checkSize(keys.length);
    return keys.map((key) => ({ key, value: o[key] as Value }));
  }, { unknowns: 'shallow' }),
  fn('objectKeys', 1, 1, (a) => Object.keys(obj('objectKeys', a, 0)), { unknowns: 'shallow' }),
  fn('shallowMerge', 1, 1, (a) => {
    const out: ValueObject = {};
    for (const item of arr('shallowMerge', a, 0)) {
      if (item instanceof Unknown) return item;
      if (!isObject(item)) fail('shallowMerge', 'every element must be an object');
      for (const k of Object.keys(item)) {
        const existing = findKey(out, k);
        if (existing !== undefined) delete out[existing];
        defineKey(out, k, item[k] as Value);
      }
    }
    return out;
  }, { unknowns: 'shallow' }),
  fn('tryGet', 2, Infinity, (a) => tryGet(a), { unknowns: 'custom' }),
  fn('indexFromEnd', 2, 2, (a) => indexFromEnd('indexFromEnd', a, false), { unknowns: 'shallow' }),
  fn('tryIndexFromEnd', 2, 2, (a) => indexFromEnd('tryIndexFromEnd', a, true), { unknowns: 'shallow' }),
  fn('null', 0, 0, () => null),
];

/** `objectKeys` and friends need a string key; exported for the lambda functions. */
export function keyOf(name: string, v: Value): string {
  if (typeof v !== 'string') fail(name, `keys must be strings, not ${armTypeOf(v)}`);
  return v;
}

