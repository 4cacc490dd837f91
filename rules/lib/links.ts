import {
  Unknown, describePartial, normalizeLocation, parseResourceId,
  type JsonPath, type Resource, type ResourceGraph, type Value,
} from '@sigil/core';

/**
 * What the graph rules (SIG312, SIG316-SIG321, SIG4xx, SIG501) read from linked resources. Every reader
 * returns undefined for "not known": a value known only at deployment, a resource the deployment does
 * not declare or declares `existing` (its properties are Azure's, not the files'), a resource whose
 * condition is not known to be true. A rule reports only from values these readers return.
 */

export const IMAGE_VERSION = 'Microsoft.Compute/galleries/images/versions';
export const IMAGE_DEFINITION = 'Microsoft.Compute/galleries/images';
export const MANAGED_IMAGE = 'Microsoft.Compute/images';
export const VIRTUAL_MACHINE = 'Microsoft.Compute/virtualMachines';
export const SCALE_SET = 'Microsoft.Compute/virtualMachineScaleSets';
export const DISK = 'Microsoft.Compute/disks';
export const SNAPSHOT = 'Microsoft.Compute/snapshots';

/** A property of a resource, with where it is (for findings and related locations). */
export interface Fact<T = string> {
  readonly value: T;
  readonly resource: Resource;
  readonly path: JsonPath;
  /** Set when the value is Azure's default for an omitted property, or is read from another resource (a VM's image): says so in messages. */
  readonly note?: string;
}

/**
 * Whether a Terraform plan leaves the resource as it is (`no-op`): Terraform sends no request for it,
 * so Azure refuses nothing about it in this change, whatever its related resources become (a VM
 * whose image version stops replicating to the VM's region is not created again).
 */
export function untouched(graph: ResourceGraph, r: Resource): boolean {
  const change = graph.changes.of(r);
  return change?.origin === 'plan' && change.action === 'noop';
}

/** True when the files say what Azure will hold: deployed here (not `existing`), condition known true. */
export function declaredHere(r: Resource): boolean {
  return !r.existing && r.condition === true;
}

/**
 * A property of a resource declared here: its value; `null` when it is certainly absent; undefined
 * when it is not known (an Unknown on the way, or a resource whose body is not the files').
 */
export function read(r: Resource, path: JsonPath): Value | null | undefined {
  if (!declaredHere(r)) return undefined;
  const v = r.get(path);
  if (v instanceof Unknown) return undefined;
  return v === undefined ? null : v;
}

/** A string property as a Fact, or undefined when absent, unknown or not a string. */
export function stringFact(r: Resource, path: JsonPath): Fact | undefined {
  const v = read(r, path);
  return typeof v === 'string' ? { value: v, resource: r, path } : undefined;
}

/** The resource an id property of `r` names, when the deployment declares it. */
export function linked(graph: ResourceGraph, r: Resource, path: JsonPath): Resource | undefined {
  const id = r.get(path);
  return id === undefined ? undefined : graph.byId(id);
}

/** The declared parent of a resource, when it is of the given type (the image definition of a version). */
export function parentOf(graph: ResourceGraph, r: Resource, parentType: string): Resource | undefined {
  const parent = graph.parentOf(r);
  return parent && sameType(parent, parentType) ? parent : undefined;
}

export function sameType(r: Resource, type: string): boolean {
  return r.type.toLowerCase() === type.toLowerCase();
}

/** How messages name a resource: its full name when known (`contoso_images/ubuntu`), else its label. */
export function nameOf(r: Resource): string {
  return describePartial(r.fullName) ?? r.label;
}

/** What kind of source a resource is, for messages. */
export function kindOf(r: Resource): string {
  switch (r.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
      return 'managed image';
    case VIRTUAL_MACHINE.toLowerCase():
      return 'virtual machine';
    case DISK.toLowerCase():
      return 'disk';
    case SNAPSHOT.toLowerCase():
      return 'snapshot';
    case IMAGE_VERSION.toLowerCase():
      return 'image version';
    case IMAGE_DEFINITION.toLowerCase():
      return 'image definition';
    default:
      return r.type;
  }
}

/** Two enum values as Azure compares them (ignoring case). */
export function sameValue(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Two regions as Azure compares them (`West Europe` = `westeurope`). */
export function sameRegion(a: string, b: string): boolean {
  return normalizeLocation(a) === normalizeLocation(b);
}

/** A location as written on a resource declared here. */
export function locationOf(r: Resource): Fact | undefined {
  return stringFact(r, ['location']);
}

/** The members of an array property of a resource declared here; undefined when not known, [] when absent. */
export function arrayAt(r: Resource, path: JsonPath): readonly Value[] | undefined {
  const v = read(r, path);
  if (v === null) return [];
  return Array.isArray(v) ? v : undefined;
}

/** The subscription of a resource when the files say it (a deployment's own unknown subscription is not). */
export function subscriptionOf(r: Resource): string | undefined {
  const sub = r.scope.subscriptionId;
  return typeof sub === 'string' ? sub : undefined;
}

/** The subscription an id names, when it is written in full. */
export function subscriptionInId(id: Value | undefined): string | undefined {
  return typeof id === 'string' ? parseResourceId(id)?.subscriptionId : undefined;
}

/**
 * Why a graph rule generates no policy when Azure refuses the mistake itself: an AuditIfNotExists
 * policy runs after Azure accepted the resource, so it would never find one; a deny policy sees only
 * the resource in the request.
 */
export function refusedAtCreation(subject: string, other: string): { readonly reason: string } {
  return {
    reason: `Azure refuses such a ${subject} when it is created, so no ${subject} can exist for an AuditIfNotExists policy to find; a deny policy would need ${other}, another resource`,
  };
}
