import type { Expr } from './ast.js';
import {
  Evaluator, applyLambda, unknownArgument,
  type Arg, type CallContext, type FunctionDef, type Lambda, type Scope,
} from './evaluate.js';
import type { Value } from '../value.js';
import type { Budget } from '../limits.js';
import type { SourceRef } from '../source.js';

/** An expression compiled to a function of its scope. */
export type CompiledExpression = (scope: Scope) => Arg;

/**
 * Compiles an expression whose functions are known in advance (`resolve` is consulted now, not at
 * each call): the policy engine evaluates the same condition on every resource, so name lookups,
 * arity checks and tree walking are paid once. Calls of non-lazy functions become closures; anything
 * else (lazy functions, member access) is left to the interpreter, so semantics are the Evaluator's.
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
      if (!fn || fn.lazy || expr.args.length < fn.minArgs || expr.args.length > fn.maxArgs) return interpret(expr);
      const args = expr.args.map((a) => compileExpression(a, resolve));
      const mode = fn.unknowns ?? 'deep';
      return (scope) => {
        scope.budget.charge();
        const values: Arg[] = new Array(args.length);
        for (let i = 0; i < args.length; i++) values[i] = (args[i] as CompiledExpression)(scope);
        return unknownArgument(values, mode) ?? fn.call(values, new ScopeCall(scope, expr.args));
      };
    }
    default:
      return interpret(expr);
  }
}

function interpret(expr: Expr): CompiledExpression {
  return (scope) => new Evaluator(scope).evaluate(expr);
}

/** The call context of a compiled call. */
class ScopeCall implements CallContext {
  constructor(
    readonly scope: Scope,
    readonly exprs: readonly Expr[],
  ) {}

  get budget(): Budget {
    return this.scope.budget;
  }

  get origin(): SourceRef | undefined {
    return this.scope.origin;
  }

  evaluate(expr: Expr): Arg {
    return new Evaluator(this.scope).evaluate(expr);
  }

  apply(lambda: Lambda, args: Value[]): Value {
    return applyLambda(lambda, args);
  }
}

