import { Unknown } from '../unknown.js';
import { type Value, isObject, findKey } from '../value.js';
import type { JsonPath, PathSegment } from '../source.js';
import type { PathStep } from './aliases.js';

/** A value a field selected, with the body path it was found at (for evidence and spans). */
export interface Item {
  /** undefined when the property is absent. */
  readonly value: Value | undefined;
  readonly path: JsonPath;
}

/**
 * What a field selects: one value, a collection (an alias with `[*]`), or an Unknown when an unknown
 * value stands on the way (an array whose length is not known).
 */
export type Selection =
  | { readonly kind: 'single'; readonly item: Item }
  | { readonly kind: 'collection'; readonly items: readonly Item[]; readonly arrayPath: JsonPath }
  | { readonly kind: 'unknown'; readonly unknown: Unknown; readonly path: JsonPath };

/** Walks `steps` from `start` (case-insensitive keys), expanding every `[*]`. */
export function select(start: Item, steps: readonly PathStep[], charge: (n: number) => void): Selection {
  let hasWildcard = false;
  for (const step of steps) if ('wildcard' in step) hasWildcard = true;
  if (!hasWildcard) return selectOne(start, steps, charge);
  let items: Item[] = [start];
  let arrayPath: JsonPath = start.path;
  for (const step of steps) {
    const next: Item[] = [];
    charge(items.length);
    for (const item of items) {
      const v = item.value;
      if (v instanceof Unknown) {
        // An unknown container: its members are unknown too. Under a wildcard, even their number is.
        if ('wildcard' in step) return { kind: 'unknown', unknown: v, path: item.path };
        next.push({ value: v, path: [...item.path, step.key] });
        continue;
      }
      if ('wildcard' in step) {
        arrayPath = item.path;
        if (Array.isArray(v)) v.forEach((el, i) => next.push({ value: el, path: [...item.path, i] }));
        continue;
      }
      if (isObject(v)) {
        const k = findKey(v, step.key);
        next.push({ value: k === undefined ? undefined : v[k], path: [...item.path, k ?? step.key] });
      } else {
        next.push({ value: undefined, path: [...item.path, step.key] });
      }
    }
    items = next;
  }
  if (!hasWildcard) return { kind: 'single', item: items[0] as Item };
  // Members absent at the end of a `[*]` path are not selected (a missing property of an element).
  return { kind: 'collection', items: items.filter((i) => i.value !== undefined), arrayPath };
}

/** `select` for a path without `[*]` (most fields): one walk, one path array. */
function selectOne(start: Item, steps: readonly PathStep[], charge: (n: number) => void): Selection {
  const path: PathSegment[] = start.path.slice();
  let value: Value | undefined = start.value;
  for (const step of steps) {
    charge(1);
    const key = (step as { key: string }).key;
    if (value instanceof Unknown) {
      // An unknown container: its members are unknown too.
      path.push(key);
      continue;
    }
    if (isObject(value)) {
      const k = findKey(value, key);
      path.push(k ?? key);
      value = k === undefined ? undefined : value[k];
    } else {
      path.push(key);
      value = undefined;
    }
  }
  return { kind: 'single', item: { value, path } };
}

/** The value of a selection as the `field()` function returns it. */
export function fieldFunctionValue(sel: Selection): Value {
  switch (sel.kind) {
    case 'unknown':
      return sel.unknown;
    case 'single':
      // A missing non-array field: `field()` returns an empty string (docs: author-policies-for-arrays).
      return sel.item.value === undefined ? '' : sel.item.value;
    case 'collection':
      return sel.items.map((i) => i.value as Value);
  }
}

export function pathText(path: readonly PathSegment[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${step}` : step;
  }
  return out;
}
