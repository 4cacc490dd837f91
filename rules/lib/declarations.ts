import { dirname } from 'node:path';
import { normalizeLocation, type Resource, type SourceRef } from '@sigil/core';

/**
 * What graph rules need to know about declarations: which of them certainly take part in a
 * deployment, which certainly share a resource group or subscription, and their names as Azure
 * compares them. Every answer is three-valued where the files cannot decide: `undefined` is unknown,
 * and unknown is never a finding.
 */

export const GALLERY = 'Microsoft.Compute/galleries';
export const IMAGE = 'Microsoft.Compute/galleries/images';
export const IMAGE_VERSION = 'Microsoft.Compute/galleries/images/versions';
export const APPLICATION = 'Microsoft.Compute/galleries/applications';
export const APPLICATION_VERSION = 'Microsoft.Compute/galleries/applications/versions';

const KINDS = new Map([
  [GALLERY, 'gallery'],
  [IMAGE, 'image definition'],
  [IMAGE_VERSION, 'image version'],
  [APPLICATION, 'application'],
  [APPLICATION_VERSION, 'application version'],
].map(([type, kind]) => [(type as string).toLowerCase(), kind as string]));

/** `gallery`, `image definition`...: how messages name a gallery resource type. */
export function kindOf(type: string): string {
  return KINDS.get(type.toLowerCase()) ?? type;
}

/** The parent type of a child type (`.../galleries/images` -> `.../galleries`); undefined at the top. */
export function parentType(type: string): string | undefined {
  const segments = type.split('/');
  return segments.length > 2 ? segments.slice(0, -1).join('/') : undefined;
}

/** Azure resource names and types compare without case. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** The full name when every segment of it is known. */
export function knownFullName(resource: Resource): string | undefined {
  const name = resource.fullName;
  return typeof name === 'string' ? name : undefined;
}

/** The full name as Azure compares it (without case), when every segment is known. */
export function fullNameKey(resource: Resource): string | undefined {
  const name = knownFullName(resource);
  return name === undefined ? undefined : nameKey(name);
}

/** The location, normalized as Azure compares regions (`West Europe` is `westeurope`), when known. */
export function knownLocation(resource: Resource): string | undefined {
  const location = normalizeLocation(resource.get(['location']));
  return typeof location === 'string' && location !== '' ? location : undefined;
}

/** Whether the deployment certainly creates or updates the resource: not `existing`, condition known true. */
export function certainlyDeployed(resource: Resource): boolean {
  return !resource.existing && resource.condition === true;
}

/**
 * Whether the resource certainly exists when the deployment runs: deployed for sure, or declared
 * `existing` (a reference to a resource that is already in Azure) without a condition that may drop it.
 */
export function certainlyPresent(resource: Resource): boolean {
  return resource.condition === true;
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The directory of a Terraform declaration: one root module, whose resources share the default
 * provider configuration and so its subscription.
 */
function terraformModule(resource: Resource): string | undefined {
  return resource.frontend === 'terraform' ? dirname(resource.declaration.file) : undefined;
}

/**
 * Whether two resources certainly deploy into the same subscription. One deployment scope object is
 * one deployment target (the ARM and Bicep frontends create one per template run and share it with
 * nested deployments and modules that keep the scope), so it is certain even when the subscription
 * id itself is known only at deployment. Otherwise both ids must be known. Terraform resources of one
 * module directory whose resource group is known use that module's provider subscription.
 */
export function sameSubscription(a: Resource, b: Resource): boolean | undefined {
  if (a.scope === b.scope) return true;
  const sa = a.scope.subscriptionId;
  const sb = b.scope.subscriptionId;
  if (typeof sa === 'string' && typeof sb === 'string') return sameText(sa, sb);
  if (typeof sa === 'string' || typeof sb === 'string') return undefined;
  const module = terraformModule(a);
  if (module !== undefined && module === terraformModule(b) && typeof a.scope.resourceGroup === 'string' && typeof b.scope.resourceGroup === 'string') return true;
  return undefined;
}

/** Whether two resources certainly deploy into the same resource group (see `sameSubscription`). */
export function sameResourceGroup(a: Resource, b: Resource): boolean | undefined {
  if (a.scope.level !== 'resourceGroup' || b.scope.level !== 'resourceGroup') return undefined;
  if (a.scope === b.scope) return true;
  const ga = a.scope.resourceGroup;
  const gb = b.scope.resourceGroup;
  if (typeof ga !== 'string' || typeof gb !== 'string') return undefined;
  const subscription = sameSubscription(a, b);
  if (!sameText(ga, gb)) return subscription === undefined ? undefined : false;
  return subscription;
}

function sameRef(a: SourceRef, b: SourceRef): boolean {
  if (a.file !== b.file) return false;
  if (a.range || b.range) return a.range?.start === b.range?.start && a.range?.end === b.range?.end;
  return JSON.stringify(a.path ?? null) === JSON.stringify(b.path ?? null);
}

/**
 * Whether two resources can be told apart as two declarations of one deployment. One declaration
 * gives several resources when it is a loop (its instances share the run's scope: they count), or
 * when its template is evaluated once per parameters file (separate deployments: they do not).
 */
export function distinctDeclarations(a: Resource, b: Resource): boolean {
  return a !== b && (!sameRef(a.declaration, b.declaration) || a.scope === b.scope);
}

/**
 * Near-identical names, as a typo makes them (compared without case, as Azure compares names):
 * the same letters with different separators (`contoso_images` / `contoso-images` / `contosoimages`),
 * or one letter inserted, removed, replaced or swapped with its neighbour (`contoso_imges`). Digits
 * never count as a typo: `gallery01` and `gallery02` are two resources. Names shorter than four
 * characters are never near-identical: one letter is too much of them.
 */
export function nearIdentical(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || Math.min(x.length, y.length) < 4) return false;
  const bare = (s: string) => s.replace(/[-_.]/g, '');
  if (bare(x) === bare(y) && bare(x).length >= 4) return true;
  return oneLetterEdit(x, y);
}

const LETTER = /[a-z_.-]/;

/** One edit of letters or separators (insert, delete, replace, swap adjacent) turns `x` into `y`. */
function oneLetterEdit(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    // Replace at i, or swap i and i+1.
    if (x.slice(i + 1) === y.slice(i + 1)) return LETTER.test(x[i] as string) && LETTER.test(y[i] as string);
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2) && LETTER.test(x[i] as string) && LETTER.test(y[i] as string);
  }
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.slice(i + 1) === short.slice(i) && LETTER.test(long[i] as string);
}

/**
 * Resources grouped by a key, in graph order; resources without a key (unknown parts) are left out.
 * Graph rules compare resources within a group instead of every pair of the run.
 */
export function groupBy(resources: readonly Resource[], key: (r: Resource) => string | undefined): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const r of resources) {
    const k = key(r);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}
