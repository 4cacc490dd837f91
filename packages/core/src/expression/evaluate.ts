import type { Expr } from './ast.js';
import { parseExpression, isExpression, unescapeLiteral } from './parse.js';
import { Unknown, findUnknown } from '../unknown.js';
import { type Value, isObject, getKey, armTypeOf } from '../value.js';
import type { Budget } from '../limits.js';
import type { SourceRef } from '../source.js';

/** A template function failed (ARM: InvalidTemplate; policy: evaluation fails and acts as deny). */
export class TemplateFunctionError extends Error {
  override readonly name = 'TemplateFunctionError';
}

/** The function exists in ARM or policy but sigil cannot compute it, or it is not allowed here. */
export class UnsupportedFunctionError extends Error {
  override readonly name: string = 'UnsupportedFunctionError';
}

/** No function of that name is known: a typo, or a function newer than sigil. */
export class UnknownFunctionError extends UnsupportedFunctionError {
  override readonly name = 'UnknownFunctionError';
}

/**
 * A `lambda(...)` value; only the lambda functions (map, filter, ...) accept it. Its body is an ARM
 * expression, or a function for lambdas of other languages (Bicep's `x => ...`) that evaluate their
 * own syntax tree.
 */
export class Lambda {
  constructor(
    readonly params: readonly string[],
    readonly body: Expr | ((args: readonly Value[]) => Value),
    readonly scope: Scope,
  ) {}
}

export type Arg = Value | Lambda;

/**
 * How a function treats Unknown arguments:
 * - `deep` (default): the result is unknown when any argument contains an unknown anywhere;
 * - `shallow`: only a wholly unknown argument makes the result unknown (the function looks at
 *   structure, not content: `length`, `first`, `createArray`...);
 * - `custom`: the function handles unknowns itself.
 */
export type UnknownMode = 'deep' | 'shallow' | 'custom';

export interface FunctionDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly unknowns?: UnknownMode;
  /** Receives its arguments unevaluated (only `if` and `lambda`: ARM evaluates every other argument). */
  readonly lazy?: boolean;
  call(args: Arg[], ctx: CallContext): Value | Lambda;
}

export interface CallContext {
  readonly budget: Budget;
  readonly scope: Scope;
  /** The argument expressions as written; `lazy` functions evaluate them with `evaluate`. */
  readonly exprs: readonly Expr[];
  /** Evaluates an argument expression (for `lazy` functions). */
  evaluate(expr: Expr): Arg;
  /** Applies a lambda to arguments. */
  apply(lambda: Lambda, args: Value[]): Value;
  /** Where the expression being evaluated was written, for Unknowns it creates. */
  readonly origin: SourceRef | undefined;
}

/**
 * Name resolution for an evaluation. Frontends and the policy engine layer their own functions
 * (`parameters`, `variables`, `copyIndex`, `field`, `current`...) over the shared library.
 */
export interface Scope {
  readonly budget: Budget;
  resolve(namespace: string | undefined, name: string): FunctionDef | undefined;
  /** Lambda variables visible here (innermost first). */
  readonly lambdaVariables?: ReadonlyMap<string, Value>;
  readonly origin?: SourceRef;
}

/** A scope with extra lambda variables, used while applying a lambda. */
function withLambdaVariables(scope: Scope, names: readonly string[], values: Value[]): Scope {
  const vars = new Map(scope.lambdaVariables ?? []);
  names.forEach((n, i) => vars.set(n.toLowerCase(), values[i] ?? null));
  // Inherit the scope rather than copy known fields: users extend scopes (copy loops in templates,
  // the evaluation state in policies) and their functions must see those fields inside lambdas.
  const inner: Scope = Object.create(scope) as Scope;
  Object.defineProperty(inner, 'lambdaVariables', { value: vars, enumerable: true });
  return inner;
}

const MAX_CALL_DEPTH = 256;

/** Marks an access chain cut short by a safe dereference that gave null. */
const SHORT_CIRCUIT = Symbol('short-circuit');

export class Evaluator {
  private depth = 0;

  constructor(readonly scope: Scope) {}

  evaluate(expr: Expr): Arg {
    const budget = this.scope.budget;
    budget.charge();
    switch (expr.kind) {
      case 'string':
      case 'number':
      case 'const':
      case 'folded':
        return expr.value;
      case 'property':
      case 'index': {
        const v = this.access(expr);
        return v === SHORT_CIRCUIT ? null : v;
      }
      case 'call':
        return this.call(expr);
    }
  }

  /**
   * A member or element access chain. Bicep's safe dereference short-circuits: once a `.?` or `[?]`
   * in the chain gives null, the rest of the chain is not applied (`a.?b.c` is null when `b` is
   * missing, not an error reading `c` of null).
   */
  private access(expr: Extract<Expr, { kind: 'property' | 'index' }>): Value | typeof SHORT_CIRCUIT {
    const target = expr.target.kind === 'property' || expr.target.kind === 'index' ? this.chargedAccess(expr.target) : this.value(expr.target);
    if (target === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    const v = expr.kind === 'property' ? member(target, expr.name, expr.safe) : indexInto(target, this.value(expr.index), expr.safe);
    return expr.safe && v === null ? SHORT_CIRCUIT : v;
  }

  private chargedAccess(expr: Extract<Expr, { kind: 'property' | 'index' }>): Value | typeof SHORT_CIRCUIT {
    this.scope.budget.charge();
    return this.access(expr);
  }

  private value(expr: Expr): Value {
    const v = this.evaluate(expr);
    if (v instanceof Lambda) throw new TemplateFunctionError('a lambda can only be passed to a lambda function');
    return v;
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): Arg {
    const fn = this.scope.resolve(expr.namespace, expr.name);
    const display = expr.namespace ? `${expr.namespace}.${expr.name}` : expr.name;
    if (!fn) throw new UnknownFunctionError(`the function "${display}" does not exist (or sigil does not know it)`);
    if (expr.args.length < fn.minArgs || expr.args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      throw new TemplateFunctionError(`"${display}" expects ${expected} argument(s) but got ${expr.args.length}`);
    }
    if (++this.depth > MAX_CALL_DEPTH) throw new TemplateFunctionError('function calls nested too deeply');
    try {
      const ctx = new Call(this, expr.args);
      if (fn.lazy) return fn.call([], ctx);
      const args = expr.args.map((a) => this.evaluate(a));
      return unknownArgument(args, fn.unknowns ?? 'deep') ?? fn.call(args, ctx);
    } finally {
      this.depth--;
    }
  }
}

/**
 * The Unknown that decides a call's result before the function runs, per its `unknowns` mode: any
 * wholly unknown argument (`shallow`), or any unknown anywhere inside one (`deep`).
 */
export function unknownArgument(args: readonly Arg[], mode: UnknownMode): Unknown | undefined {
  if (mode === 'custom') return undefined;
  for (const a of args) {
    if (a instanceof Unknown) return a;
    if (mode === 'deep' && a !== null && typeof a === 'object' && !(a instanceof Lambda)) {
      const u = findUnknown(a);
      if (u) return u;
    }
  }
  return undefined;
}

/**
 * Replaces calls whose arguments are all constant by their value, when `isPure(name)` says the
 * function depends on its arguments only. A call that fails is left in place, so the error still
 * happens (and is reported) at evaluation time.
 */
export function foldConstants(expr: Expr, isPure: (name: string) => FunctionDef | undefined, budget: Budget): Expr {
  switch (expr.kind) {
    case 'call': {
      const args = expr.args.map((a) => foldConstants(a, isPure, budget));
      const folded: Expr = { ...expr, args };
      const fn = expr.namespace === undefined ? isPure(expr.name) : undefined;
      if (!fn || fn.lazy || !args.every(isConstant)) return folded;
      try {
        const value = new Evaluator({ budget, resolve: (ns, n) => (ns === undefined ? isPure(n) : undefined) }).evaluate(folded);
        if (value instanceof Lambda || value instanceof Unknown) return folded;
        return { kind: 'folded', value, start: expr.start, end: expr.end };
      } catch {
        return folded;
      }
    }
    case 'property':
      return { ...expr, target: foldConstants(expr.target, isPure, budget) };
    case 'index':
      return { ...expr, target: foldConstants(expr.target, isPure, budget), index: foldConstants(expr.index, isPure, budget) };
    default:
      return expr;
  }
}

function isConstant(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'number' || e.kind === 'const' || e.kind === 'folded';
}

/** The context of one function call (a class, so calls do not allocate closures). */
class Call implements CallContext {
  constructor(
    private readonly evaluator: Evaluator,
    readonly exprs: readonly Expr[],
  ) {}

  get budget(): Budget {
    return this.evaluator.scope.budget;
  }

  get scope(): Scope {
    return this.evaluator.scope;
  }

  get origin(): SourceRef | undefined {
    return this.evaluator.scope.origin;
  }

  evaluate(expr: Expr): Arg {
    return this.evaluator.evaluate(expr);
  }

  apply(lambda: Lambda, args: Value[]): Value {
    return applyLambda(lambda, args);
  }
}

export function applyLambda(lambda: Lambda, args: Value[]): Value {
  if (typeof lambda.body === 'function') return lambda.body(args);
  const scope = withLambdaVariables(lambda.scope, lambda.params, args);
  const v = new Evaluator(scope).evaluate(lambda.body);
  if (v instanceof Lambda) throw new TemplateFunctionError('a lambda cannot return a lambda');
  return v;
}

export function member(target: Value, name: string, safe: boolean): Value {
  if (target instanceof Unknown) return target;
  if (isObject(target)) {
    const v = getKey(target, name);
    if (v !== undefined) return v;
    if (safe) return null;
    throw new TemplateFunctionError(`the property "${name}" does not exist; available: ${Object.keys(target).slice(0, 20).join(', ') || 'none'}`);
  }
  if (target === null && safe) return null;
  throw new TemplateFunctionError(`cannot read property "${name}" of a value of type ${armTypeOf(target)}`);
}

export function indexInto(target: Value, index: Value, safe: boolean): Value {
  if (target instanceof Unknown) return target;
  if (index instanceof Unknown) return index;
  if (Array.isArray(target)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new TemplateFunctionError(`an array index must be an integer, not ${armTypeOf(index)}`);
    }
    if (index < 0 || index >= target.length) {
      if (safe) return null;
      throw new TemplateFunctionError(`index ${index} is out of range for an array of length ${target.length}`);
    }
    return target[index] as Value;
  }
  if (isObject(target)) {
    if (typeof index !== 'string') throw new TemplateFunctionError(`an object key must be a string, not ${armTypeOf(index)}`);
    return member(target, index, safe);
  }
  if (target === null && safe) return null;
  throw new TemplateFunctionError(`cannot index a value of type ${armTypeOf(target)}`);
}

/**
 * Evaluates a JSON string from a template or policy: an expression when it is one, else the literal
 * (with the `[[` escape removed).
 */
export function evaluateString(s: string, scope: Scope): Value {
  if (!isExpression(s)) return unescapeLiteral(s);
  const expr = parseExpression(s.slice(1, -1));
  const v = new Evaluator(scope).evaluate(expr);
  if (v instanceof Lambda) throw new TemplateFunctionError('an expression cannot evaluate to a lambda');
  return v;
}
