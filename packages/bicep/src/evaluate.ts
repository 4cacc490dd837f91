import {
  Unknown, Lambda, TemplateFunctionError, LimitError, joinParts, armToString, member, indexInto, unknownArgument,
  isObject, defineKey, setOrigin, setMemberOrigin, setMemberSlot, memberOrigin, armTypeOf, findUnknown,
  type Arg, type Budget, type CallContext, type Expr, type FunctionDef, type Scope, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import type { Expression, ObjectExpression, ArrayExpression, CallExpression, BinaryExpression, ForExpression, Node } from './ast.js';

/** A local name in effect: a loop variable or lambda parameter, with where its value came from. */
export interface Local {
  readonly value: Value | Lambda;
  readonly origin?: () => SourceRef | undefined;
}

export type Locals = ReadonlyMap<string, Local> | undefined;

/** What an expression needs from the file being evaluated: its names, functions and budget. */
export interface EvaluationHost {
  readonly file: string;
  readonly budget: Budget;
  /** A declared name (parameter, variable, resource, module, import): its value, or undefined when unknown to the file. */
  symbol(name: string): Value | Lambda | undefined;
  /** Where a declared name's value was written, when it is a parameter or variable. */
  symbolOrigin(name: string): SourceRef | undefined;
  /** A function by name: `namespace` is `sys`, `az`, an import alias, or undefined. */
  callable(namespace: string | undefined, name: string): FunctionDef | undefined;
  /** An instance function on a value (`kv.getSecret()`, `storage.listKeys()`): always a deployment-time value. */
  instanceCall(name: string, node: Node): Value;
  /** `parent::child`: the reference of a resource declared inside another's body. */
  childResource(parent: Value, name: string): Value;
  /** The current nesting of value construction, charged against the depth limit. */
  depth: number;
}

const MAX_EXPRESSION_DEPTH = 256;

/**
 * Evaluates Bicep expressions to template values with ARM semantics: Bicep compiles to ARM
 * expressions, so operators map onto the ARM functions (`==` is `equals`, `=~` compares lower-cased
 * strings, `??` is `coalesce`) and values carry where they were written, so a finding points at the
 * Bicep text.
 */
export class ExpressionEvaluator {
  constructor(private readonly host: EvaluationHost) {}

  private ref(node: Node): SourceRef {
    return { file: this.host.file, range: { start: node.start, end: node.end } };
  }

  evaluate(expr: Expression, locals: Locals): Value {
    const v = this.evaluateArg(expr, locals);
    if (v instanceof Lambda) throw new TemplateFunctionError('a lambda can only be passed to a function that takes one');
    return v;
  }

  evaluateArg(expr: Expression, locals: Locals): Arg {
    const host = this.host;
    host.budget.charge();
    if (++host.depth > MAX_EXPRESSION_DEPTH) {
      host.depth--;
      throw new LimitError(`expressions nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    }
    try {
      return this.dispatch(expr, locals);
    } finally {
      host.depth--;
    }
  }

  private dispatch(expr: Expression, locals: Locals): Arg {
    switch (expr.kind) {
      case 'string':
        return expr.value;
      case 'number':
        return expr.value;
      case 'boolean':
        return expr.value;
      case 'null':
        return null;
      case 'interpolated':
        return this.interpolate(expr.parts, expr.expressions, locals);
      case 'object':
        return this.object(expr, locals);
      case 'array':
        return this.array(expr, locals);
      case 'variable':
        return this.variable(expr.name, locals);
      case 'call':
        return this.call(expr, locals);
      case 'member': {
        const target = this.evaluate(expr.target, locals);
        return member(target, expr.name.name, expr.safe);
      }
      case 'index': {
        const target = this.evaluate(expr.target, locals);
        const index = this.evaluate(expr.index, locals);
        if (expr.fromEnd && Array.isArray(target) && typeof index === 'number') return indexInto(target, target.length - index, expr.safe);
        return indexInto(target, index, expr.safe);
      }
      case 'resourceAccess':
        return this.host.childResource(this.evaluate(expr.target, locals), expr.name.name);
      case 'nonNull':
      case 'parenthesized':
        return this.evaluateArg(expr.kind === 'nonNull' ? expr.target : expr.expression, locals);
      case 'unary':
        return this.unary(expr.operator, this.evaluate(expr.operand, locals));
      case 'binary':
        return this.binary(expr, locals);
      case 'ternary': {
        const condition = this.evaluate(expr.condition, locals);
        if (condition instanceof Unknown) return condition;
        if (typeof condition !== 'boolean') throw new TemplateFunctionError(`the condition of "? :" must be a bool, not ${armTypeOf(condition)}`);
        return this.evaluateArg(condition ? expr.whenTrue : expr.whenFalse, locals);
      }
      case 'lambda': {
        const names = expr.parameters.map((p) => p.name.name);
        const body = expr.body;
        return new Lambda(names, (args) => {
          const inner = new Map(locals ?? []);
          names.forEach((n, i) => inner.set(n, { value: args[i] ?? null }));
          return this.evaluate(body, inner);
        }, this.scope());
      }
      case 'for':
        return this.forArray(expr, locals);
      case 'if':
        throw new TemplateFunctionError('"if" is only allowed as the body of a resource, a module or a loop');
      case 'error':
        return new Unknown('the expression has a syntax error', this.ref(expr));
    }
  }

  /** `'a${x}b'`: ARM's string conversion of each value (`True`, JSON for objects); unknown parts stay unknown. */
  interpolate(parts: readonly string[], expressions: readonly Expression[], locals: Locals): string | Unknown {
    const out: (string | Unknown)[] = [parts[0] ?? ''];
    expressions.forEach((e, i) => {
      const v = this.evaluate(e, locals);
      if (v instanceof Unknown) out.push(v);
      else {
        const u = findUnknown(v);
        out.push(u ?? armToString(v, this.host.budget));
      }
      out.push(parts[i + 1] ?? '');
    });
    const joined = joinParts(out);
    return typeof joined === 'string' ? this.host.budget.checkString(joined) : joined;
  }

  private object(expr: ObjectExpression, locals: Locals): ValueObject | Unknown {
    const out: ValueObject = {};
    setOrigin(out, this.ref(expr));
    let count = 0;
    for (const m of expr.members) {
      if (m.kind === 'resource') continue;
      if (m.kind === 'spread') {
        const spread = this.evaluate(m.expression, locals);
        // The keys of an unknown object are unknown: no member of the result can be trusted as absent.
        if (spread instanceof Unknown) return spread;
        if (!isObject(spread)) throw new TemplateFunctionError(`only an object can be spread into an object, not ${armTypeOf(spread)}`);
        for (const k of Object.keys(spread)) {
          defineKey(out, k, spread[k] as Value);
          const origin = memberOrigin(spread, k).value;
          if (origin) setMemberOrigin(out, k, origin);
        }
        continue;
      }
      const key = m.key.kind === 'identifier' ? m.key.name : this.evaluate(m.key, locals);
      if (key instanceof Unknown) return new Unknown(`a property name is known only at deployment (${key.reason})`, this.ref(m.key));
      if (typeof key !== 'string') throw new TemplateFunctionError('a property name must be a string');
      this.host.budget.checkSize(++count);
      defineKey(out, key, this.evaluate(m.value, locals));
      const value = m.value;
      setMemberSlot(out, key, this.ref(value));
      setMemberOrigin(out, key, () => this.originOf(value, locals));
    }
    return out;
  }

  private array(expr: ArrayExpression, locals: Locals): Value[] | Unknown {
    const out: Value[] = [];
    setOrigin(out, this.ref(expr));
    for (const item of expr.items) {
      if (item.kind === 'spread') {
        const spread = this.evaluate(item.expression, locals);
        if (spread instanceof Unknown) return spread;
        if (!Array.isArray(spread)) throw new TemplateFunctionError(`only an array can be spread into an array, not ${armTypeOf(spread)}`);
        spread.forEach((v, i) => {
          const origin = memberOrigin(spread, i).value;
          if (origin) setMemberOrigin(out, out.length, origin);
          out.push(v);
        });
      } else {
        setMemberSlot(out, out.length, this.ref(item));
        setMemberOrigin(out, out.length, () => this.originOf(item, locals));
        out.push(this.evaluate(item, locals));
      }
      this.host.budget.checkSize(out.length);
    }
    return out;
  }

  /** `[for x in items: body]` as a value. A filter whose result is unknown makes the whole array unknown. */
  private forArray(expr: ForExpression, locals: Locals): Value[] | Unknown {
    const iterations = this.iterations(expr, locals);
    if (iterations instanceof Unknown) return iterations;
    const out: Value[] = [];
    setOrigin(out, this.ref(expr));
    for (const inner of iterations) {
      let body = expr.body;
      if (body.kind === 'if') {
        const keep = this.evaluate(body.condition, inner);
        if (keep instanceof Unknown) return new Unknown(`which items the loop keeps is known only at deployment (${keep.reason})`, this.ref(expr));
        if (keep !== true) continue;
        body = body.body;
      }
      const b = body;
      setMemberOrigin(out, out.length, () => this.originOf(b, inner));
      out.push(this.evaluate(b, inner));
    }
    return out;
  }

  /** The locals of each iteration of a loop: the item and index bound, with the item's origin. */
  iterations(expr: ForExpression, locals: Locals): Map<string, Local>[] | Unknown {
    const items = this.evaluate(expr.iterable, locals);
    if (items instanceof Unknown) return items;
    if (!Array.isArray(items)) throw new TemplateFunctionError(`a loop goes over an array, not ${armTypeOf(items)}; use items() for an object`);
    const limits = this.host.budget.limits;
    if (items.length > limits.copyCount) throw new LimitError(`a loop of ${items.length} iterations exceeds the limit of ${limits.copyCount}`);
    return items.map((item, i) => {
      const inner = new Map(locals ?? []);
      if (expr.item) inner.set(expr.item.name, { value: item, origin: () => memberOrigin(items, i).value });
      if (expr.index) inner.set(expr.index.name, { value: i });
      return inner;
    });
  }

  private variable(name: string, locals: Locals): Arg {
    const local = locals?.get(name);
    if (local) return local.value;
    const v = this.host.symbol(name);
    if (v === undefined) throw new UndefinedNameError(`the name "${name}" does not exist in this file`);
    return v;
  }

  private call(expr: CallExpression, locals: Locals): Arg {
    let namespace: string | undefined;
    if (expr.target) {
      // `sys.f()`, `az.f()`, `alias.f()` name a function; anything else is an instance function of a value.
      if (expr.target.kind === 'variable' && !locals?.has(expr.target.name) && this.host.callable(expr.target.name, expr.name.name)) {
        namespace = expr.target.name;
      } else {
        return this.host.instanceCall(expr.name.name, expr);
      }
    }
    const name = expr.name.name;
    if (name === 'nameof' && expr.args.length === 1 && (namespace === undefined || namespace === 'sys')) return nameOf(expr.args[0] as Expression);
    const local = namespace === undefined ? locals?.get(name) : undefined;
    if (local && local.value instanceof Lambda) return this.applyLocal(local.value, expr, locals);
    const fn = this.host.callable(namespace, name);
    const display = namespace ? `${namespace}.${name}` : name;
    if (!fn) throw new TemplateFunctionError(`the function "${display}" does not exist (or sigil does not know it)`);
    if (expr.args.length < fn.minArgs || expr.args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      throw new TemplateFunctionError(`"${display}" expects ${expected} argument(s) but got ${expr.args.length}`);
    }
    const args = expr.args.map((a) => this.evaluateArg(a, locals));
    const decided = unknownArgument(args, fn.unknowns ?? 'deep');
    if (decided) return decided;
    return fn.call(args, this.context(expr, name));
  }

  private applyLocal(lambda: Lambda, expr: CallExpression, locals: Locals): Value {
    const args = expr.args.map((a) => this.evaluate(a, locals));
    return typeof lambda.body === 'function' ? lambda.body(args) : new Unknown('a lambda of another language');
  }

  private context(node: Node, name: string): CallContext {
    const scope = this.scope();
    return {
      budget: this.host.budget,
      scope,
      exprs: [] as Expr[],
      evaluate: () => {
        throw new TemplateFunctionError(`"${name}" cannot be called from Bicep`);
      },
      apply: (lambda, args) => {
        if (typeof lambda.body !== 'function') throw new TemplateFunctionError('a lambda of another language');
        return lambda.body(args);
      },
      origin: this.ref(node),
    };
  }

  private scope(): Scope {
    return { budget: this.host.budget, resolve: (ns, n) => this.host.callable(ns, n) };
  }

  private unary(operator: '!' | '-' | '+', v: Value): Value {
    if (v instanceof Unknown) return v;
    if (operator === '!') {
      if (typeof v !== 'boolean') throw new TemplateFunctionError(`"!" needs a bool, not ${armTypeOf(v)}`);
      return !v;
    }
    if (typeof v !== 'number') throw new TemplateFunctionError(`"${operator}" needs an int, not ${armTypeOf(v)}`);
    return operator === '-' ? -v : v;
  }

  private binary(expr: BinaryExpression, locals: Locals): Value {
    const op = expr.operator;
    const left = this.evaluate(expr.left, locals);
    // Short-circuit where the left side decides, so an unknown right side does not hide a known answer.
    if (op === '&&' && left === false) return false;
    if (op === '||' && left === true) return true;
    if (op === '??') return left === null ? this.evaluate(expr.right, locals) : left;
    const right = this.evaluate(expr.right, locals);
    switch (op) {
      case '&&':
      case '||': {
        if (left instanceof Unknown) return right === (op === '||') ? right : left;
        if (typeof left !== 'boolean' || (typeof right !== 'boolean' && !(right instanceof Unknown))) {
          throw new TemplateFunctionError(`"${op}" needs bools`);
        }
        return right;
      }
      case '==':
      case '!=':
      case '=~':
      case '!~': {
        const ignoreCase = op === '=~' || op === '!~';
        const equal = this.callLibrary('equals', ignoreCase ? [lower(left), lower(right)] : [left, right], expr);
        if (equal instanceof Unknown || op === '==' || op === '=~') return equal;
        return !equal;
      }
      default:
        return this.callLibrary(ARITHMETIC[op] as string, [left, right], expr);
    }
  }

  private callLibrary(name: string, args: Value[], expr: BinaryExpression): Value {
    const fn = this.host.callable(undefined, name);
    if (!fn) throw new TemplateFunctionError(`the function "${name}" is missing`);
    const decided = unknownArgument(args, fn.unknowns ?? 'deep');
    if (decided) return decided;
    const v = fn.call(args, this.context(expr, name));
    if (v instanceof Lambda) throw new TemplateFunctionError(`"${name}" returned a lambda`);
    return v;
  }

  /**
   * Where the value of an expression was written: a literal is where it is; a parameter or variable
   * is where its value was written (the `.bicepparam` line, the default); a member or element of a
   * value is where that member was written; anything computed is the expression itself.
   */
  originOf(expr: Expression, locals: Locals): SourceRef | undefined {
    switch (expr.kind) {
      case 'variable': {
        const local = locals?.get(expr.name);
        if (local) return local.origin?.() ?? this.ref(expr);
        return this.host.symbolOrigin(expr.name) ?? this.ref(expr);
      }
      case 'parenthesized':
        return this.originOf(expr.expression, locals);
      case 'nonNull':
        return this.originOf(expr.target, locals);
      case 'member':
      case 'index': {
        try {
          const target = this.evaluate(expr.target, locals);
          if (target === null || typeof target !== 'object' || target instanceof Unknown) return this.ref(expr);
          const key = expr.kind === 'member' ? expr.name.name : this.evaluate(expr.index, locals);
          if (typeof key !== 'string' && typeof key !== 'number') return this.ref(expr);
          const k = typeof key === 'string' && isObject(target) ? Object.keys(target).find((x) => x.toLowerCase() === key.toLowerCase()) ?? key : key;
          return memberOrigin(target, k).value ?? this.ref(expr);
        } catch {
          return this.ref(expr);
        }
      }
      default:
        return this.ref(expr);
    }
  }
}

/** `nameof(x.y)`: the last name written in the expression, known when the file is compiled. */
function nameOf(expr: Expression): string {
  switch (expr.kind) {
    case 'variable':
      return expr.name;
    case 'member':
    case 'resourceAccess':
      return expr.name.name;
    case 'index':
      if (expr.index.kind === 'string') return expr.index.value;
      break;
    case 'parenthesized':
      return nameOf(expr.expression);
    default:
      break;
  }
  throw new TemplateFunctionError('nameof() takes a name, a property or a string index');
}

const ARITHMETIC: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod',
  '<': 'less', '<=': 'lessOrEquals', '>': 'greater', '>=': 'greaterOrEquals',
};

function lower(v: Value): Value {
  return typeof v === 'string' ? v.toLowerCase() : v;
}

/** A name that no declaration, import, loop or lambda gives: Bicep refuses the file (BCP057). */
export class UndefinedNameError extends TemplateFunctionError {}

/** Whether an error is one an evaluation turns into an Unknown and a diagnostic (never a crash). */
export function isEvaluationError(e: unknown): e is Error {
  return e instanceof TemplateFunctionError || e instanceof LimitError || (e instanceof Error && e.name === 'UnsupportedFunctionError') || (e instanceof Error && e.name === 'UnknownFunctionError');
}
