import { resolve } from 'node:path';
import {
  DEFAULT_LIMITS, Resource, Unknown, defineKey, identityKey, isObject, getKey, memberOrigin, parseArmResourceId, sameResource, setMemberOrigin, setOrigin,
  type ChangeAction, type JsonPath, type Limits, type ResourceGraph, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { JsonDocument } from './document.js';
import { InputError, readHead, readText, type LoadedFile } from './load.js';
import { stateFromDelta } from './what-if-delta.js';

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

/**
 * Where the `changes` array is: top level (`az ... what-if --no-pretty-print`), or under `properties`
 * (the REST response); `potentialChanges` (newer api-versions) is beside it.
 */
function changesOf(value: Value | undefined): { changes: Value[]; potential: Value[]; path: JsonPath } | undefined {
  if (!isObject(value)) return undefined;
  const properties = getKey(value, 'properties');
  const container = Array.isArray(getKey(value, 'changes')) ? value : isObject(properties) && Array.isArray(getKey(properties, 'changes')) ? properties : undefined;
  if (!container) return undefined;
  const potential = getKey(container, 'potentialChanges');
  return {
    changes: getKey(container, 'changes') as Value[],
    potential: Array.isArray(potential) ? potential : [],
    path: container === value ? [] : ['properties'],
  };
}

/** A `WhatIfChange`: a `changeType`, and a `resourceId` (or, for a Bicep extensible resource, `identifiers`). */
function isChange(c: Value): boolean {
  return isObject(c) && typeof getKey(c, 'changeType') === 'string' && (typeof getKey(c, 'resourceId') === 'string' || isObject(getKey(c, 'identifiers')));
}

/** Is this parsed JSON a what-if result: a `changes` array (and `potentialChanges`) of what-if changes, not all empty? */
export function isWhatIf(value: Value | undefined): boolean {
  const found = changesOf(value);
  return found !== undefined && found.changes.length + found.potential.length > 0 && [...found.changes, ...found.potential].every(isChange);
}

/** A quick look at a file's first bytes: could it be what-if JSON? */
export function looksLikeWhatIf(head: string): boolean {
  return head.includes('"changes"') || head.includes('"changeType"') || head.includes('"potentialChanges"');
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
  const found = changesOf(doc.value) as NonNullable<ReturnType<typeof changesOf>>;
  if (found.potential.length > 0) {
    // Changes what-if is not sure of (a name or value that only reference() at deployment decides):
    // a finding needs a certain change, so they are not read; --verbose says so.
    const count = found.potential.length;
    graph.diagnose({
      severity: 'note',
      file: doc.file,
      ref: { file: doc.file, path: [...found.path, 'potentialChanges'] },
      message: `${count} potential change${count === 1 ? '' : 's'} (what-if is not sure ${count === 1 ? 'it happens' : 'they happen'}) ${count === 1 ? 'is' : 'are'} not checked`,
    });
  }
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
    const at: JsonPath = [...found.path, 'changes', i];
    const delta = getKey(change, 'delta');
    const make = (key: 'before' | 'after', template?: Resource): Resource => {
      const ref: SourceRef = { file: doc.file, path: [...at, key] };
      const snapshot = getKey(change, key);
      // No snapshot (a trimmed result): the properties the delta names, with their value on this side.
      const state = isObject(snapshot)
        ? { body: snapshot, refAt: (path: JsonPath): SourceRef => ({ file: doc.file, path: [...at, key, ...path] }) }
        : Array.isArray(delta) ? stateFromDelta(delta, { file: doc.file, path: [...at, 'delta'] }, key) : undefined;
      const apiVersion = isObject(snapshot) ? getKey(snapshot, 'apiVersion') : undefined;
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
        body: () => (state ? located(state.body, state.refAt, template) : unknownBody(ref)),
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
 * What-if evaluates a template before deployment: what only the deployment knows (`reference()`,
 * `list*()`) it leaves as the expression's text, `"[reference(...).x]"` (Azure/arm-template-whatif#83).
 * Such a string is not the value the resource gets.
 */
const UNEVALUATED = /^\[(?!\[)[\s\S]*\]$/;

/**
 * A copy of a what-if body whose members point into the what-if file (`refAt` says where each value
 * is), or, when a linted template declares the resource, at the place in the template that writes the
 * same property (the template may leave a value to a parameter given only at deployment: the what-if
 * result knows it).
 */
function located(body: ValueObject, refAt: (path: JsonPath) => SourceRef, template: Resource | undefined): ValueObject {
  const copy = (value: Value, valuePath: JsonPath): Value => {
    if (typeof value === 'string' && UNEVALUATED.test(value.trim())) return new Unknown('the what-if result leaves this expression to the deployment', refAt(valuePath));
    if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
    const valueRef = refAt(valuePath);
    if (valuePath.length > MAX_DEPTH) return new Unknown(`the value is nested more than ${MAX_DEPTH} levels deep`, valueRef);
    const out: Value = Array.isArray(value) ? [] : {};
    setOrigin(out, template && valuePath.length > 0 ? template.locate(valuePath).primary : valueRef);
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, k) => k) : Object.keys(value);
    for (const key of keys) {
      const memberPath = [...valuePath, key];
      const member = copy((value as Record<string | number, Value>)[key] as Value, memberPath);
      if (Array.isArray(out)) out.push(member);
      else defineKey(out, key as string, member);
      const memberRef = refAt(memberPath);
      setMemberOrigin(out, key, template ? () => templateRef(template, memberPath) ?? memberRef : memberRef);
    }
    return out;
  };
  return copy(body, []) as ValueObject;
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
