/**
 * JSON type tests written in the Azure Policy language, which has no type-of function and whose
 * conversions (`int()`, ordering a string against a number) fail the evaluation on the wrong input.
 * `string(createArray(x))` is the JSON text of a one-element array and never fails: its second
 * character tells the type of `x` (`"` string, `{` object, `[` array, `t`/`f` boolean, `n` null,
 * a digit or `-` for a number). A missing field reads as `""`, a string.
 *
 * Helpers take the value as an expression without brackets (`field('...')`, `current('...')`).
 */

/** The JSON text `[x]` of the value of the expression `expr`. */
export function jsonOf(expr: string): string {
  return `string(createArray(${expr}))`;
}

/** The expression true when `expr` is a JSON number. */
export function isNumber(expr: string): string {
  return `contains('-0123456789', substring(${jsonOf(expr)}, 1, 1))`;
}

/** The expression true when `expr` is a JSON string (a missing field too). */
export function isString(expr: string): string {
  return `startsWith(${jsonOf(expr)}, '["')`;
}

/** The first character of the value's JSON text: `"`, `{`, `[`, `t`, `f`, `n`, a digit or `-`. */
export function jsonKind(expr: string): string {
  return `substring(${jsonOf(expr)}, 1, 1)`;
}
