import { Unknown, joinParts, findUnknown } from '../unknown.js';
import { type Value, isObject } from '../value.js';
import { type Arg, UnsupportedFunctionError, Lambda } from '../expression/evaluate.js';
import { fail, armToString, checkLength } from './util.js';
import type { Budget } from '../limits.js';

/**
 * ARM `format()`: .NET composite formatting (`{0}`, `{1,-8}`, `{0:D3}`, `{{`). Unknown arguments in
 * plain `{n}` holes produce a partial string. Numeric format strings supported: D, N, F, X, P with an
 * optional precision (invariant culture); others are reported as not computed rather than guessed.
 */
export function formatComposite(args: Arg[], budget: Budget): Value {
  const template = args[0];
  if (template instanceof Unknown) return template;
  if (typeof template !== 'string') fail('format', 'the first argument must be a string');
  const values = args.slice(1);
  const parts: (string | Unknown)[] = [];
  let length = 0;
  let i = 0;
  let literal = '';
  while (i < template.length) {
    const ch = template[i] as string;
    if (ch === '{' && template[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && template[i + 1] === '}') {
      literal += '}';
      i += 2;
      continue;
    }
    if (ch === '}') fail('format', `unexpected "}" at position ${i + 1} of the format string`);
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close < 0) fail('format', 'a "{" in the format string is not closed');
    const hole = template.slice(i + 1, close);
    const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s.exec(hole);
    if (!m) fail('format', `"{${hole}}" is not a valid placeholder`);
    const index = Number(m[1]);
    if (index >= values.length) fail('format', `placeholder {${index}} has no argument (${values.length} given)`);
    const v = values[index] as Arg;
    if (v instanceof Lambda) fail('format', 'a lambda cannot be formatted');
    if (literal) {
      parts.push(literal);
      literal = '';
    }
    const alignment = m[2] === undefined ? 0 : Number(m[2]);
    const spec = m[3];
    // An array or object with an unknown inside has unknown text (serializing it would throw).
    const inner = v !== null && typeof v === 'object' && !(v instanceof Unknown) ? findUnknown(v) : undefined;
    if (v instanceof Unknown) {
      parts.push(alignment === 0 && !spec ? v : new Unknown(v.reason, v.origin));
    } else if (inner) {
      parts.push(new Unknown(inner.reason, inner.origin));
    } else {
      let text = spec ? formatWithSpec(v, spec) : armToString(v, budget);
      if (Math.abs(alignment) > budget.limits.stringLength) fail('format', 'the alignment is too large');
      if (alignment > 0) text = text.padStart(alignment);
      else if (alignment < 0) text = text.padEnd(-alignment);
      length += text.length;
      checkLength(budget, length);
      parts.push(text);
    }
    i = close + 1;
  }
  if (literal) parts.push(literal);
  return joinParts(parts);
}

function formatWithSpec(v: Value, spec: string): string {
  if (typeof v !== 'number') {
    if (Array.isArray(v) || isObject(v)) fail('format', 'arrays and objects cannot be formatted with a format string');
    return armToString(v); // .NET ignores format strings for non-formattable values
  }
  const m = /^([DdNnFfXxPp])(\d{0,2})$/.exec(spec);
  if (!m) throw new UnsupportedFunctionError(`format(): the format string "${spec}" is not computed by sigil`);
  const kind = (m[1] as string).toUpperCase();
  const precision = m[2] === '' ? undefined : Number(m[2]);
  switch (kind) {
    case 'D': {
      if (!Number.isInteger(v)) fail('format', `"${spec}" requires an integer`);
      const digits = Math.abs(v).toString().padStart(precision ?? 0, '0');
      return v < 0 ? `-${digits}` : digits;
    }
    case 'X': {
      if (!Number.isInteger(v)) fail('format', `"${spec}" requires an integer`);
      const n = v < 0 ? BigInt.asUintN(32, BigInt(v)) : BigInt(v);
      const hex = n.toString(16).padStart(precision ?? 0, '0');
      return m[1] === 'X' ? hex.toUpperCase() : hex;
    }
    case 'F':
      return v.toFixed(precision ?? 2);
    case 'N':
      return groupThousands(v.toFixed(precision ?? 2));
    case 'P':
      return `${groupThousands((v * 100).toFixed(precision ?? 2))} %`;
  }
  throw new UnsupportedFunctionError(`format(): the format string "${spec}" is not computed by sigil`);
}

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}
