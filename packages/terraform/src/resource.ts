import {
  Resource, Unknown, isObject, joinParts, readResourceId, resourceId, defineKey, memberOrigin, originOf, setOrigin, setMemberOrigin,
  type ChangeAction, type Dependency, type DeploymentScope, type JsonPath, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { MAPPINGS, armPathOf, parseAzapiType, type ResourceMapping } from './mapping.js';
import { toArmBody } from './convert.js';
import { adopt } from './values.js';

/** One Terraform resource instance with its arguments evaluated (from configuration or a plan). */
export interface TerraformInstance {
  readonly type: string;
  /** The address: `azurerm_shared_image_version.v["x"]`, with its module path in a plan. */
  readonly address: string;
  readonly attributes: ValueObject;
  readonly declaration: SourceRef;
  /** The subscription of the provider configuration, when it is written. */
  readonly subscriptionId: string | Unknown | undefined;
  /** A data source: the resource exists already; the configuration reads it, never deploys it. */
  readonly existing?: boolean;
  /** In a plan: the resource is deleted, it exists only before the change (not in the graph). */
  readonly deleted?: boolean;
  /** In a plan: what the change does, and the instance as it is before it (absent for a create). */
  readonly change?: PlannedChange;
}

export interface PlannedChange {
  readonly action: ChangeAction;
  readonly before?: TerraformInstance;
  /** `change.replace_paths`: the attribute paths that force a replace. */
  readonly replacePaths: readonly (readonly (string | number)[])[];
}

/** Where the ARM resource sits: its type, api-version, full name and scope. */
export interface ArmIdentity {
  readonly armType: string;
  readonly apiVersion: string;
  readonly fullName: string | Unknown;
  readonly scope: DeploymentScope;
}

function text(v: Value | undefined, what: string): string | Unknown {
  if (typeof v === 'string' || v instanceof Unknown) return v;
  return new Unknown(`${what} is not set`);
}

/** The ARM identity of an instance, or undefined when the type is not one sigil maps. */
export function identityOf(instance: TerraformInstance): ArmIdentity | undefined {
  const a = instance.attributes;
  if (instance.type === 'azapi_resource') {
    const type = a.type;
    const parsed = typeof type === 'string' ? parseAzapiType(type) : undefined;
    if (!parsed) return undefined;
    const parent = parseResourceId(a.parent_id);
    const name = text(a.name, 'name');
    return {
      armType: parsed.armType,
      apiVersion: parsed.apiVersion,
      fullName: parent.names ? joinParts([...parent.names.flatMap((n) => [n, '/']), name]) : joinParts([new Unknown('the parent is not known'), '/', name]),
      scope: scopeOf(parent.subscriptionId ?? instance.subscriptionId, parent.resourceGroup),
    };
  }
  const mapping = MAPPINGS.get(instance.type);
  if (!mapping) return undefined;
  const name = text(a.name, 'name');
  const source = mapping.name;
  if (source.kind === 'parentId') {
    const parent = parseResourceId(a[source.attribute]);
    return {
      armType: mapping.armType,
      apiVersion: mapping.apiVersion,
      fullName: parent.names ? joinParts([...parent.names.flatMap((n) => [n, '/']), name]) : joinParts([new Unknown(`${source.attribute} is known only after apply`), '/', name]),
      scope: scopeOf(parent.subscriptionId ?? instance.subscriptionId, parent.resourceGroup),
    };
  }
  const parents = source.kind === 'parents' ? source.parents.map((p) => text(a[p], p)) : [];
  return {
    armType: mapping.armType,
    apiVersion: mapping.apiVersion,
    fullName: joinParts([...parents.flatMap((p) => [p, '/']), name]),
    scope: scopeOf(instance.subscriptionId, text(a.resource_group_name, 'resource_group_name')),
  };
}

function scopeOf(subscriptionId: string | Unknown | undefined, resourceGroup: string | Unknown | undefined): DeploymentScope {
  return {
    level: 'resourceGroup',
    ...(subscriptionId !== undefined ? { subscriptionId } : {}),
    ...(resourceGroup !== undefined ? { resourceGroup } : {}),
  };
}

/** The resource id of an instance as Terraform's `id` attribute will hold it, partial when parts are unknown. */
export function idOf(instance: TerraformInstance): Value {
  if (instance.type === 'azurerm_resource_group') {
    const name = text(instance.attributes.name, 'name');
    return joinParts(['/subscriptions/', instance.subscriptionId ?? new Unknown('the subscription is known only at apply'), '/resourceGroups/', name]);
  }
  const identity = identityOf(instance);
  if (!identity) return new Unknown(`${instance.address}.id is known only after apply`);
  return resourceId(identity.scope, identity.armType, identity.fullName);
}

interface ParsedId {
  readonly subscriptionId?: string | Unknown;
  readonly resourceGroup?: string | Unknown;
  /** The names of the resource the id names, outermost first (`[gallery, image]`). */
  readonly names?: (string | Unknown)[];
}

/**
 * Reads a parent resource id: `/subscriptions/{s}/resourceGroups/{g}[/providers/{ns}/{type}/{name}...]`.
 * An id built around unknown parts (`${azurerm_shared_image_gallery.g.id}` with an unknown
 * subscription) still gives the segments written after the unknown part.
 *
 * The most lenient of the readers of core's `readResourceId`: each part is taken wherever its
 * segment is (no leading `/` needed), empty names count, and a resource group id without
 * `providers` names the resource group itself (names `[]`, a resource group's children are top level).
 */
export function parseResourceId(v: Value | undefined): ParsedId {
  if (typeof v !== 'string' && !(v instanceof Unknown)) return {};
  const parts = readResourceId(v);
  if (!parts) return {};
  const out: { subscriptionId?: string | Unknown; resourceGroup?: string | Unknown; names?: (string | Unknown)[] } = {};
  if (parts.subscriptionId !== undefined) out.subscriptionId = parts.subscriptionId;
  if (parts.resourceGroup !== undefined) out.resourceGroup = parts.resourceGroup;
  if (parts.providersAt >= 0) {
    if (parts.names) out.names = [...parts.names];
  } else if (parts.resourceGroupsAt >= 0 && parts.segments.length === parts.resourceGroupsAt + 2) {
    out.names = [];
  }
  return out;
}

/** Where a configured instance sits among the others: its run, and the resources it waits for. */
export interface InstanceLinks {
  readonly run: object;
  readonly dependsOn: () => readonly Dependency[];
}

/**
 * The ARM resource for an instance, or undefined for types sigil does not read. Without links (a
 * plan's instances), it has no run and no dependencies.
 */
export function toResource(instance: TerraformInstance, links?: InstanceLinks): Resource | undefined {
  const identity = identityOf(instance);
  if (!identity) return undefined;
  const mapping = MAPPINGS.get(instance.type);
  return new Resource({
    type: identity.armType,
    apiVersion: identity.apiVersion,
    fullName: identity.fullName,
    scope: identity.scope,
    condition: true,
    existing: instance.existing === true,
    dependsOn: links?.dependsOn ?? (() => []),
    ...(links ? { run: links.run } : {}),
    declaration: instance.declaration,
    frontend: 'terraform',
    label: instance.address,
    body: () => (mapping ? mappedBody(mapping, instance, identity) : azapiBody(instance, identity)),
    replaceOn: mapping ? replacePaths(mapping) : [],
  });
}

const replacePathCache = new WeakMap<ResourceMapping, JsonPath[]>();

/** The ARM paths of a mapping's ForceNew attributes (those in repeated blocks have no single path and are left out). */
function replacePaths(mapping: ResourceMapping): JsonPath[] {
  let paths = replacePathCache.get(mapping);
  if (!paths) {
    paths = (mapping.forceNew ?? []).map((a) => armPathOf(mapping, a.split('.'))).filter((p): p is (string | number)[] => p !== undefined);
    replacePathCache.set(mapping, paths);
  }
  return paths;
}

function mappedBody(mapping: ResourceMapping, instance: TerraformInstance, identity: ArmIdentity): ValueObject {
  const body = toArmBody(mapping, instance.attributes, instance.declaration);
  header(body, instance, identity);
  return body;
}

/** `type`, `apiVersion` and the full `name`, the name pointing at the Terraform `name` argument. */
function header(body: ValueObject, instance: TerraformInstance, identity: ArmIdentity): void {
  defineKey(body, 'type', identity.armType);
  defineKey(body, 'apiVersion', identity.apiVersion);
  defineKey(body, 'name', identity.fullName);
  const nameRef = memberOrigin(instance.attributes, 'name').value;
  if (nameRef) setMemberOrigin(body, 'name', nameRef);
}

/** A body given as JSON text (azapi 1.x plans, `jsonencode` in a plan): its members all point at that text. */
function decodeBody(text: string, ref: SourceRef): Value {
  try {
    return adopt(JSON.parse(text) as Value, ref);
  } catch {
    return new Unknown('the azapi body is not JSON', ref);
  }
}

/** An azapi_resource body is ARM already: its members, plus the name and location arguments. */
function azapiBody(instance: TerraformInstance, identity: ArmIdentity): ValueObject {
  const a = instance.attributes;
  const out: ValueObject = {};
  setOrigin(out, instance.declaration);
  const body = typeof a.body === 'string' ? decodeBody(a.body, memberOrigin(a, 'body').value ?? instance.declaration) : a.body;
  if (isObject(body)) {
    for (const key of Object.keys(body)) {
      defineKey(out, key, body[key] as Value);
      const ref = memberOrigin(body, key).value;
      if (ref) setMemberOrigin(out, key, ref);
    }
  } else if (body instanceof Unknown) {
    defineKey(out, 'properties', body);
  }
  if (a.location !== undefined && a.location !== null) {
    defineKey(out, 'location', a.location);
    const ref = memberOrigin(a, 'location').value;
    if (ref) setMemberOrigin(out, 'location', ref);
  }
  header(out, instance, identity);
  if (originOf(out) === undefined) setOrigin(out, instance.declaration);
  return out;
}
