import { Unknown, describePartial, findUnknown } from './unknown.js';
import { readResourceId, type ResourceIdParts } from './resource-id.js';
import { deepEquals, type Value } from './value.js';
import type { JsonPath } from './source.js';
import type { Resource, DeploymentScope } from './graph.js';

/**
 * What a change does to one resource. `replace` is a delete followed by a create (Terraform's
 * `["delete","create"]` or `["create","delete"]`); ARM never replaces a resource.
 */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'noop';

/** Where the state before the change comes from. */
export type ChangeOrigin = 'plan' | 'what-if' | 'base';

/**
 * One resource before and after a change. Diff rules read these; the other rules never see them.
 * `after` is the resource the user edits when it is linted (a template, a `.tf.json`), else the
 * resource as the plan or what-if file states it. `before` is the resource as it is now: its body
 * holds Unknown wherever the state is not known (sensitive values, a what-if resource without
 * `before`), and a rule that meets Unknown stays silent.
 */
export interface ResourceChange {
  readonly action: ChangeAction;
  readonly origin: ChangeOrigin;
  /** Absent for a delete. */
  readonly after?: Resource;
  /** Absent for a create. */
  readonly before?: Resource;
  /** For a replace: the body paths whose change forces it, when the tool says which. */
  readonly replacePaths?: readonly JsonPath[];
}

/** The changes of one lint run: filled by the plan and what-if readers and by `--base`. */
export class ChangeSet {
  private readonly list: ResourceChange[] = [];
  private readonly byAfter = new Map<Resource, ResourceChange>();

  /** Changes by their origin, type and full name (lower case), built when first needed. */
  private byName: Map<string, ResourceChange[]> | undefined;

  add(change: ResourceChange): void {
    this.list.push(change);
    if (change.after) this.byAfter.set(change.after, change);
    this.byName = undefined;
  }

  get all(): readonly ResourceChange[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** The change that leaves `after` as it is, when one is known. */
  of(after: Resource): ResourceChange | undefined {
    return this.byAfter.get(after);
  }

  /** Changes of a resource type (case-insensitive), by the type after the change, or before for a delete. */
  ofType(type: string): ResourceChange[] {
    const t = type.toLowerCase();
    return this.list.filter((c) => subject(c).type.toLowerCase() === t);
  }

  /**
   * Changes of the resources directly nested in the resource `parent` changes (its definitions for a
   * gallery, its versions for a definition), from the same source, matched by type, name and scope.
   */
  childrenOf(parent: ResourceChange): ResourceChange[] {
    const p = parent.before ?? parent.after;
    if (!p || typeof p.fullName !== 'string') return [];
    if (!this.byName) {
      this.byName = new Map();
      for (const c of this.list) {
        const r = subject(c);
        if (typeof r.fullName !== 'string') continue;
        const key = nameKey(c.origin, r.type.slice(0, r.type.lastIndexOf('/')), r.fullName.slice(0, r.fullName.lastIndexOf('/')));
        const list = this.byName.get(key);
        if (list) list.push(c);
        else this.byName.set(key, [c]);
      }
    }
    const candidates = this.byName.get(nameKey(parent.origin, p.type, p.fullName)) ?? [];
    return candidates.filter((c) => c !== parent && isChildOf(subject(c), p));
  }
}

function nameKey(origin: ChangeOrigin, type: string, fullName: string): string {
  return `${origin}\0${type.toLowerCase()}\0${fullName.toLowerCase()}`;
}

/** The resource a change is about: after the change, or before it for a delete. */
export function subject(change: ResourceChange): Resource {
  return (change.after ?? change.before) as Resource;
}

/** Whether a resource changes and still exists afterwards: it exists now and is neither deleted nor replaced. */
export function remains(change: ResourceChange): boolean {
  return change.before !== undefined && (change.action === 'update' || change.action === 'noop');
}

/**
 * The old and new value at a body path when they certainly differ: both known, both present, and
 * not equal (strings compared case-insensitively, as Azure compares enum values and ids). Anything
 * else (a value absent on one side, an Unknown part) is no evidence of a change.
 */
export function changedValue(before: Resource, after: Resource, path: JsonPath): { before: Value; after: Value } | undefined {
  const old = before.get(path);
  const now = after.get(path);
  if (old === undefined || now === undefined || old === null || now === null) return undefined;
  if (findUnknown(old) || findUnknown(now)) return undefined;
  return deepEquals(old, now, true) === false ? { before: old, after: now } : undefined;
}

/** `child` is a resource of type `<parent type>/<x>` named `<parent name>/<y>` in the same scope. */
function isChildOf(child: Resource, parent: Resource): boolean {
  const type = child.type.toLowerCase();
  const parentType = parent.type.toLowerCase();
  if (!type.startsWith(`${parentType}/`) || type.slice(parentType.length + 1).includes('/')) return false;
  const name = child.fullName;
  const parentName = parent.fullName;
  if (typeof name !== 'string' || typeof parentName !== 'string') return false;
  return name.toLowerCase().startsWith(`${parentName.toLowerCase()}/`) && !name.slice(parentName.length + 1).includes('/')
    && sameScope(child.scope, parent.scope);
}

/**
 * Type and full name in lower case: the part of a resource id that pairs resources across sources
 * (an index key; `sameResource` then compares the scopes). Undefined when the name is not known.
 */
export function identityKey(r: Resource): string | undefined {
  return typeof r.fullName === 'string' ? `${r.type.toLowerCase()}\0${r.fullName.toLowerCase()}` : undefined;
}

/**
 * Whether two resources are the same Azure resource: same type and full name (case-insensitive, as
 * Azure compares ids), in the same scope. Unknown names never match. A scope part known on one side
 * only (a template deployed to "the resource group of the deployment", a what-if id naming it)
 * does not tell them apart; parts known on both sides must be equal.
 */
export function sameResource(a: Resource, b: Resource): boolean {
  if (a.type.toLowerCase() !== b.type.toLowerCase()) return false;
  const an = a.fullName;
  const bn = b.fullName;
  if (typeof an !== 'string' || typeof bn !== 'string' || an.toLowerCase() !== bn.toLowerCase()) return false;
  return sameScope(a.scope, b.scope);
}

function sameScope(a: DeploymentScope, b: DeploymentScope): boolean {
  const part = (x: string | Unknown | undefined, y: string | Unknown | undefined) =>
    typeof x !== 'string' || typeof y !== 'string' || x.toLowerCase() === y.toLowerCase();
  return part(a.subscriptionId, b.subscriptionId) && part(a.resourceGroup, b.resourceGroup) && part(a.managementGroup, b.managementGroup);
}

/**
 * Reads a full resource id: its scope, type and full name (`/subscriptions/s/resourceGroups/g/
 * providers/Microsoft.Compute/galleries/g1/images/d` -> `Microsoft.Compute/galleries/images`,
 * `g1/d`). An id built by `resourceId()` in a template keeps its subscription and resource group
 * Unknown; the provider, types and names must be known. Undefined for anything else.
 *
 * Unlike core's `parseResourceId` it reads the type after the LAST `providers` (an extension
 * resource's own type), a resource group without a subscription and management group scopes, and
 * has no length bound; it takes no spaces around the id and no trailing `/`.
 */
export function parseArmResourceId(id: string | Unknown | undefined): { type: string; fullName: string; scope: DeploymentScope } | undefined {
  if (id === undefined) return undefined;
  const parts = readResourceId(id);
  if (!parts || parts.segments[0] !== '' || parts.providersAt < 0) return undefined;
  const { namespace, types, names } = parts;
  if (typeof namespace !== 'string' || !types?.length || !names || [namespace, ...types, ...names].includes('')) return undefined;
  // The scope, from the readable form: splitParts merges the segments between unknown parts, while
  // `/subscriptions/…/resourceGroups/…` still says which scope parts the unknowns stand for.
  const head = readResourceId(typeof id === 'string' ? id : describePartial(id) ?? '') as ResourceIdParts;
  const at = (found: number, value: string | Unknown | undefined, what: string): string | Unknown | undefined => {
    if (found < 0 || found >= head.providersAt) return undefined;
    // The readable form writes each unknown part as `…`; a segment holding one (`sub-…`) is not a
    // subscription id to compare, whole or in part.
    return typeof value === 'string' && value.includes('…') ? new Unknown(`${what} is known only at deployment`) : value;
  };
  const subscriptionId = at(head.subscriptionsAt, head.subscriptionId, 'subscription');
  const resourceGroup = at(head.resourceGroupsAt, head.resourceGroup, 'resource group');
  // The reason says "resource group" for a management group too (kept as it was; no caller reads it).
  const managementGroup = at(head.managementGroupsAt, head.managementGroup, 'resource group');
  const scope: DeploymentScope = resourceGroup !== undefined
    ? { level: 'resourceGroup', ...(subscriptionId !== undefined ? { subscriptionId } : {}), resourceGroup }
    : subscriptionId !== undefined
      ? { level: 'subscription', subscriptionId }
      : managementGroup !== undefined
        ? { level: 'managementGroup', managementGroup }
        : { level: 'tenant' };
  return { type: [namespace, ...types].join('/'), fullName: names.join('/'), scope };
}
