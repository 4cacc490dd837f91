/**
 * Character-class checks written in the Azure Policy language, which has no regular expressions.
 * `split` with every allowed character as a delimiter returns length+1 empty strings exactly when the
 * text has no other character; the characters are listed in both cases so the result does not depend
 * on how Azure compares case.
 */
export const LETTERS_AND_DIGITS: readonly string[] = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
];

export const DIGITS: readonly string[] = [...'0123456789'];

const quote = (c: string) => `'${c.replace(/'/g, "''")}'`;

/** True when the text `expr` (an expression, without brackets) has a character outside `allowed`. */
export function hasCharactersOutside(expr: string, allowed: readonly string[]): Record<string, unknown> {
  return {
    value: `[length(split(${expr}, createArray(${allowed.map(quote).join(', ')})))]`,
    notEquals: `[add(length(${expr}), 1)]`,
  };
}

/** True when the first character of `expr` is not a letter or digit (also when `expr` is empty). */
export function firstIsNotAlphanumeric(expr: string): Record<string, unknown> {
  return { value: `[first(${expr})]`, notIn: [...LETTERS_AND_DIGITS] };
}

/** True when the last character of `expr` is not a letter or digit (also when `expr` is empty). */
export function lastIsNotAlphanumeric(expr: string): Record<string, unknown> {
  return { value: `[last(${expr})]`, notIn: [...LETTERS_AND_DIGITS] };
}

/** True when `expr` has more than `max` characters. */
export function longerThan(expr: string, max: number): Record<string, unknown> {
  return { value: `[length(${expr})]`, greater: max };
}
