import {
  Unknown, LimitError, isObject, joinParts, memberOrigin, setMemberOrigin, setOrigin, deepEquals, defineKey,
  type Budget, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import type { Expr, BinaryOp } from './syntax.js';
import { callFunction, isSupportedFunction } from './functions.js';
import { TerraformEvalError, asBool, asNumber, templateString } from './values.js';

export { TerraformEvalError };

/** What an expression can refer to; implemented by a module evaluation (config) or a test. */
export interface EvalContext {
  readonly budget: Budget;
  /** Where the expression was written: the origin of the Unknowns it creates. */
  readonly origin: SourceRef | undefined;
  variable(name: string): Value;
  variableRef(name: string): SourceRef | undefined;
  local(name: string): Value;
  localRef(name: string): SourceRef | undefined;
  /** `each.key` / `each.value` of the instance being evaluated; undefined outside for_each. */
  readonly each?: { readonly key: Value; readonly value: Value; readonly valueRef?: SourceRef | undefined };
  readonly countIndex?: Value;
  /** A managed resource `type.name`: an object, a list (count) or a map (for_each) of instances. */
  resource(type: string, name: string): Value | undefined;
  /** Told about a construct sigil does not evaluate (the value becomes Unknown). */
  notice?(reason: string): void;
}

/**
 * Resource instances as expressions see them: their configured arguments. An attribute the
 * configuration does not set is computed by the provider, known only after apply.
 */
const INSTANCE: unique symbol = Symbol('sigil.terraform.instance');

export function markInstance(obj: ValueObject, address: string): ValueObject {
  Object.defineProperty(obj, INSTANCE, { value: address, enumerable: false });
  return obj;
}

function instanceAddress(v: Value): string | undefined {
  return isObject(v) ? (v as { [INSTANCE]?: string })[INSTANCE] : undefined;
}

const LOCAL_SCOPE = new Map<string, Value>();
const NO_REFS = new Map<string, SourceRef>();

export class Evaluator {
  /**
   * @param symbols names bound by `for` expressions and `dynamic` block iterators
   * @param symbolRefs where `<iterator>.value` of a dynamic block was written
   */
  constructor(
    private readonly ctx: EvalContext,
    private readonly symbols: ReadonlyMap<string, Value> = LOCAL_SCOPE,
    private readonly depth = 0,
    private readonly symbolRefs: ReadonlyMap<string, SourceRef> = NO_REFS,
  ) {}

  evaluate(expr: Expr): Value {
    this.ctx.budget.charge();
    this.ctx.budget.checkDepth(this.depth);
    const inner = (e: Expr) => new Evaluator(this.ctx, this.symbols, this.depth + 1, this.symbolRefs).evaluate(e);
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template':
        return this.template(expr.parts, inner);
      case 'tuple': {
        this.ctx.budget.checkSize(expr.items.length);
        const out: Value[] = expr.items.map(inner);
        // Built inside an expression: its members are written in that expression's text.
        if (this.ctx.origin) setOrigin(out, this.ctx.origin);
        expr.items.forEach((item, i) => this.recordRef(out, i, item));
        return out;
      }
      case 'object': {
        const out: ValueObject = {};
        if (this.ctx.origin) setOrigin(out, this.ctx.origin);
        for (const entry of expr.entries) {
          const key = inner(entry.key);
          if (key instanceof Unknown) return new Unknown('an object key is known only after apply', this.ctx.origin);
          if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') throw new TerraformEvalError('an object key must be a string');
          defineKey(out, String(key), inner(entry.value));
          this.recordRef(out, String(key), entry.value);
        }
        return out;
      }
      case 'variable':
        return this.root(expr.name);
      case 'attribute':
        return this.traverse(expr, inner);
      case 'index':
        return this.traverse(expr, inner);
      case 'call':
        if (!isSupportedFunction(expr.name)) this.ctx.notice?.(`the Terraform function ${expr.name}() is not evaluated by sigil`);
        return callFunction(expr.name, expr.args.map(inner), this.ctx.budget, this.ctx.origin);
      case 'unary': {
        const v = inner(expr.operand);
        if (v instanceof Unknown) return v;
        if (expr.op === '!') return !asBool(v);
        return -asNumber(v);
      }
      case 'binary':
        return this.binary(expr.op, inner(expr.left), () => inner(expr.right));
      case 'conditional': {
        const test = inner(expr.test);
        if (test instanceof Unknown) return test;
        return asBool(test) ? inner(expr.then) : inner(expr.otherwise);
      }
      case 'for':
        return this.forExpression(expr);
      case 'unsupported':
        this.ctx.notice?.(expr.reason);
        return new Unknown(expr.reason, this.ctx.origin);
    }
  }

  /**
   * Where the value of `expr` was written, when the expression only passes a value through
   * (`var.regions[1]`, `local.name`, `each.value.location`): a finding on it then points there.
   */
  refOf(expr: Expr): SourceRef | undefined {
    if (expr.kind === 'attribute' && expr.target.kind === 'variable') {
      if (expr.target.name === 'var') return this.ctx.variableRef(expr.name);
      if (expr.target.name === 'local') return this.ctx.localRef(expr.name);
      if (expr.target.name === 'each' && expr.name === 'value') return this.ctx.each?.valueRef;
      if (this.symbols.has(expr.target.name)) return this.symbolRefs.get(`${expr.target.name}.${expr.name}`);
      return undefined;
    }
    if (expr.kind !== 'attribute' && expr.kind !== 'index') return undefined;
    const base = this.refOf(expr.target);
    if (!base) return undefined;
    try {
      const container = this.evaluate(expr.target);
      const key = expr.kind === 'attribute' ? expr.name : this.evaluate(expr.index);
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      if (container === null || typeof container !== 'object' || container instanceof Unknown) return undefined;
      return memberOrigin(container, key).value ?? (base.path ? { file: base.file, path: [...base.path, key] } : undefined);
    } catch {
      return undefined;
    }
  }

  private recordRef(container: object, key: string | number, expr: Expr): void {
    const ref = this.refOf(expr);
    if (ref) setMemberOrigin(container, key, ref);
  }

  private template(parts: readonly (string | Expr)[], inner: (e: Expr) => Value): Value {
    const out: (string | Unknown)[] = [];
    let length = 0;
    for (const part of parts) {
      const v = typeof part === 'string' ? part : inner(part);
      if (v instanceof Unknown) {
        out.push(v);
        continue;
      }
      const s = templateString(v);
      length += s.length;
      if (length > this.ctx.budget.limits.stringLength) throw new LimitError(`string of ${length} characters exceeds the limit of ${this.ctx.budget.limits.stringLength}`);
      out.push(s);
    }
    return joinParts(out);
  }

  private root(name: string): Value {
    const local = this.symbols.get(name);
    if (local !== undefined) return local;
    switch (name) {
      case 'count':
        return { index: this.ctx.countIndex ?? notInLoop('count.index') };
      case 'each':
        return this.ctx.each ? { key: this.ctx.each.key, value: this.ctx.each.value } : notInLoop('each');
      default:
        throw new TerraformEvalError(`"${name}" alone is not a value`);
    }
  }

  private traverse(expr: Expr & { kind: 'attribute' | 'index' }, inner: (e: Expr) => Value): Value {
    // Roots that name a namespace rather than a value: var.x, local.x, data.t.n, module.m, resources.
    if (expr.kind === 'attribute' && expr.target.kind === 'variable' && !this.symbols.has(expr.target.name)) {
      const ns = expr.target.name;
      switch (ns) {
        case 'var':
          return this.ctx.variable(expr.name);
        case 'local':
          return this.ctx.local(expr.name);
        case 'each':
        case 'count':
          break;
        case 'module':
          return new Unknown(`module.${expr.name} outputs are known only after the module is evaluated`, this.ctx.origin);
        case 'data':
          return new Unknown(`data.${expr.name} is read by Terraform at plan time`, this.ctx.origin);
        case 'path':
        case 'terraform':
        case 'self':
          return new Unknown(`${ns}.${expr.name} is not evaluated`, this.ctx.origin);
        default: {
          const resource = this.ctx.resource(ns, expr.name);
          if (resource === undefined) throw new TerraformEvalError(`a reference to undeclared resource ${ns}.${expr.name}`);
          return resource;
        }
      }
    }
    const container = inner(expr.target);
    if (container instanceof Unknown) return container;
    if (expr.kind === 'attribute') return member(container, expr.name, this.ctx.origin);
    const key = inner(expr.index);
    if (key instanceof Unknown) return new Unknown('an index known only after apply', this.ctx.origin);
    return member(container, key, this.ctx.origin);
  }

  private binary(op: BinaryOp, left: Value, right: () => Value): Value {
    if (op === '&&' || op === '||') {
      if (left instanceof Unknown) return left;
      const l = asBool(left);
      if (op === '&&' && !l) return false;
      if (op === '||' && l) return true;
      const r = right();
      return r instanceof Unknown ? r : asBool(r);
    }
    const r = right();
    if (op === '==' || op === '!=') {
      const eq = deepEquals(left, r, false, this.ctx.budget);
      if (eq instanceof Unknown) return eq;
      return op === '==' ? eq && typeof left === typeof r : !(eq && typeof left === typeof r);
    }
    if (left instanceof Unknown) return left;
    if (r instanceof Unknown) return r;
    const a = asNumber(left);
    const b = asNumber(r);
    switch (op) {
      case '<': return a < b;
      case '>': return a > b;
      case '<=': return a <= b;
      case '>=': return a >= b;
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
        if (b === 0) throw new TerraformEvalError('division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new TerraformEvalError('division by zero');
        return a % b;
    }
  }

  private forExpression(expr: Expr & { kind: 'for' }): Value {
    const collection = new Evaluator(this.ctx, this.symbols, this.depth + 1, this.symbolRefs).evaluate(expr.collection);
    if (collection instanceof Unknown) return collection;
    const pairs: [Value, Value][] = Array.isArray(collection)
      ? collection.map((v, i) => [i, v])
      : isObject(collection) ? Object.keys(collection).sort().map((k) => [k, collection[k] as Value]) : [];
    if (!Array.isArray(collection) && !isObject(collection)) throw new TerraformEvalError('a for expression needs a list, set, map or object');
    this.ctx.budget.checkSize(pairs.length);
    const list: Value[] = [];
    const obj: ValueObject = {};
    for (const [k, v] of pairs) {
      const symbols = new Map(this.symbols);
      if (expr.keyName !== undefined) symbols.set(expr.keyName, k);
      symbols.set(expr.valueName, v);
      const scoped = new Evaluator(this.ctx, symbols, this.depth + 1, this.symbolRefs);
      if (expr.condition) {
        const keep = scoped.evaluate(expr.condition);
        if (keep instanceof Unknown) return keep;
        if (!asBool(keep)) continue;
      }
      const value = scoped.evaluate(expr.valueExpr);
      if (!expr.object) {
        list.push(value);
        continue;
      }
      const key = scoped.evaluate(expr.keyExpr as Expr);
      if (key instanceof Unknown) return key;
      const text = templateString(key);
      if (Object.prototype.hasOwnProperty.call(obj, text)) throw new TerraformEvalError(`duplicate key "${text}" in a for expression`);
      defineKey(obj, text, value);
    }
    return expr.object ? obj : list;
  }
}

function notInLoop(what: string): never {
  throw new TerraformEvalError(`${what} is only available in a resource with ${what === 'each' ? 'for_each' : 'count'}`);
}

/** `container.key` or `container[key]`, with Terraform's errors for what does not exist. */
function member(container: Value, key: Value, origin: SourceRef | undefined): Value {
  if (Array.isArray(container)) {
    const i = typeof key === 'string' && /^[0-9]+$/.test(key) ? Number(key) : key;
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new TerraformEvalError('a list index must be a whole number');
    if (i < 0 || i >= container.length) throw new TerraformEvalError(`index ${i} is out of range for a list of ${container.length} elements`);
    return container[i] as Value;
  }
  if (isObject(container)) {
    const k = typeof key === 'number' ? String(key) : key;
    if (typeof k !== 'string') throw new TerraformEvalError('an object key must be a string');
    if (Object.prototype.hasOwnProperty.call(container, k)) return container[k] as Value;
    const address = instanceAddress(container);
    if (address !== undefined) return new Unknown(`${address}.${k} is known only after apply`, origin);
    throw new TerraformEvalError(`the object has no attribute "${k}"`);
  }
  if (container === null) throw new TerraformEvalError('a null value has no attributes');
  throw new TerraformEvalError(`a ${typeof container} has no attribute or index "${String(key)}"`);
}

