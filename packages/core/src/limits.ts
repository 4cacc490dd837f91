/**
 * Bounds on evaluation, so that no template can hang sigil or exhaust memory. The numbers are far
 * above what a real template needs (ARM itself allows 800 copies, 4 MB templates, 131,072-character
 * function results in policy) and low enough to finish in well under a second.
 */
export interface Limits {
  /** Function calls and value nodes visited per evaluation budget (one template, one policy run). */
  readonly steps: number;
  /** Longest string an expression may build. */
  readonly stringLength: number;
  /** Largest array or object an expression may build. */
  readonly collectionSize: number;
  /** Deepest nesting of values and expressions. */
  readonly depth: number;
  /** Largest copy count (ARM allows 800). */
  readonly copyCount: number;
  /** Most resources one template (with its nested deployments) may expand to. */
  readonly resources: number;
  /** Deepest chain of nested deployments or modules. */
  readonly deploymentDepth: number;
  /** Largest input file, in bytes. */
  readonly fileSize: number;
}

export const DEFAULT_LIMITS: Limits = {
  steps: 2_000_000,
  stringLength: 1_048_576,
  collectionSize: 100_000,
  depth: 128,
  copyCount: 800,
  resources: 20_000,
  deploymentDepth: 16,
  fileSize: 16 * 1024 * 1024,
};

/** Raised when a bound is hit. Callers turn it into an Unknown and a diagnostic, never a finding. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
}

export class Budget {
  private remaining: number;

  constructor(readonly limits: Limits = DEFAULT_LIMITS) {
    this.remaining = limits.steps;
  }

  charge(steps = 1): void {
    this.remaining -= steps;
    if (this.remaining < 0) {
      throw new LimitError(`evaluation stopped after ${this.limits.steps} steps`);
    }
  }

  checkString(s: string): string {
    if (s.length > this.limits.stringLength) {
      throw new LimitError(`string of ${s.length} characters exceeds the limit of ${this.limits.stringLength}`);
    }
    return s;
  }

  checkSize(n: number): void {
    this.charge(n);
    if (n > this.limits.collectionSize) {
      throw new LimitError(`collection of ${n} items exceeds the limit of ${this.limits.collectionSize}`);
    }
  }

  checkDepth(depth: number): void {
    if (depth > this.limits.depth) {
      throw new LimitError(`nesting deeper than ${this.limits.depth} levels`);
    }
  }
}
