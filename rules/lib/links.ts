import {
  Unknown, describePartial, isObject, normalizeLocation, parseResourceId,
  type JsonPath, type Resource, type ResourceGraph, type Value,
} from '@sigil/core';

/**
 * What the graph rules (SIG316-SIG321, SIG4xx, SIG501) read from linked resources. Every reader
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
  /** Set when the value is Azure's default for an omitted property: says so in messages. */
  readonly note?: string;
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

// ---- image version sources ----------------------------------------------------------------------

const STORAGE = ['properties', 'storageProfile'];

/** Where an image version names its whole source: the resource id, or (API 2023-07-03) a VM id. */
export const VERSION_SOURCE_PATHS: readonly JsonPath[] = [
  [...STORAGE, 'source', 'id'],
  [...STORAGE, 'source', 'virtualMachineId'],
];
export const OS_DISK_SOURCE_PATH: JsonPath = [...STORAGE, 'osDiskImage', 'source', 'id'];

/**
 * The declared resource an image version is made from, and the property that names it: the whole
 * source (`storageProfile.source`), else the OS disk's source. Undefined when the version is not
 * declared here, names its source by an id that is not known, or names one the files do not declare.
 */
export function versionSource(graph: ResourceGraph, version: Resource, paths: readonly JsonPath[] = [...VERSION_SOURCE_PATHS, OS_DISK_SOURCE_PATH]): { source: Resource; path: JsonPath } | undefined {
  if (!declaredHere(version)) return undefined;
  for (const path of paths) {
    const id = version.get(path);
    if (id === undefined) continue;
    const source = graph.byId(id);
    // A version with two sources is SIG308's; this reads the first one written.
    return source ? { source, path } : undefined;
  }
  return undefined;
}

/** The image definition's value of a property, for a version used as a source. */
function definitionFact(graph: ResourceGraph, version: Resource, read: (d: Resource) => Fact | undefined): Fact | undefined {
  const definition = parentOf(graph, version, IMAGE_DEFINITION);
  return definition ? read(definition) : undefined;
}

/** The OS type of a source (managed image, VM, disk, snapshot, image version), when the files say it. */
export function sourceOsType(graph: ResourceGraph, source: Resource): Fact | undefined {
  switch (source.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
    case VIRTUAL_MACHINE.toLowerCase():
      return stringFact(source, [...STORAGE, 'osDisk', 'osType']);
    case DISK.toLowerCase():
    case SNAPSHOT.toLowerCase():
      return stringFact(source, ['properties', 'osType']);
    case IMAGE_VERSION.toLowerCase():
      return definitionFact(graph, source, (d) => stringFact(d, ['properties', 'osType']));
    default:
      return undefined;
  }
}

/**
 * The OS state of a source. A managed image says it; a version's is its definition's. A VM's,
 * disk's or snapshot's depends on whether the machine was generalized, which no file says.
 */
export function sourceOsState(graph: ResourceGraph, source: Resource): Fact | undefined {
  switch (source.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
      return stringFact(source, [...STORAGE, 'osDisk', 'osState']);
    case IMAGE_VERSION.toLowerCase():
      return definitionFact(graph, source, (d) => stringFact(d, ['properties', 'osState']));
    default:
      return undefined;
  }
}

/**
 * The Hyper-V generation of a source, when written (a managed image, disk or snapshot left without
 * one takes its source's, which the files may not say); a version's is its definition's.
 */
export function sourceHyperVGeneration(graph: ResourceGraph, source: Resource): Fact | undefined {
  switch (source.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
    case DISK.toLowerCase():
    case SNAPSHOT.toLowerCase():
      return stringFact(source, ['properties', 'hyperVGeneration']);
    case IMAGE_VERSION.toLowerCase():
      return definitionFact(graph, source, definitionHyperVGeneration);
    default:
      return undefined;
  }
}

/** API versions from which Azure's default Hyper-V generation for a definition is no longer V1. */
const V2_DEFAULT_FROM = '2025-03-03';

/**
 * An image definition's Hyper-V generation: written, or V1 when omitted with an api-version before
 * 2025-03-03 (from 2025-03-03 the documented default changes; sigil does not guess it). A default
 * points at the definition's declaration.
 */
export function definitionHyperVGeneration(definition: Resource): Fact | undefined {
  const path = ['properties', 'hyperVGeneration'];
  const v = read(definition, path);
  if (typeof v === 'string') return { value: v, resource: definition, path };
  const apiVersion = definition.apiVersion;
  if (v === null && typeof apiVersion === 'string' && apiVersion < V2_DEFAULT_FROM) return { value: 'V1', resource: definition, path: [], note: ' (not written: V1 is the default before API 2025-03-03)' };
  return undefined;
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



// ---- a version's source against its image definition (SIG316-SIG318) -----------------------------

/** A version whose declared source and declared definition disagree on one property. */
export interface SourceMismatch {
  readonly version: Resource;
  /** The version's property that names the source. */
  readonly path: JsonPath;
  readonly source: Resource;
  readonly definition: Resource;
  readonly sourceFact: Fact;
  readonly definitionFact: Fact;
}

/**
 * Each image version whose source (read with `sourceFact`) and image definition (read with
 * `definitionFact`) both say a value, and say different values.
 */
export function* sourceMismatches(
  graph: ResourceGraph,
  sourceFact: (graph: ResourceGraph, source: Resource) => Fact | undefined,
  definitionFact: (definition: Resource) => Fact | undefined,
): Generator<SourceMismatch> {
  for (const version of graph.ofType(IMAGE_VERSION)) {
    const link = versionSource(graph, version);
    if (!link) continue;
    const definition = parentOf(graph, version, IMAGE_DEFINITION);
    if (!definition) continue;
    const want = definitionFact(definition);
    const have = want && sourceFact(graph, link.source);
    if (!want || !have || sameValue(want.value, have.value)) continue;
    yield { version, path: link.path, source: link.source, definition, sourceFact: have, definitionFact: want };
  }
}

/** The message data and related locations of a mismatch (`{source}`, `{sourceKind}`, `{sourceValue}`, `{definition}`, `{definitionValue}`). */
export function mismatchReport<M extends string>(m: SourceMismatch, messageId: M, what: string) {
  return {
    resource: m.version,
    path: m.path,
    messageId,
    data: {
      source: nameOf(m.source),
      sourceKind: kindOf(m.source),
      sourceValue: m.sourceFact.value,
      definition: nameOf(m.definition),
      definitionValue: m.definitionFact.value,
    },
    related: [
      { resource: m.definitionFact.resource, path: m.definitionFact.path, message: `${what} of the image definition "${nameOf(m.definition)}"${m.definitionFact.note ?? ''}` },
      { resource: m.sourceFact.resource, path: m.sourceFact.path, message: `${what} of the ${kindOf(m.sourceFact.resource)} "${nameOf(m.sourceFact.resource)}"` },
    ],
  };
}

// ---- the gallery image a VM or scale set uses (SIG401, SIG402, SIG404) ---------------------------

/** Where a VM's or scale set's model is: `properties`, or `properties.virtualMachineProfile`. */
export function machineProfile(machine: Resource): JsonPath {
  return sameType(machine, SCALE_SET) ? ['properties', 'virtualMachineProfile'] : ['properties'];
}

/** A VM or scale set, the gallery image it names, and that image's definition (all declared here). */
export interface MachineImage {
  readonly machine: Resource;
  /** `...storageProfile.imageReference.id` of the machine. */
  readonly path: JsonPath;
  /** The image version the id names, or undefined when it names the definition (the latest version). */
  readonly version: Resource | undefined;
  readonly definition: Resource;
}

/** Each VM and scale set whose `imageReference.id` names a gallery image version or definition declared in the run. */
export function* machineImages(graph: ResourceGraph): Generator<MachineImage> {
  for (const machine of [...graph.ofType(VIRTUAL_MACHINE), ...graph.ofType(SCALE_SET)]) {
    if (!declaredHere(machine)) continue;
    const path = [...machineProfile(machine), 'storageProfile', 'imageReference', 'id'];
    const target = linked(graph, machine, path);
    if (!target) continue;
    if (sameType(target, IMAGE_DEFINITION)) {
      yield { machine, path, version: undefined, definition: target };
    } else if (sameType(target, IMAGE_VERSION)) {
      const definition = parentOf(graph, target, IMAGE_DEFINITION);
      if (definition) yield { machine, path, version: target, definition };
    }
  }
}

/** How messages name a machine's kind. */
export function machineKind(machine: Resource): string {
  return sameType(machine, SCALE_SET) ? 'scale set' : 'virtual machine';
}

/** A region an image version is replicated to, and whether the version can be the latest there. */
export interface VersionRegion {
  readonly name: string;
  readonly excludedFromLatest: boolean;
}

/**
 * The regions of a version declared here: its `targetRegions` (the version's own location when it
 * gives none), with each region's `excludeFromLatest` (the version-level one applies to all).
 * Undefined when a name or flag is not known.
 */
export function versionRegions(version: Resource): readonly VersionRegion[] | undefined {
  const profile = ['properties', 'publishingProfile'];
  const all = read(version, [...profile, 'excludeFromLatest']);
  if (all === undefined || (all !== null && typeof all !== 'boolean')) return undefined;
  const targets = arrayAt(version, [...profile, 'targetRegions']);
  if (!targets) return undefined;
  if (targets.length === 0) {
    const location = locationOf(version);
    return location ? [{ name: location.value, excludedFromLatest: all === true }] : undefined;
  }
  const out: VersionRegion[] = [];
  for (const t of targets) {
    if (!isObject(t)) return undefined;
    const name = t.name ?? Object.entries(t).find(([k]) => k.toLowerCase() === 'name')?.[1];
    const exclude = Object.entries(t).find(([k]) => k.toLowerCase() === 'excludefromlatest')?.[1];
    if (typeof name !== 'string' || (exclude !== undefined && typeof exclude !== 'boolean')) return undefined;
    out.push({ name, excludedFromLatest: all === true || exclude === true });
  }
  return out;
}

// ---- sources of a version at every level (SIG319-SIG321, SIG312) ----------------------------------

/** Every source id property of an image version: the whole source, the OS disk's, each data disk's. */
export function versionSourcePaths(version: Resource): JsonPath[] {
  const paths: JsonPath[] = [...VERSION_SOURCE_PATHS, OS_DISK_SOURCE_PATH];
  const dataDisks = version.get([...STORAGE, 'dataDiskImages']);
  if (Array.isArray(dataDisks)) dataDisks.forEach((_, i) => paths.push([...STORAGE, 'dataDiskImages', i, 'source', 'id']));
  return paths;
}

/** Each declared source of a version declared here, with the property that names it. */
export function* versionSources(graph: ResourceGraph, version: Resource): Generator<{ source: Resource; path: JsonPath }> {
  if (!declaredHere(version)) return;
  for (const path of versionSourcePaths(version)) {
    const id = version.get(path);
    if (id === undefined) continue;
    const source = graph.byId(id);
    if (source) yield { source, path };
  }
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

/** The disk encryption set ids a source's disks use, each with its path (known strings only). */
export function sourceEncryptionSets(source: Resource): Fact[] {
  const out: Fact[] = [];
  const add = (path: JsonPath) => {
    const f = stringFact(source, path);
    if (f && f.value.trim() !== '') out.push(f);
  };
  const dataDisks = (diskPath: JsonPath) => {
    const disks = arrayAt(source, [...STORAGE, 'dataDisks']);
    disks?.forEach((_, i) => add([...STORAGE, 'dataDisks', i, ...diskPath]));
  };
  switch (source.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
      add([...STORAGE, 'osDisk', 'diskEncryptionSet', 'id']);
      dataDisks(['diskEncryptionSet', 'id']);
      break;
    case VIRTUAL_MACHINE.toLowerCase():
      add([...STORAGE, 'osDisk', 'managedDisk', 'diskEncryptionSet', 'id']);
      dataDisks(['managedDisk', 'diskEncryptionSet', 'id']);
      break;
    case DISK.toLowerCase():
    case SNAPSHOT.toLowerCase():
      add(['properties', 'encryption', 'diskEncryptionSetId']);
      break;
  }
  return out;
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
