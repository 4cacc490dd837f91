/** Syntax tree of an ARM template expression (the text between `[` and `]`). Offsets are into that text. */
export type Expr = StringLit | NumberLit | ConstLit | Call | Property | Index | Folded;

interface Node {
  readonly start: number;
  readonly end: number;
}

export interface StringLit extends Node {
  readonly kind: 'string';
  readonly value: string;
}

export interface NumberLit extends Node {
  readonly kind: 'number';
  readonly value: number;
}

/** `true`, `false` or `null` written without parentheses (accepted as the functions of the same name). */
export interface ConstLit extends Node {
  readonly kind: 'const';
  readonly value: boolean | null;
}

export interface Call extends Node {
  readonly kind: 'call';
  readonly namespace: string | undefined;
  readonly name: string;
  readonly args: readonly Expr[];
}

export interface Property extends Node {
  readonly kind: 'property';
  readonly target: Expr;
  readonly name: string;
  /** `.?name`: null instead of an error when the member is missing (Bicep's safe dereference). */
  readonly safe: boolean;
}

export interface Index extends Node {
  readonly kind: 'index';
  readonly target: Expr;
  readonly index: Expr;
  readonly safe: boolean;
}

/** A sub-expression computed ahead of time (constant folding); never produced by the parser. */
export interface Folded extends Node {
  readonly kind: 'folded';
  readonly value: import('../value.js').Value;
}
