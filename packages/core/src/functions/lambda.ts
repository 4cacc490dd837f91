import { Unknown } from '../unknown.js';
import { type Value, type ValueObject, findKey, defineKey, armTypeOf } from '../value.js';
import { type FunctionDef, Lambda } from '../expression/evaluate.js';
import type { Expr } from '../expression/ast.js';
import { fn, fail, arr, obj, lambda, value, newArray } from './util.js';

function truthy(name: string, v: Value): boolean | Unknown {
  if (v instanceof Unknown || typeof v === 'boolean') return v;
  fail(name, `the lambda must return a boolean, not ${armTypeOf(v)}`);
}

function key(name: string, v: Value): string | Unknown {
  if (v instanceof Unknown || typeof v === 'string') return v;
  fail(name, `the key lambda must return a string, not ${armTypeOf(v)}`);
}

/** `lambda('x', 'y', body)`: names are string literals, the body is evaluated only when applied. */
const lambdaFn: FunctionDef = fn('lambda', 1, Infinity, (_a, c) => {
  const exprs = c.exprs;
  const params = exprs.slice(0, -1).map((e) => {
    if (e.kind !== 'string') fail('lambda', 'parameter names must be string literals');
    return e.value;
  });
  return new Lambda(params, exprs[exprs.length - 1] as Expr, c.scope);
}, { lazy: true });

const lambdaVariables: FunctionDef = fn('lambdaVariables', 1, 1, (a, c) => {
  const name = a[0];
  if (typeof name !== 'string') fail('lambdaVariables', 'the name must be a string');
  const vars = c.scope.lambdaVariables;
  const v = vars?.get(name.toLowerCase());
  if (v === undefined) fail('lambdaVariables', `no lambda variable named "${name}" is in scope`);
  return v;
}, { unknowns: 'shallow' });

/** Passes the index as a second argument when the lambda declares one (ARM's map/filter/reduce do). */
function applyWithIndex(lam: Lambda, apply: (l: Lambda, args: Value[]) => Value, item: Value, index: number): Value {
  return apply(lam, lam.params.length > 1 ? [item, index] : [item]);
}

export const lambdaFunctions: FunctionDef[] = [
  lambdaFn,
  lambdaVariables,
  fn('filter', 2, 2, (a, c) => {
    const items = arr('filter', a, 0);
    const lam = a[1] instanceof Lambda ? a[1] : lambda('filter', a, 1, 1);
    const out: Value[] = [];
    for (let i = 0; i < items.length; i++) {
      c.budget.charge();
      const keep = truthy('filter', applyWithIndex(lam, c.apply, items[i] as Value, i));
      if (keep instanceof Unknown) return keep;
      if (keep) out.push(items[i] as Value);
    }
    return out;
  }, { unknowns: 'shallow' }),
  fn('map', 2, 2, (a, c) => {
    const items = arr('map', a, 0);
    const lam = a[1] instanceof Lambda ? a[1] : lambda('map', a, 1, 1);
    return newArray(c.budget, items.map((item, i) => applyWithIndex(lam, c.apply, item, i)));
  }, { unknowns: 'shallow' }),
  fn('reduce', 3, 3, (a, c) => {
    const items = arr('reduce', a, 0);
    let acc = value('reduce', a, 1);
    const lam = a[2] instanceof Lambda ? a[2] : lambda('reduce', a, 2, 2);
    items.forEach((item, i) => {
      c.budget.charge();
      acc = c.apply(lam, lam.params.length > 2 ? [acc, item, i] : [acc, item]);
    });
    return acc;
  }, { unknowns: 'shallow' }),
  fn('sort', 2, 2, (a, c) => {
    const items = [...arr('sort', a, 0)];
    const lam = lambda('sort', a, 1, 2);
    let pending: Unknown | undefined;
    items.sort((x, y) => {
      c.budget.charge();
      const before = truthy('sort', c.apply(lam, [x, y]));
      if (before instanceof Unknown) {
        pending ??= before;
        return 0;
      }
      return before ? -1 : 1;
    });
    return pending ?? items;
  }, { unknowns: 'shallow' }),
  fn('toObject', 2, 3, (a, c) => {
    const items = arr('toObject', a, 0);
    const keyLam = lambda('toObject', a, 1, 1);
    const valueLam = a.length > 2 ? lambda('toObject', a, 2, 1) : undefined;
    const out: ValueObject = {};
    for (const item of items) {
      const k = key('toObject', c.apply(keyLam, [item]));
      if (k instanceof Unknown) return k;
      const existing = findKey(out, k);
      if (existing !== undefined) delete out[existing];
      defineKey(out, k, valueLam ? c.apply(valueLam, [item]) : item);
    }
    c.budget.checkSize(Object.keys(out).length);
    return out;
  }, { unknowns: 'shallow' }),
  fn('groupBy', 2, 2, (a, c) => {
    const items = arr('groupBy', a, 0);
    const lam = lambda('groupBy', a, 1, 1);
    const out: ValueObject = {};
    for (const item of items) {
      const k = key('groupBy', c.apply(lam, [item]));
      if (k instanceof Unknown) return k;
      const existing = findKey(out, k) ?? k;
      const group = (out[existing] as Value[] | undefined) ?? [];
      group.push(item);
      defineKey(out, existing, group);
    }
    return out;
  }, { unknowns: 'shallow' }),
  fn('mapValues', 2, 2, (a, c) => {
    const o = obj('mapValues', a, 0);
    const lam = lambda('mapValues', a, 1, 1);
    const out: ValueObject = {};
    for (const k of Object.keys(o)) defineKey(out, k, c.apply(lam, [o[k] as Value]));
    return out;
  }, { unknowns: 'shallow' }),
];

