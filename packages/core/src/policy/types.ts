import type { Unknown } from '../unknown.js';
import type { Value, ValueObject } from '../value.js';
import type { JsonPath } from '../source.js';
import type { DeploymentScope } from '../graph.js';

/** What the policy evaluator needs of a resource (a `Resource` satisfies it). */
export interface PolicyResource {
  readonly type: string;
  readonly name: string | Unknown;
  readonly fullName: string | Unknown;
  readonly id: string | Unknown;
  readonly apiVersion: string | Unknown;
  readonly scope: DeploymentScope;
  readonly body: ValueObject;
}

/** `true`: the resource matches the `if` (non-compliant). `error`: evaluation failed, which Azure treats as deny. */
export type Verdict = 'true' | 'false' | 'unknown' | 'error';

/** A field that decided an outcome, with the value the condition saw. */
export interface Evidence {
  readonly field: string;
  readonly path: JsonPath;
  readonly value: Value | undefined;
}

/** A true branch annotated with `messageId`: one problem to report. */
export interface BranchReport {
  readonly messageId: string;
  readonly messageData?: Readonly<Record<string, Value>>;
  readonly evidence: readonly Evidence[];
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly evidence: readonly Evidence[];
  /** Why the outcome is unknown, or the error that failed the evaluation. */
  readonly reason?: string;
  /**
   * When true: every annotated branch that holds (innermost annotation wins). An `anyOf` keeps
   * evaluating after its first true member so that all problems of a resource are reported at once;
   * the verdict is what Azure Policy computes.
   */
  readonly reports?: readonly BranchReport[];
}

export interface EvaluationInput {
  readonly resource: PolicyResource;
  /** Policy parameters by name (case-insensitive); defaults are applied by the caller. */
  readonly parameters?: Readonly<Record<string, Value>>;
  /** The clock for `utcNow()`. */
  readonly now: Date;
}

export class PolicyCompileError extends Error {
  override readonly name = 'PolicyCompileError';
  constructor(message: string, readonly path: JsonPath) {
    super(`${message} (at ${path.length ? path.join('.') : 'the root'} of the condition)`);
  }
}
