import { Unknown, defineKey, getKey, isObject, type JsonPath, type SourceRef, type Value, type ValueObject } from '@sigil/core';

/**
 * A resource state rebuilt from a what-if change's `delta` (a list of `WhatIfPropertyChange`:
 * `path`, `propertyChangeType`, `before`, `after`, `children`), for a change that gives no snapshot
 * of that state. The state holds the properties the delta names, with their value on that side:
 * - `Modify`: the value before, or after, the change;
 * - `Create`: absent before, the value after; `Delete`: the value before, absent after;
 * - `Array`: the delta lists only the changed elements, so the whole array is Unknown;
 * - `NoEffect` (a property the service ignores) and anything else: not set.
 * Every other property is absent, which the diff rules read as not known: they compare a property
 * only when it is present on both sides.
 */
export interface DeltaState {
  readonly body: ValueObject;
  /** Where the value at a body path comes from in the what-if file. */
  readonly refAt: (path: JsonPath) => SourceRef;
}

/** Nested `children` deeper than this are not read: no rule reads so deep, and hostile input must not exhaust the stack. */
const MAX_DEPTH = 32;

export function stateFromDelta(delta: readonly Value[], deltaRef: SourceRef, side: 'before' | 'after'): DeltaState | undefined {
  const body: ValueObject = {};
  const refs = new Map<string, SourceRef>();
  const deltaPath = deltaRef.path ?? [];
  let found = false;

  /** Sets `value` at `path`, creating the objects on the way; a path through a value that is not an object is skipped. */
  const set = (path: readonly string[], value: Value, ref: SourceRef, entryRef: SourceRef): void => {
    let container = body;
    for (const [i, step] of path.slice(0, -1).entries()) {
      let next = getKey(container, step);
      if (next === undefined) {
        next = {};
        defineKey(container, step, next);
        refs.set(key(path.slice(0, i + 1)), entryRef);
      }
      if (!isObject(next)) return;
      container = next;
    }
    const last = path[path.length - 1] as string;
    if (getKey(container, last) !== undefined) return;
    defineKey(container, last, value);
    refs.set(key(path), ref);
    found = true;
  };

  const visit = (entries: readonly Value[], entriesPath: JsonPath, prefix: readonly string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    entries.forEach((entry, i) => {
      if (!isObject(entry)) return;
      const name = getKey(entry, 'path');
      const kind = getKey(entry, 'propertyChangeType');
      if (typeof name !== 'string' || typeof kind !== 'string') return;
      const steps = name.split('.');
      // Paths are property names joined by "."; an index, an indexer or an empty name has no place in an object.
      if (steps.some((s) => s === '' || /^\d+$/.test(s) || s.includes('['))) return;
      const path = [...prefix, ...steps];
      const entryPath = [...entriesPath, i];
      const entryRef: SourceRef = { file: deltaRef.file, path: entryPath };
      const valueOn = (which: 'before' | 'after'): void => {
        const value = getKey(entry, which);
        if (value !== undefined && value !== null) set(path, value, { file: deltaRef.file, path: [...entryPath, which] }, entryRef);
      };
      switch (kind.toLowerCase()) {
        case 'modify': {
          const children = getKey(entry, 'children');
          if (Array.isArray(children) && children.length > 0) visit(children, [...entryPath, 'children'], path, depth + 1);
          else valueOn(side);
          break;
        }
        case 'create':
          if (side === 'after') valueOn('after');
          break;
        case 'delete':
          if (side === 'before') valueOn('before');
          break;
        case 'array':
          set(path, new Unknown('the what-if delta lists only the changed elements of this array', entryRef), entryRef, entryRef);
          break;
        default:
          break;
      }
    });
  };

  visit(delta, deltaPath, [], 0);
  if (!found) return undefined;
  return {
    body,
    refAt: (path) => {
      // The nearest recorded place: the value itself, or the delta value that holds it.
      for (let n = path.length; n >= 0; n--) {
        const ref = refs.get(key(path.slice(0, n)));
        if (ref) return { file: ref.file, path: [...(ref.path ?? []), ...path.slice(n)] };
      }
      return deltaRef;
    },
  };
}

function key(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}
