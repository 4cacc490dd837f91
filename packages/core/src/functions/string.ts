import { Unknown, joinParts } from '../unknown.js';
import { type Value, deepEquals, findKey, isObject, armTypeOf } from '../value.js';
import { type FunctionDef, type Arg, UnsupportedFunctionError, Lambda } from '../expression/evaluate.js';
import { fn, fail, str, int, arr, value, armToString, newString, newArray, checkLength } from './util.js';
import { formatComposite } from './format.js';
import type { Budget } from '../limits.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

function toBase64(s: string): string {
  return Buffer.from(utf8.encode(s)).toString('base64');
}

function fromBase64(name: string, s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/\s/g, ''))) fail(name, 'the value is not valid base64');
  return utf8Decoder.decode(Buffer.from(s, 'base64'));
}

/** .NET Uri.EscapeDataString: everything but unreserved characters is percent-encoded. */
function escapeDataString(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + (c.charCodeAt(0) as number).toString(16).toUpperCase());
}

/**
 * `concat`: arrays when the first known argument is an array, else strings. Unknown string arguments
 * produce a partial string, so the known parts of a name remain usable.
 */
function concat(args: Arg[], budget: Budget): Value {
  const first = args.find((a) => !(a instanceof Unknown));
  if (first instanceof Lambda) fail('concat', 'a lambda cannot be concatenated');
  if (Array.isArray(first) || first === null && args.some((a) => Array.isArray(a))) {
    const out: Value[] = [];
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a === null) continue;
      if (!Array.isArray(a)) fail('concat', `cannot concatenate an array with a ${armTypeOf(a as Value)}`);
      out.push(...a);
      budget.checkSize(out.length);
    }
    return out;
  }
  const parts: (string | Unknown)[] = [];
  let length = 0;
  for (const a of args) {
    if (a instanceof Unknown) {
      parts.push(a);
      continue;
    }
    if (Array.isArray(a) || isObject(a) || a instanceof Lambda) fail('concat', `cannot concatenate a string with a ${armTypeOf(a as Value)}`);
    const s = armToString(a as Value);
    length += s.length;
    checkLength(budget, length);
    parts.push(s);
  }
  return joinParts(parts);
}

function contains(name: string, container: Value, item: Value, budget: Budget): boolean | Unknown {
  if (typeof container === 'string') {
    if (typeof item !== 'string' && typeof item !== 'number') fail(name, `cannot look for a ${armTypeOf(item)} in a string`);
    return container.includes(armToString(item));
  }
  if (Array.isArray(container)) {
    let pending: Unknown | undefined;
    for (const el of container) {
      const r = deepEquals(el, item, false, budget);
      if (r === true) return true;
      if (r instanceof Unknown) pending ??= r;
    }
    return pending ?? false;
  }
  if (isObject(container)) {
    if (typeof item !== 'string') fail(name, `an object key must be a string, not ${armTypeOf(item)}`);
    return findKey(container, item) !== undefined;
  }
  if (container === null) return false;
  fail(name, `the container must be a string, array or object, not ${armTypeOf(container)}`);
}

function indexOfValue(name: string, args: Arg[], last: boolean, budget: Budget): Value {
  const container = value(name, args, 0);
  const item = value(name, args, 1);
  if (typeof container === 'string') {
    const needle = str(name, args, 1).toLowerCase();
    const hay = container.toLowerCase();
    return last ? hay.lastIndexOf(needle) : hay.indexOf(needle);
  }
  if (Array.isArray(container)) {
    const order = container.map((_, i) => i);
    if (last) order.reverse();
    for (const i of order) {
      if (deepEquals(container[i] as Value, item, false, budget) === true) return i;
    }
    return -1;
  }
  fail(name, `the first argument must be a string or an array, not ${armTypeOf(container)}`);
}

function firstOrLast(name: string, v: Value, last: boolean): Value {
  if (typeof v === 'string') return v.length === 0 ? '' : last ? v.slice(-1) : v.slice(0, 1);
  if (Array.isArray(v)) return v.length === 0 ? null : ((last ? v[v.length - 1] : v[0]) as Value);
  if (v === null) return null;
  fail(name, `expects a string or an array, not ${armTypeOf(v)}`);
}

function skipOrTake(name: string, args: Arg[], take: boolean): Value {
  const v = value(name, args, 0);
  const n = Math.max(0, int(name, args, 1));
  if (typeof v === 'string') return take ? v.slice(0, n) : v.slice(n);
  if (Array.isArray(v)) return take ? v.slice(0, n) : v.slice(n);
  if (v === null) return null;
  fail(name, `expects a string or an array, not ${armTypeOf(v)}`);
}

export function lengthOf(name: string, v: Value): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  if (v === null) return 0;
  fail(name, `expects a string, array or object, not ${armTypeOf(v)}`);
}

export const stringFunctions: FunctionDef[] = [
  fn('base64', 1, 1, (a, c) => newString(c.budget, toBase64(str('base64', a, 0)))),
  fn('base64ToString', 1, 1, (a) => fromBase64('base64ToString', str('base64ToString', a, 0))),
  fn('base64ToJson', 1, 1, (a) => parseJson('base64ToJson', fromBase64('base64ToJson', str('base64ToJson', a, 0)))),
  fn('concat', 0, Infinity, (a, c) => concat(a, c.budget), { unknowns: 'custom' }),
  fn('contains', 2, 2, (a, c) => contains('contains', value('contains', a, 0), value('contains', a, 1), c.budget), {
    unknowns: 'shallow',
  }),
  fn('dataUri', 1, 1, (a) => `data:text/plain;charset=utf8;base64,${toBase64(armToString(value('dataUri', a, 0)))}`),
  fn('dataUriToString', 1, 1, (a) => {
    const s = str('dataUriToString', a, 0);
    const m = /^data:[^,]*?(;base64)?,(.*)$/s.exec(s);
    if (!m) fail('dataUriToString', 'the value is not a data URI');
    return m[1] ? fromBase64('dataUriToString', m[2] as string) : decodeURIComponent(m[2] as string);
  }),
  fn('empty', 1, 1, (a) => lengthOf('empty', value('empty', a, 0)) === 0, { unknowns: 'shallow' }),
  fn('endsWith', 2, 2, (a) => str('endsWith', a, 0).toLowerCase().endsWith(str('endsWith', a, 1).toLowerCase())),
  fn('first', 1, 1, (a) => firstOrLast('first', value('first', a, 0), false), { unknowns: 'shallow' }),
  fn('last', 1, 1, (a) => firstOrLast('last', value('last', a, 0), true), { unknowns: 'shallow' }),
  fn('format', 1, Infinity, (a, c) => formatComposite(a, c.budget), { unknowns: 'custom' }),
  fn('guid', 1, Infinity, (_a, c) => new Unknown('guid() is not computed by sigil', c.origin), { unknowns: 'custom' }),
  fn('uniqueString', 1, Infinity, (_a, c) => new Unknown('uniqueString() is not computed by sigil', c.origin), {
    unknowns: 'custom',
  }),
  fn('newGuid', 0, 0, (_a, c) => new Unknown('newGuid() is known only at deployment', c.origin)),
  fn('indexOf', 2, 2, (a, c) => indexOfValue('indexOf', a, false, c.budget)),
  fn('lastIndexOf', 2, 2, (a, c) => indexOfValue('lastIndexOf', a, true, c.budget)),
  fn('join', 2, 2, (a, c) => {
    const items = arr('join', a, 0);
    const sep = str('join', a, 1);
    const parts = items.map((x) => {
      if (Array.isArray(x) || isObject(x)) fail('join', 'the array must contain strings, numbers or booleans');
      return armToString(x);
    });
    // Check the length before joining: a string past JavaScript's own maximum throws a RangeError.
    checkLength(c.budget, parts.reduce((n, p) => n + p.length, 0) + sep.length * Math.max(0, parts.length - 1));
    return parts.join(sep);
  }),
  fn('json', 1, 1, (a) => parseJson('json', str('json', a, 0))),
  fn('length', 1, 1, (a) => lengthOf('length', value('length', a, 0)), { unknowns: 'shallow' }),
  fn('padLeft', 2, 3, (a, c) => {
    const v = value('padLeft', a, 0);
    if (typeof v !== 'string' && typeof v !== 'number') fail('padLeft', 'the value must be a string or an integer');
    const total = int('padLeft', a, 1);
    const pad = a.length > 2 ? str('padLeft', a, 2) : ' ';
    if (pad.length !== 1) fail('padLeft', 'the padding character must be a single character');
    // sigil's bound, not a template error (ARM sets no such limit): a LimitError.
    checkLength(c.budget, total);
    return armToString(v).padStart(total, pad);
  }),
  fn('replace', 3, 3, (a, c) => {
    const s = str('replace', a, 0);
    const old = str('replace', a, 1);
    if (old === '') fail('replace', 'the string to replace cannot be empty');
    const pieces = s.split(old);
    const replacement = str('replace', a, 2);
    // Check the length before joining: a string past JavaScript's own maximum throws a RangeError.
    checkLength(c.budget, s.length + (pieces.length - 1) * (replacement.length - old.length));
    return pieces.join(replacement);
  }),
  fn('skip', 2, 2, (a) => skipOrTake('skip', a, false), { unknowns: 'shallow' }),
  fn('take', 2, 2, (a) => skipOrTake('take', a, true), { unknowns: 'shallow' }),
  fn('split', 2, 2, (a, c) => {
    const s = str('split', a, 0);
    const d = value('split', a, 1);
    let delimiters: string[];
    if (typeof d === 'string') delimiters = [d];
    else if (Array.isArray(d) && d.every((x) => typeof x === 'string')) delimiters = d as string[];
    else fail('split', 'the delimiter must be a string or an array of strings');
    // Filter only when needed: the same (often constant-folded) array keeps its identity for the cache.
    return newArray(c.budget, splitOn(s, delimiters.includes('') ? delimiters.filter((x) => x !== '') : delimiters));
  }),
  fn('startsWith', 2, 2, (a) => str('startsWith', a, 0).toLowerCase().startsWith(str('startsWith', a, 1).toLowerCase())),
  fn('string', 1, 1, (a, c) => newString(c.budget, armToString(value('string', a, 0), c.budget))),
  fn('substring', 2, 3, (a) => {
    const s = str('substring', a, 0);
    const start = int('substring', a, 1);
    if (start < 0 || start > s.length) fail('substring', `the start index ${start} is outside the string of length ${s.length}`);
    const length = a.length > 2 ? int('substring', a, 2) : s.length - start;
    if (length < 0 || start + length > s.length) {
      fail('substring', `the length ${length} from index ${start} goes past the end of the string of length ${s.length}`);
    }
    return s.slice(start, start + length);
  }),
  fn('toLower', 1, 1, (a) => str('toLower', a, 0).toLowerCase()),
  fn('toUpper', 1, 1, (a) => str('toUpper', a, 0).toUpperCase()),
  fn('trim', 1, 1, (a) => str('trim', a, 0).trim()),
  fn('uri', 2, 2, (a) => {
    try {
      return new URL(str('uri', a, 1), str('uri', a, 0)).toString();
    } catch {
      fail('uri', 'the base is not an absolute URI');
    }
  }),
  fn('uriComponent', 1, 1, (a) => escapeDataString(str('uriComponent', a, 0))),
  fn('uriComponentToString', 1, 1, (a) => {
    try {
      return decodeURIComponent(str('uriComponentToString', a, 0));
    } catch {
      fail('uriComponentToString', 'the value is not a valid encoded URI component');
    }
  }),
  fn('parseCidr', 1, 1, () => unsupported('parseCidr')),
  fn('cidrSubnet', 3, 3, () => unsupported('cidrSubnet')),
  fn('cidrHost', 2, 2, () => unsupported('cidrHost')),
];

function unsupported(name: string): never {
  throw new UnsupportedFunctionError(`${name}() is not computed by sigil`);
}

/**
 * .NET `String.Split(string[], StringSplitOptions.None)`: scanning left to right, the first separator
 * in array order that matches at a position is used; empty entries are kept.
 */
function splitOn(s: string, delimiters: string[]): string[] {
  if (delimiters.length === 0) return [s];
  if (delimiters.length === 1) return s.split(delimiters[0] as string);
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const single = singleCharacterSet(delimiters);
  while (i < s.length) {
    let matched = 0;
    if (single) {
      if (single.has(s[i] as string)) matched = 1;
    } else {
      for (const d of delimiters) {
        if (s.startsWith(d, i)) {
          matched = d.length;
          break;
        }
      }
    }
    if (matched > 0) {
      out.push(s.slice(start, i));
      i += matched;
      start = i;
    } else {
      i++;
    }
  }
  out.push(s.slice(start));
  return out;
}

const delimiterSets = new Map<string, Set<string> | undefined>();

const delimiterSetsByArray = new WeakMap<readonly string[], Set<string> | null>();

/**
 * The delimiters as a set when all are single characters (the common case). Cached by identity (a
 * constant-folded `createArray(...)` is the same array at every call), then by content.
 */
function singleCharacterSet(delimiters: string[]): Set<string> | undefined {
  const same = delimiterSetsByArray.get(delimiters);
  if (same !== undefined) return same ?? undefined;
  const set = singleCharacterSetByContent(delimiters);
  delimiterSetsByArray.set(delimiters, set ?? null);
  return set;
}

function singleCharacterSetByContent(delimiters: string[]): Set<string> | undefined {
  const key = delimiters.join('\u0000');
  let set = delimiterSets.get(key);
  if (set === undefined && !delimiterSets.has(key)) {
    set = delimiters.every((d) => d.length === 1) ? new Set(delimiters) : undefined;
    if (delimiterSets.size > 1000) delimiterSets.clear();
    delimiterSets.set(key, set);
  }
  return set;
}

export function parseJson(name: string, text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (e) {
    fail(name, `the value is not valid JSON (${(e as Error).message})`);
  }
}
