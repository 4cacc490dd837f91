import { resolve } from 'node:path';
import {
  DEFAULT_LIMITS, Resource, Unknown, defineKey, identityKey, isObject, getKey, memberOrigin, parseArmResourceId, sameResource, setMemberOrigin, setOrigin,
  type ChangeAction, type JsonPath, type Limits, type ResourceGraph, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { JsonDocument } from './document.js';
import { InputError, readHead, readText, type LoadedFile } from './load.js';

/**
 * The `changeType`s of ARM what-if (Deployments - What If, `WhatIfChange.changeType`) as change
 * actions. `Deploy` redeploys an existing resource (its properties may change): an update. `Ignore`
 * is a resource that exists and that the deployment leaves alone. `Unsupported` says nothing.
 */
const ACTIONS: Readonly<Record<string, ChangeAction>> = {
  create: 'create',
  delete: 'delete',
  modify: 'update',
  deploy: 'update',
  nochange: 'noop',
  ignore: 'noop',
};

/** Where the `changes` array is: top level (`az ... what-if --no-pretty-print`), or under `properties` (the REST response). */
function changesOf(value: Value | undefined): { changes: Value[]; path: JsonPath } | undefined {
  if (!isObject(value)) return undefined;
  const top = getKey(value, 'changes');
  if (Array.isArray(top)) return { changes: top, path: ['changes'] };
  const properties = getKey(value, 'properties');
  const nested = isObject(properties) ? getKey(properties, 'changes') : undefined;
  return Array.isArray(nested) ? { changes: nested, path: ['properties', 'changes'] } : undefined;
}

/** Is this parsed JSON a what-if result: a `changes` array whose entries have a `resourceId` and a `changeType`? */
export function isWhatIf(value: Value | undefined): boolean {
  const found = changesOf(value);
  return found !== undefined && found.changes.length > 0
    && found.changes.every((c) => isObject(c) && typeof getKey(c, 'resourceId') === 'string' && typeof getKey(c, 'changeType') === 'string');
}

/** A quick look at a file's first bytes: could it be what-if JSON? */
export function looksLikeWhatIf(head: string): boolean {
  return head.includes('"changes"') || head.includes('"changeType"');
}

/**
 * Reads ARM what-if results (`az deployment group what-if --no-pretty-print`, or the REST response)
 * into the graph's changes, for the diff rules. A what-if file is not a template: the other rules do
 * not read it. A changed resource that a template of the same run declares (same type, name and
 * scope) is located in that template: findings point at the template's property, the text the user
 * edits; otherwise at the what-if file. Call it after the templates are loaded.
 */
export function loadWhatIf(
  files: readonly { readonly path: string; readonly explicit: boolean }[],
  graph: ResourceGraph,
  options: { readonly cwd?: string; readonly limits?: Limits } = {},
): LoadedFile[] {
  const cwd = options.cwd ?? process.cwd();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const results: LoadedFile[] = [];
  for (const f of files) {
    if (!f.explicit && !looksLikeWhatIf(readHead(resolve(cwd, f.path)) ?? '')) {
      results.push({ file: f.path, kind: 'other' });
      continue;
    }
    let text: string;
    try {
      text = readText(resolve(cwd, f.path), limits);
    } catch (e) {
      if (f.explicit) graph.diagnose({ severity: 'error', file: f.path, message: e instanceof InputError ? e.message : `cannot read the file: ${(e as Error).message}` });
      results.push({ file: f.path, kind: f.explicit ? 'invalid' : 'other' });
      continue;
    }
    const doc = new JsonDocument(f.path, text);
    if (doc.problems.length > 0 || !isWhatIf(doc.value)) {
      results.push({ file: f.path, kind: 'other' });
      continue;
    }
    graph.addDocument(doc);
    addChanges(doc, graph, limits);
    results.push({ file: f.path, kind: 'template' });
  }
  return results;
}

function addChanges(doc: JsonDocument, graph: ResourceGraph, limits: Limits): void {
  const found = changesOf(doc.value) as { changes: Value[]; path: JsonPath };
  // The templates' resources by type and name, to find the one a change is about.
  const declared = new Map<string, Resource[]>();
  for (const r of graph.resources) {
    const key = r.deployed ? identityKey(r) : undefined;
    if (key !== undefined) declared.set(key, [...(declared.get(key) ?? []), r]);
  }
  found.changes.slice(0, limits.resources).forEach((entry, i) => {
    const change = entry as ValueObject;
    const action = ACTIONS[String(getKey(change, 'changeType')).toLowerCase()];
    const id = parseArmResourceId(getKey(change, 'resourceId') as string);
    if (!action || !id) return;
    const at: JsonPath = [...found.path, i];
    const make = (key: 'before' | 'after', template?: Resource): Resource => {
      const ref: SourceRef = { file: doc.file, path: [...at, key] };
      const state = getKey(change, key);
      const body = isObject(state) ? state : undefined;
      const apiVersion = body ? getKey(body, 'apiVersion') : undefined;
      return new Resource({
        type: id.type,
        apiVersion: typeof apiVersion === 'string' ? apiVersion : new Unknown('the what-if result gives no api-version'),
        fullName: id.fullName,
        scope: id.scope,
        condition: true,
        existing: false,
        dependsOn: () => [],
        declaration: template?.declaration ?? { file: doc.file, path: at },
        frontend: 'arm',
        label: template?.label ?? id.fullName,
        body: () => (body ? located(body, ref, template) : unknownBody(ref)),
      });
    };
    const probe = make('after');
    const template = action === 'delete' ? undefined : single((declared.get(identityKey(probe) as string) ?? []).filter((r) => sameResource(r, probe)));
    graph.changes.add({
      action,
      origin: 'what-if',
      ...(action !== 'delete' ? { after: make('after', template) } : {}),
      ...(action !== 'create' ? { before: make('before') } : {}),
    });
  });
}

function single<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** A state the what-if result does not give (an `Ignore` resource has no `before`): known to exist, contents unknown. */
function unknownBody(ref: SourceRef): ValueObject {
  const body: ValueObject = { properties: new Unknown('the what-if result does not give this state', ref) };
  setOrigin(body, ref);
  return body;
}

/** Deeper than this, a what-if value is Unknown: no rule reads so deep, and copying must not exhaust the stack. */
const MAX_DEPTH = 64;

/**
 * A copy of a what-if body whose members point into the what-if file, or, when a linted template
 * declares the resource, at the place in the template that writes the same property (the template
 * may leave a value to a parameter given only at deployment: the what-if result knows it).
 */
function located(body: ValueObject, ref: SourceRef, template: Resource | undefined): ValueObject {
  const copy = (value: Value, valueRef: SourceRef, valuePath: JsonPath): Value => {
    if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
    if (valuePath.length > MAX_DEPTH) return new Unknown(`the value is nested more than ${MAX_DEPTH} levels deep`, valueRef);
    const out: Value = Array.isArray(value) ? [] : {};
    setOrigin(out, template && valuePath.length > 0 ? template.locate(valuePath).primary : valueRef);
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, k) => k) : Object.keys(value);
    for (const key of keys) {
      const memberRef: SourceRef = { file: valueRef.file, path: [...(valueRef.path ?? []), key] };
      const memberPath = [...valuePath, key];
      const member = copy((value as Record<string | number, Value>)[key] as Value, memberRef, memberPath);
      if (Array.isArray(out)) out.push(member);
      else defineKey(out, key as string, member);
      setMemberOrigin(out, key, template ? () => templateRef(template, memberPath) ?? memberRef : memberRef);
    }
    return out;
  };
  return copy(body, ref, []) as ValueObject;
}

/** Where the template writes the value at `path`, when it writes that property (not only an enclosing object). */
function templateRef(template: Resource, path: JsonPath): SourceRef | undefined {
  let container: Value | undefined = template.body;
  for (const step of path.slice(0, -1)) {
    if (container === null || typeof container !== 'object' || container instanceof Unknown) return template.locate(path).primary;
    container = Array.isArray(container) ? (typeof step === 'number' ? container[step] : undefined) : getKey(container as ValueObject, String(step));
    if (container === undefined) return undefined;
  }
  if (container === null || typeof container !== 'object' || container instanceof Unknown) return template.locate(path).primary;
  const last = path[path.length - 1] as string | number;
  return memberOrigin(container, last).value ?? undefined;
}
