import { Unknown } from '../unknown.js';
import { type Value, deepEquals, armTypeOf } from '../value.js';
import { type FunctionDef, type Arg, Lambda } from '../expression/evaluate.js';
import type { Expr } from '../expression/ast.js';
import { fn, fail, value } from './util.js';

// Created on first use: building a collator loads ICU data, which costs start-up for every run.
let collator: Intl.Collator | undefined;

/** Ordering for `less`/`greater`: numbers numerically, strings with culture rules (as .NET does). */
export function compareValues(name: string, a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    collator ??= new Intl.Collator('en', { sensitivity: 'variant', caseFirst: 'lower' });
    return collator.compare(a, b);
  }
  fail(name, `cannot compare ${armTypeOf(a)} with ${armTypeOf(b)}`);
}

function compare(name: string, test: (n: number) => boolean): FunctionDef {
  return fn(name, 2, 2, (a) => test(compareValues(name, value(name, a, 0), value(name, a, 1))));
}

function logical(name: string, isAnd: boolean): FunctionDef {
  return fn(name, 1, Infinity, (a) => {
    let pending: Unknown | undefined;
    for (const v of a) {
      if (v instanceof Unknown) {
        pending ??= v;
        continue;
      }
      if (typeof v !== 'boolean') fail(name, `expects booleans, not ${v instanceof Lambda ? 'lambda' : armTypeOf(v)}`);
      if (v !== isAnd) return v;
    }
    return pending ?? isAnd;
  }, { unknowns: 'custom' });
}

export const logicFunctions: FunctionDef[] = [
  // The budget bounds comparing values that share one object many times (exponential otherwise).
  fn('equals', 2, 2, (a, c) => deepEquals(value('equals', a, 0), value('equals', a, 1), false, c.budget), { unknowns: 'custom' }),
  compare('less', (n) => n < 0),
  compare('lessOrEquals', (n) => n <= 0),
  compare('greater', (n) => n > 0),
  compare('greaterOrEquals', (n) => n >= 0),
  logical('and', true),
  logical('or', false),
  fn('not', 1, 1, (a) => {
    const v = value('not', a, 0);
    if (typeof v !== 'boolean') fail('not', `expects a boolean, not ${armTypeOf(v)}`);
    return !v;
  }),
  fn('if', 3, 3, (_a, c) => {
    // Lazy: ARM and policy evaluate only the branch taken (policy docs rely on it to guard substring()).
    const cond = c.evaluate(c.exprs[0] as Expr);
    if (cond instanceof Unknown) return cond;
    if (typeof cond !== 'boolean') fail('if', `the condition must be a boolean, not ${cond instanceof Lambda ? 'lambda' : armTypeOf(cond)}`);
    return c.evaluate(c.exprs[cond ? 1 : 2] as Expr);
  }, { lazy: true }),
  fn('bool', 1, 1, (a) => {
    const v = value('bool', a, 0);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    fail('bool', `cannot convert ${JSON.stringify(v)} to a boolean`);
  }),
  fn('true', 0, 0, () => true),
  fn('false', 0, 0, () => false),
];

export function asBool(name: string, v: Arg): boolean | Unknown {
  if (v instanceof Unknown || typeof v === 'boolean') return v;
  fail(name, `expects a boolean, not ${v instanceof Lambda ? 'lambda' : armTypeOf(v)}`);
}
