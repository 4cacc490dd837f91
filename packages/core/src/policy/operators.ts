import { Unknown, findUnknown } from '../unknown.js';
import { type Value, isObject, findKey, deepEquals, armTypeOf } from '../value.js';
import { TemplateFunctionError } from '../expression/evaluate.js';
import { parseIsoDate } from '../functions/date.js';
import { armToString } from '../functions/util.js';
import type { Budget } from '../limits.js';

/**
 * Azure Policy condition operators, with the service's semantics rather than JavaScript's:
 * - string comparisons ignore case, except `match`/`notMatch`;
 * - a missing value (undefined) compares as an empty string;
 * - ordering operators throw on a type mismatch (evaluation fails, which acts as deny);
 * - a result that depends on an Unknown is Unknown.
 * The open questions of azure-policy-language.md section 13 are settled here, once.
 */
export type OperatorName =
  | 'equals' | 'notEquals' | 'like' | 'notLike' | 'match' | 'notMatch' | 'matchInsensitively'
  | 'notMatchInsensitively' | 'contains' | 'notContains' | 'in' | 'notIn' | 'containsKey'
  | 'notContainsKey' | 'less' | 'lessOrEquals' | 'greater' | 'greaterOrEquals' | 'exists';

export const OPERATORS: readonly OperatorName[] = [
  'equals', 'notEquals', 'like', 'notLike', 'match', 'notMatch', 'matchInsensitively', 'notMatchInsensitively',
  'contains', 'notContains', 'in', 'notIn', 'containsKey', 'notContainsKey', 'less', 'lessOrEquals', 'greater',
  'greaterOrEquals', 'exists',
];

const BY_LOWER = new Map(OPERATORS.map((o) => [o.toLowerCase(), o]));

export function operatorName(key: string): OperatorName | undefined {
  return BY_LOWER.get(key.toLowerCase());
}

export type Truth = boolean | Unknown;

/** Text of a scalar for string comparison; undefined (missing) and null are empty. */
function text(v: Value | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return armToString(v);
}

function isContainer(v: Value | undefined): boolean {
  return Array.isArray(v) || isObject(v);
}

export function policyEquals(a: Value | undefined, b: Value, budget?: Budget): Truth {
  if (a instanceof Unknown) return a;
  const u = findUnknown(b) ?? (isContainer(a) ? findUnknown(a as Value) : undefined);
  if (isContainer(a) || isContainer(b)) {
    if (u) return u;
    return deepEquals(a ?? null, b, true, budget);
  }
  if (b instanceof Unknown) return b;
  return text(a).toLowerCase() === text(b).toLowerCase();
}

function wildcardRegex(pattern: string, kind: 'like' | 'match', ignoreCase: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (kind === 'like' && ch === '*') source += '[\\s\\S]*';
    else if (kind === 'match' && ch === '#') source += '[0-9]';
    else if (kind === 'match' && ch === '?') source += '[A-Za-z]';
    else if (kind === 'match' && ch === '.') source += '[\\s\\S]';
    else source += /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u');
}

const regexCache = new Map<string, RegExp>();

function patternTest(a: Value | undefined, pattern: Value, kind: 'like' | 'match', ignoreCase: boolean): Truth {
  if (a instanceof Unknown) return a;
  if (pattern instanceof Unknown) return pattern;
  if (typeof pattern !== 'string') throw new TemplateFunctionError(`the ${kind} pattern must be a string, not ${armTypeOf(pattern)}`);
  if (isContainer(a)) return false;
  const key = `${kind}${ignoreCase ? 'i' : ''}:${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    re = wildcardRegex(pattern, kind, ignoreCase);
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re.test(text(a));
}

/** `contains`: a substring (ignoring case), an element of an array, or a key of an object. */
function contains(a: Value | undefined, b: Value, budget?: Budget): Truth {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (Array.isArray(a)) return anyEquals(a, b, budget);
  if (isObject(a)) return typeof b === 'string' && findKey(a, b) !== undefined;
  if (isContainer(b)) return false;
  return text(a).toLowerCase().includes(text(b).toLowerCase());
}

function anyEquals(list: readonly Value[], v: Value | undefined, budget?: Budget): Truth {
  let pending: Unknown | undefined;
  for (const el of list) {
    const r = policyEquals(v, el, budget);
    if (r === true) return true;
    if (r instanceof Unknown) pending ??= r;
  }
  return pending ?? false;
}

/** Lists of plain strings and numbers, as lower-case sets (membership ignores case), by identity. */
const scalarSets = new WeakMap<readonly Value[], Set<string> | null>();

function scalarSet(list: readonly Value[]): Set<string> | null {
  let set = scalarSets.get(list);
  if (set === undefined) {
    set = list.every((v) => typeof v === 'string' || typeof v === 'number') ? new Set(list.map((v) => text(v).toLowerCase())) : null;
    scalarSets.set(list, set);
  }
  return set;
}

function membership(a: Value | undefined, list: Value, budget?: Budget): Truth {
  if (list instanceof Unknown) return list;
  if (!Array.isArray(list)) throw new TemplateFunctionError(`"in" and "notIn" need an array, not ${armTypeOf(list)}`);
  if (a instanceof Unknown) return a;
  // A constant list of strings (the character lists of the naming rules): one set lookup.
  const set = isContainer(a) ? null : scalarSet(list);
  if (set) return set.has(text(a).toLowerCase());
  return anyEquals(list, a, budget);
}

function containsKey(a: Value | undefined, key: Value): Truth {
  if (a instanceof Unknown) return a;
  if (key instanceof Unknown) return key;
  if (!isObject(a)) return false;
  return findKey(a, text(key)) !== undefined;
}

/** Parsed dates by text: conditions compare the same few strings (api-versions, dates) on every resource. */
const dateTimes = new Map<string, number | null>();

function dateTime(text: string): number | null {
  let t = dateTimes.get(text);
  if (t === undefined) {
    t = parseIsoDate(text)?.getTime() ?? null;
    // Bounded: resource values are also compared, and a run may see many distinct ones.
    if (dateTimes.size >= 10_000) dateTimes.clear();
    dateTimes.set(text, t);
  }
  return t;
}

// Created on first use: building a collator loads ICU data, which costs start-up for every run.
let collator: Intl.Collator | undefined;

/** Orders two values; throws on a type mismatch (the service fails the evaluation). */
function order(a: Value | undefined, b: Value): number | Unknown {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    // Dates compare as dates (`utcNow()` against an ISO date of another precision), other strings
    // with InvariantCultureIgnoreCase.
    const da = dateTime(a);
    const db = da === null ? null : dateTime(b);
    if (da !== null && db !== null) return da - db;
    collator ??= new Intl.Collator('en', { sensitivity: 'accent' });
    return collator.compare(a, b);
  }
  throw new TemplateFunctionError(
    `cannot order ${a === undefined ? 'a missing value' : armTypeOf(a)} against ${armTypeOf(b)}`,
  );
}

function compare(a: Value | undefined, b: Value, test: (n: number) => boolean): Truth {
  const n = order(a, b);
  return n instanceof Unknown ? n : test(n);
}

function not(t: Truth): Truth {
  return t instanceof Unknown ? t : !t;
}

function existsWanted(b: Value): boolean {
  if (typeof b === 'boolean') return b;
  if (typeof b === 'string' && /^(true|false)$/i.test(b)) return b.toLowerCase() === 'true';
  throw new TemplateFunctionError(`"exists" takes true or false, not ${JSON.stringify(b)}`);
}

/**
 * Applies a condition operator. `budget` bounds deep comparisons (values that share one object many
 * times, as template variables can build, would otherwise take exponential time).
 */
export function applyOperator(op: OperatorName, a: Value | undefined, b: Value, budget?: Budget): Truth {
  switch (op) {
    case 'equals': return policyEquals(a, b, budget);
    case 'notEquals': return not(policyEquals(a, b, budget));
    case 'like': return patternTest(a, b, 'like', true);
    case 'notLike': return not(patternTest(a, b, 'like', true));
    case 'match': return patternTest(a, b, 'match', false);
    case 'notMatch': return not(patternTest(a, b, 'match', false));
    case 'matchInsensitively': return patternTest(a, b, 'match', true);
    case 'notMatchInsensitively': return not(patternTest(a, b, 'match', true));
    case 'contains': return contains(a, b, budget);
    case 'notContains': return not(contains(a, b, budget));
    case 'in': return membership(a, b, budget);
    case 'notIn': return not(membership(a, b, budget));
    case 'containsKey': return containsKey(a, b);
    case 'notContainsKey': return not(containsKey(a, b));
    case 'less': return compare(a, b, (n) => n < 0);
    case 'lessOrEquals': return compare(a, b, (n) => n <= 0);
    case 'greater': return compare(a, b, (n) => n > 0);
    case 'greaterOrEquals': return compare(a, b, (n) => n >= 0);
    case 'exists': {
      // An operand known only at deployment leaves the result unknown, not a failed evaluation.
      if (b instanceof Unknown) return b;
      const wanted = existsWanted(b);
      if (a instanceof Unknown) return a;
      return (a !== undefined && a !== null) === wanted;
    }
  }
}
