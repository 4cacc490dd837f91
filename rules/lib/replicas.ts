/**
 * Replica counts in the Azure Policy language. Ordering operators and functions fail the evaluation
 * (which Azure treats as deny) when a value is not a number, so every comparison sits under an
 * `if()` (lazy, unlike `and()`) that checks the value is a whole number first. Expressions are
 * written without their brackets so that they can be nested.
 */

const DIGITS_AND_MINUS = `createArray(${[...'0123456789-'].map((c) => `'${c}'`).join(', ')})`;

/**
 * True when `expr` is a whole number: not a string (a number's text differs from the number), and
 * its text is digits with an optional leading "-" (not "1.5", "True", "[1]", "" for null).
 */
export function isWholeNumber(expr: string): string {
  const text = `string(${expr})`;
  return `and(not(equals(${text}, ${expr})), not(empty(${text})), equals(length(split(${text}, ${DIGITS_AND_MINUS})), add(length(${text}), 1)))`;
}

/** True when `expr` is a whole number outside the rule's `minReplicaCount`..`maxReplicaCount`. */
export function replicaCountOutOfRange(expr: string): string {
  return `if(${isWholeNumber(expr)}, or(less(${expr}, parameters('minReplicaCount')), greater(${expr}, parameters('maxReplicaCount'))), false)`;
}
