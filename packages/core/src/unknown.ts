import type { SourceRef } from './source.js';

/**
 * A value sigil cannot know before deployment: a parameter without a value, `reference()`,
 * `utcNow()` in a template, a module output, a Terraform value known after apply.
 *
 * `parts` keeps what is known of a string built around unknowns (`concat('gal', parameters('env'))`),
 * so that a resource name such as `[format('{0}/img', parameters('gallery'))]` still yields its known
 * last segment. Everything else treats a partial string as wholly unknown.
 */
export class Unknown {
  readonly reason: string;
  readonly origin: SourceRef | undefined;
  readonly parts: readonly (string | Unknown)[] | undefined;

  constructor(reason: string, origin?: SourceRef, parts?: readonly (string | Unknown)[]) {
    this.reason = reason;
    this.origin = origin;
    this.parts = parts;
  }

  toJSON(): string {
    return `<unknown: ${this.reason}>`;
  }

  toString(): string {
    return this.toJSON();
  }
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** The first Unknown found anywhere inside `value` (depth-first), or undefined. Bounded by `maxNodes`. */
/**
 * Containers already found to hold no Unknown. Evaluated values are never mutated, so the answer
 * holds for the container's life: a constant list passed to a function on every resource is walked once.
 */
const known = new WeakSet<object>();

export function findUnknown(value: unknown, maxNodes = 100_000): Unknown | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    // A new short array around known values (`createArray(field('...'))`, built again on every
    // evaluation): its members decide, in the order the search would visit them.
    const members = shallowAnswer(value);
    if (members !== null) return members;
  }
  if (known.has(value)) return undefined;
  return searchUnknown(value, maxNodes);
}

/** The answer for an array when its members are plain values, Unknowns or known containers; else null. */
function shallowAnswer(array: readonly unknown[]): Unknown | undefined | null {
  if (array.length > 8) return null;
  for (const v of array) {
    if (v instanceof Unknown) return v;
    if (v !== null && typeof v === 'object' && !known.has(v)) return null;
  }
  return undefined;
}

function searchUnknown(value: object, maxNodes: number): Unknown | undefined {
  const stack: unknown[] = [value];
  let visited = 0;
  // Values built from shared variables can repeat one object many times: visit each once.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Unknown) return v;
    if (v === null || typeof v !== 'object') continue;
    if (seen.has(v) || known.has(v)) continue;
    seen.add(v);
    if (++visited > maxNodes) return new Unknown('value is too large to inspect');
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else {
      // In reverse, like array members, so that the first key is visited first.
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push((v as Record<string, unknown>)[keys[i] as string]);
    }
  }
  // No container visited holds an Unknown: a member read on its own later (a property of a resource
  // body, after the whole body was searched) is not searched again.
  for (const v of seen) known.add(v);
  return undefined;
}

/**
 * Builds a string from known strings and unknowns. Returns a plain string when every part is known,
 * else an Unknown that remembers the parts (adjacent known strings merged).
 */
export function joinParts(parts: readonly (string | Unknown)[], reason?: string): string | Unknown {
  const merged: (string | Unknown)[] = [];
  let firstUnknown: Unknown | undefined;
  for (const part of parts) {
    if (part instanceof Unknown) {
      firstUnknown ??= part;
      if (part.parts) {
        for (const p of part.parts) pushPart(merged, p);
      } else {
        merged.push(part);
      }
    } else {
      pushPart(merged, part);
    }
  }
  if (!firstUnknown) return merged.length === 0 ? '' : (merged[0] as string);
  return new Unknown(reason ?? firstUnknown.reason, firstUnknown.origin, bounded(merged, firstUnknown));
}

/** Most parts, and most known characters, a partial string keeps. */
export const MAX_PARTIAL_PARTS = 64;
export const MAX_PARTIAL_TEXT = 1_048_576;

/**
 * Keeps a partial string small: `v1 = concat(v0, v0)`, `v2 = concat(v1, v1)`... over an unknown would
 * double its parts at every step. Past the bound only the known prefix and suffix stay, around one
 * unknown middle, which is all `splitParts`/`lastSegment` ever trust anyway.
 */
function bounded(parts: (string | Unknown)[], first: Unknown): (string | Unknown)[] {
  let known = 0;
  for (const p of parts) if (typeof p === 'string') known += p.length;
  if (parts.length <= MAX_PARTIAL_PARTS && known <= MAX_PARTIAL_TEXT) return parts;
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const prefix = typeof head === 'string' ? head.slice(0, MAX_PARTIAL_TEXT / 2) : '';
  const suffix = typeof tail === 'string' ? tail.slice(-MAX_PARTIAL_TEXT / 2) : '';
  const middle = new Unknown(first.reason, first.origin);
  return [...(prefix ? [prefix] : []), middle, ...(suffix ? [suffix] : [])];
}

function pushPart(merged: (string | Unknown)[], part: string | Unknown): void {
  if (typeof part === 'string') {
    if (part === '') return;
    const last = merged[merged.length - 1];
    if (typeof last === 'string') {
      merged[merged.length - 1] = last + part;
      return;
    }
  }
  merged.push(part);
}

/**
 * Splits a possibly partial string on a separator. Returns undefined when `value` is an Unknown
 * without parts. An unknown part may itself contain the separator, so only the segments before the
 * first unknown part and after the last one are certain; everything between them is returned as ONE
 * Unknown element. The length of the result is therefore a lower bound when it contains an Unknown:
 * use the first and last elements, never an index counted from the other end.
 */
export function splitParts(value: string | Unknown, separator: string): (string | Unknown)[] | undefined {
  if (typeof value === 'string') return value.split(separator);
  if (!value.parts) return undefined;
  const segments: (string | Unknown)[][] = [[]];
  for (const part of value.parts) {
    if (typeof part === 'string') {
      const pieces = part.split(separator);
      pieces.forEach((piece, i) => {
        if (i > 0) segments.push([]);
        (segments[segments.length - 1] as (string | Unknown)[]).push(piece);
      });
    } else {
      (segments[segments.length - 1] as (string | Unknown)[]).push(part);
    }
  }
  // An unknown part could itself contain the separator, so segment boundaries are only certain when
  // the unknown is wholly inside one segment. We cannot know that; we only trust the segments after
  // the last unknown part and before the first one. Segments between are merged into one unknown.
  const firstU = segments.findIndex((s) => s.some((p) => p instanceof Unknown));
  if (firstU < 0) return segments.map((s) => s.join(''));
  let lastU = firstU;
  segments.forEach((s, i) => {
    if (s.some((p) => p instanceof Unknown)) lastU = i;
  });
  const middle = segments.slice(firstU, lastU + 1).flatMap((s, i) => (i === 0 ? s : [separator, ...s]));
  return [
    ...segments.slice(0, firstU).map((s) => s.join('')),
    joinParts(middle),
    ...segments.slice(lastU + 1).map((s) => s.join('')),
  ];
}

/** A readable form of a possibly partial string: unknown parts shown as "…" (`…/windows-2022`). */
export function describePartial(value: string | Unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value.parts) return undefined;
  return value.parts.map((p) => (typeof p === 'string' ? p : '…')).join('');
}
