import type { Expr } from './ast.js';
import {
  Evaluator, Lambda, TemplateFunctionError, applyLambda, indexInto, member, unknownArgument,
  type Arg, type CallContext, type FunctionDef, type Scope,
} from './evaluate.js';
import type { Value } from '../value.js';
import type { Budget } from '../limits.js';
import type { SourceRef } from '../source.js';

/** An expression compiled to a function of its scope. */
export type CompiledExpression = (scope: Scope) => Arg;

/**
 * Compiles an expression whose functions are known in advance (`resolve` is consulted now, not at
 * each call): the policy engine evaluates the same condition on every resource, so name lookups,
 * arity checks and tree walking are paid once. Calls and member accesses become closures that call
 * the Evaluator's own functions (`fn.call`, `member`, `indexInto`), so semantics are the Evaluator's;
 * what they cannot bind ahead (unknown functions, safe dereference chains) is left to the interpreter.
 */
export function compileExpression(expr: Expr, resolve: (name: string) => FunctionDef | undefined): CompiledExpression {
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'const':
    case 'folded': {
      const value = expr.value;
      return (scope) => {
        scope.budget.charge();
        return value;
      };
    }
    case 'call': {
      const fn = expr.namespace === undefined ? resolve(expr.name) : undefined;
      if (!fn || expr.args.length < fn.minArgs || expr.args.length > fn.maxArgs) return interpret(expr);
      const args = expr.args.map((a) => compileExpression(a, resolve));
      if (fn.lazy) {
        // `if` evaluates the branch it takes through the call context, which runs the compiled argument.
        const compiled = new Map(expr.args.map((a, i) => [a, args[i] as CompiledExpression]));
        return (scope) => {
          scope.budget.charge();
          return fn.call([], new ScopeCall(scope, expr.args, compiled));
        };
      }
      const mode = fn.unknowns ?? 'deep';
      // The call context depends on the scope only: one per scope (a policy evaluation evaluates many
      // expressions in one scope, and this one again for each member of a count).
      let lastScope: Scope | undefined;
      let lastCall: ScopeCall | undefined;
      return (scope) => {
        scope.budget.charge();
        const values: Arg[] = new Array(args.length);
        for (let i = 0; i < args.length; i++) values[i] = (args[i] as CompiledExpression)(scope);
        const unknown = unknownArgument(values, mode);
        if (unknown !== undefined) return unknown;
        if (lastScope !== scope || !lastCall) {
          lastCall = new ScopeCall(scope, expr.args);
          lastScope = scope;
        }
        return fn.call(values, lastCall);
      };
    }
    case 'property':
    case 'index': {
      // A safe dereference (`.?`, `[?]`) cuts the whole chain short: the interpreter handles it.
      if (hasSafeAccess(expr)) return interpret(expr);
      const target = compileExpression(expr.target, resolve);
      if (expr.kind === 'property') {
        const name = expr.name;
        return (scope) => {
          scope.budget.charge();
          return member(valueOf(target(scope)), name, false);
        };
      }
      const index = compileExpression(expr.index, resolve);
      return (scope) => {
        scope.budget.charge();
        const t = valueOf(target(scope));
        return indexInto(t, valueOf(index(scope)), false);
      };
    }
  }
}

function hasSafeAccess(expr: Expr): boolean {
  for (let e: Expr = expr; e.kind === 'property' || e.kind === 'index'; e = e.target) if (e.safe) return true;
  return false;
}

function valueOf(arg: Arg): Value {
  if (arg instanceof Lambda) throw new TemplateFunctionError('a lambda can only be passed to a lambda function');
  return arg;
}

function interpret(expr: Expr): CompiledExpression {
  return (scope) => new Evaluator(scope).evaluate(expr);
}

/** The call context of a compiled call. */
class ScopeCall implements CallContext {
  constructor(
    readonly scope: Scope,
    readonly exprs: readonly Expr[],
    private readonly compiled?: ReadonlyMap<Expr, CompiledExpression>,
  ) {}

  get budget(): Budget {
    return this.scope.budget;
  }

  get origin(): SourceRef | undefined {
    return this.scope.origin;
  }

  evaluate(expr: Expr): Arg {
    const compiled = this.compiled?.get(expr);
    return compiled ? compiled(this.scope) : new Evaluator(this.scope).evaluate(expr);
  }

  apply(lambda: Lambda, args: Value[]): Value {
    return applyLambda(lambda, args);
  }
}

