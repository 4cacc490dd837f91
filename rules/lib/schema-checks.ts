/**
 * Type and enum checks of one property, as Azure Policy conditions that hold when the value is wrong.
 * `value` is the expression of the value (`field('...')`, or `current('...')` in a count), `field` the
 * field it reads (for `exists`). None of them can fail the evaluation: a value is only ever turned into
 * text (`string()`, or the JSON text of `json-type.ts`), and the text is read with `length`, `split`
 * and `take`. Each is one to three conditions of a few functions: SIG006 has several hundred of them
 * and Azure Policy allows 2048 function calls per rule.
 *
 * What is wrong follows Json.NET, which reads Azure requests: it converts a numeric string to an
 * integer and a number to a string or a boolean, reads an empty string or null as no value, and reads
 * an enum from its number, so none of those is reported.
 */
import { jsonKind, jsonOf } from './json-type.js';

const DIGITS = [...'0123456789'];
const list = (chars: readonly string[]) => `createArray(${chars.map((c) => `'${c}'`).join(', ')})`;

/**
 * `problem` only when `field` exists. Every check is false for a missing field already (Json.NET reads
 * no value as no value); testing `exists` first skips its functions for the many properties a
 * resource leaves out, in the linter and in Azure alike.
 */
export function whenPresent(field: string, problem: Record<string, unknown>): Record<string, unknown> {
  const exists = { field, exists: true };
  const first = Array.isArray(problem.allOf) ? (problem.allOf[0] as Record<string, unknown> | undefined) : undefined;
  if (first && first.field === field && first.exists === true) return problem;
  const rest = Object.keys(problem).length === 1 && Array.isArray(problem.allOf) ? (problem.allOf as unknown[]) : [problem];
  return { allOf: [exists, ...rest] };
}

/** A literal for a condition operand: text that starts with `[` and ends with `]` is escaped as `[[`. */
const literal = (s: string) => (s.startsWith('[') && s.endsWith(']') ? `[${s}` : s);

/**
 * Not a 32-bit integer: a character other than digits, a sign or spaces (which also catches booleans,
 * written True/False, fractions and exponents, objects and arrays), no digit or more than 10 digits, or
 * a number above 2147483647. Not reported: misplaced signs (`5-`) and ten-digit strings above the
 * limit (rare, and each needs several more functions).
 */
export function intProblem(value: string, field: string): Record<string, unknown> {
  const text = `string(${value})`;
  return {
    allOf: [
      { field, exists: true },
      { value: `[length(${text})]`, greater: 0 },
      {
        anyOf: [
          { value: `[length(split(${text}, ${list([...DIGITS, '+', '-', ' '])}))]`, notEquals: `[add(length(${text}), 1)]` },
          // digits + 1 pieces: 1 to 10 digits.
          { value: `[length(split(${text}, ${list(DIGITS)}))]`, notIn: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
          { value: `[if(${isNumberKind(value)}, ${value}, 0)]`, greater: 2147483647 },
        ],
      },
    ],
  };
}

function isNumberKind(value: string): string {
  return `contains('-0123456789', ${jsonKind(value)})`;
}

/** Not a boolean: an object, an array, or a string other than true or false. Numbers are read as booleans. */
export function boolProblem(value: string): Record<string, unknown> {
  return {
    allOf: [
      { value: `[${jsonKind(value)}]`, notIn: [...DIGITS, '-'] },
      { value: `[replace(${jsonOf(value)}, ' ', '')]`, notIn: ['[true]', '[false]', '["true"]', '["false"]', '[""]', '[null]'].map(literal) },
    ],
  };
}

/** An object or an array where a string is expected. */
export function containerInString(value: string): Record<string, unknown> {
  return { value: `[${jsonKind(value)}]`, in: ['{', '['] };
}

/**
 * Not an object (or not an array): a number, a boolean, a non-empty string, or the other container. The
 * first three characters of the JSON text tell: `[{"`, `[{}` for an object, `[[` and any character for
 * an array, `[""` for an empty string (or a missing field), `[nu` for null.
 */
export function notContainer(value: string, kind: 'object' | 'array'): Record<string, unknown> {
  const allowed = kind === 'object' ? ['[{"', '[{}'] : ['[[]', '[[{', '[[[', '[["', '[[t', '[[f', '[[n', '[[-', ...DIGITS.map((d) => `[[${d}`)];
  return { value: `[take(${jsonOf(value)}, 3)]`, notIn: [...allowed, '[""', '[nu'].map(literal) };
}

/** Not a string: a number, a boolean, an object or an array (null is no value). */
export function notAJsonString(value: string): Record<string, unknown> {
  return { value: `[${jsonKind(value)}]`, notIn: ['"', 'n'] };
}

/**
 * Not one of `values`, ignoring case and surrounding spaces as Json.NET does: a string outside the list,
 * a boolean (its text True/False is not in the list), an object or an array. Numbers and null are left
 * alone.
 */
export function enumProblem(value: string, values: readonly string[]): Record<string, unknown> {
  return {
    allOf: [
      { value: `[${jsonKind(value)}]`, notIn: [...DIGITS, '-', 'n'] },
      { value: `[trim(string(${value}))]`, notIn: [...values, ''] },
    ],
  };
}
