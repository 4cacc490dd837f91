import { isScopeIdentity, normalizeLocation, type Resource, type ResourceGraph, type SourceRef } from '@sigil/core';

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

/**
 * A loop whose length is known only at deployment (Terraform `count = var.n`, a Bicep `for` over a
 * parameter) is one representative instance labelled `[*]`: there may be none.
 */
function representative(resource: Resource): boolean {
  return resource.label.endsWith('[*]');
}

/** Whether the deployment certainly creates or updates the resource: not `existing`, condition known true. */
export function certainlyDeployed(resource: Resource): boolean {
  return !resource.existing && certainlyPresent(resource);
}

/**
 * Whether the resource certainly exists when the deployment runs: deployed for sure, or declared
 * `existing` (a reference to a resource that is already in Azure) without a condition that may drop it.
 */
export function certainlyPresent(resource: Resource): boolean {
  return resource.condition === true && !representative(resource);
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameRef(a: SourceRef, b: SourceRef): boolean {
  return refKey(a) === refKey(b);
}

function refKey(ref: SourceRef): string {
  return `${ref.file}\0${ref.range ? `${ref.range.start}:${ref.range.end}` : JSON.stringify(ref.path ?? null)}`;
}

/** The resource group a resource is deployed to, when its name and its subscription's id are written. */
function knownTarget(resource: Resource): string | undefined {
  const { subscriptionId, resourceGroup } = resource.scope;
  if (resource.scope.level !== 'resourceGroup' || typeof resourceGroup !== 'string') return undefined;
  return `${typeof subscriptionId === 'string' ? nameKey(subscriptionId) : ''}/${nameKey(resourceGroup)}`;
}

/**
 * Which declarations of a run can be compared. The ARM and Bicep frontends create one deployment
 * scope object per template run (shared by nested deployments and modules that keep the scope), so
 * resources with the same scope object are certainly deployed together, into the same resource group,
 * even when its name is known only at deployment. Resources with different scope objects are
 * compared only through written subscription ids and resource group names, and never when one of
 * them comes from a declaration that the run evaluates more than once into the same resource group:
 * a template evaluated once per parameters file (or a Terraform module once per `-var-file`) is
 * several deployments, and pairing one's resources with another's would invent a conflict.
 */
export class Declarations {
  /** Resources whose declaration is evaluated into the same written resource group more than once. */
  private readonly repeated = new Set<Resource>();

  constructor(graph: ResourceGraph) {
    const runs = new Map<string, Map<unknown, Resource[]>>();
    for (const r of graph.resources) {
      const target = knownTarget(r);
      if (target === undefined) continue;
      // One run of a declaration: its scope object (ARM, Bicep: loop instances share it), or each
      // Terraform instance outside count / for_each.
      if (r.frontend === 'terraform' && r.label.endsWith(']')) continue;
      const key = `${refKey(r.declaration)}\0${target}`;
      let byRun = runs.get(key);
      if (!byRun) runs.set(key, (byRun = new Map()));
      const run = r.frontend === 'terraform' ? r : r.scope;
      const list = byRun.get(run);
      if (list) list.push(r);
      else byRun.set(run, [r]);
    }
    for (const byRun of runs.values()) {
      if (byRun.size > 1) for (const list of byRun.values()) for (const r of list) this.repeated.add(r);
    }
  }

  /**
   * Whether two resources are two declarations of one deployment that can be compared: the same
   * run, or declarations evaluated once each. One declaration gives several comparable resources as
   * a loop (same run) or a module called for two written resource groups.
   */
  comparable(a: Resource, b: Resource): boolean {
    if (a === b) return false;
    if (a.scope === b.scope) return true;
    if (this.repeated.has(a) || this.repeated.has(b)) return false;
    if (!sameRef(a.declaration, b.declaration)) return true;
    const ta = knownTarget(a);
    const tb = knownTarget(b);
    return ta !== undefined && tb !== undefined && ta !== tb;
  }

  /**
   * Whether two resources certainly deploy into the same subscription: the same scope object, both
   * subscription ids written, or the same subscription known only at deployment (one template run and
   * the nested deployments and modules that keep its subscription; one run of a Terraform module
   * whose default provider does not write one). A template or module evaluated twice (two parameters
   * files, two `-var-file`s) has two such subscriptions, which are never the same.
   */
  sameSubscription(a: Resource, b: Resource): boolean | undefined {
    if (a.scope === b.scope) return true;
    const sa = a.scope.subscriptionId;
    const sb = b.scope.subscriptionId;
    if (typeof sa === 'string' && typeof sb === 'string') return sameText(sa, sb);
    return isScopeIdentity(sa) && sa === sb ? true : undefined;
  }

  /** Whether two resources certainly deploy into the same resource group (see `sameSubscription`). */
  sameResourceGroup(a: Resource, b: Resource): boolean | undefined {
    if (a.scope.level !== 'resourceGroup' || b.scope.level !== 'resourceGroup') return undefined;
    if (a.scope === b.scope) return true;
    const ga = a.scope.resourceGroup;
    const gb = b.scope.resourceGroup;
    if (typeof ga !== 'string' || typeof gb !== 'string') return undefined;
    const subscription = this.sameSubscription(a, b);
    if (!sameText(ga, gb)) return subscription === undefined ? undefined : false;
    return subscription;
  }
}

const analyses = new WeakMap<ResourceGraph, { count: number; declarations: Declarations }>();

/** The declarations of a run, analysed once per graph state (every graph rule shares the analysis). */
export function declarationsOf(graph: ResourceGraph): Declarations {
  const cached = analyses.get(graph);
  if (cached && cached.count === graph.resources.length) return cached.declarations;
  const declarations = new Declarations(graph);
  analyses.set(graph, { count: graph.resources.length, declarations });
  return declarations;
}

/**
 * Near-identical names, as a typo makes them (compared without case, as Azure compares names):
 * the same letters with different separators (`contoso_images` / `contoso-images` / `contosoimages`),
 * or one letter inserted, removed, replaced or swapped with its neighbour (`contoso_imges`). Digits
 * never count as a typo: `gallery01` and `gallery02` are two resources. Nor does an edit inside a
 * word of at most four letters: such words are codes of a naming convention (`gal_weu` / `gal_neu`
 * for two regions, `tst` / `test`), not misspellings. Names shorter than four characters are never
 * near-identical: one letter is too much of them.
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
  if (inCode(x, i) && inCode(y, i)) return false;
  if (x.length === y.length) {
    // Replace at i, or swap i and i+1.
    if (x.slice(i + 1) === y.slice(i + 1)) return LETTER.test(x[i] as string) && LETTER.test(y[i] as string);
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2) && LETTER.test(x[i] as string) && LETTER.test(y[i] as string);
  }
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.slice(i + 1) === short.slice(i) && LETTER.test(long[i] as string);
}

/** Longest word (run of letters) an edit may touch and still be a typo rather than another code. */
const CODE_LENGTH = 4;

/** Whether position `i` of `s` is in (or at the end of) a word of at most CODE_LENGTH letters. */
function inCode(s: string, i: number): boolean {
  const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
  // An insertion at the end of a word edits that word.
  const at = isLetter(s[i]) ? i : isLetter(s[i - 1]) ? i - 1 : -1;
  if (at < 0) return false;
  let start = at;
  let end = at;
  while (isLetter(s[start - 1])) start--;
  while (isLetter(s[end + 1])) end++;
  return end - start + 1 <= CODE_LENGTH;
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
