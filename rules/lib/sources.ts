import { getKey, isObject, type JsonPath, type Resource, type ResourceGraph } from '@sigil/core';
import {
  DISK, IMAGE_DEFINITION, IMAGE_VERSION, MANAGED_IMAGE, SNAPSHOT, VIRTUAL_MACHINE, arrayAt, declaredHere, kindOf, linked, nameOf,
  parentOf, read, sameType, sameValue, stringFact, untouched, type Fact,
} from './links.js';

/** The sources of image versions, and what the files say about them (SIG312, SIG316-SIG321). */

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
  if (!declaredHere(version) || untouched(graph, version)) return undefined;
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
 * one takes its source's, which the files may not say); a version's is its definition's; a VM's is
 * its image's (see `machineHyperVGeneration`).
 */
export function sourceHyperVGeneration(graph: ResourceGraph, source: Resource): Fact | undefined {
  switch (source.type.toLowerCase()) {
    case MANAGED_IMAGE.toLowerCase():
    case DISK.toLowerCase():
    case SNAPSHOT.toLowerCase():
      return stringFact(source, ['properties', 'hyperVGeneration']);
    case IMAGE_VERSION.toLowerCase():
      return definitionFact(graph, source, definitionHyperVGeneration);
    case VIRTUAL_MACHINE.toLowerCase():
      return machineHyperVGeneration(graph, source);
    default:
      return undefined;
  }
}

/**
 * A VM's Hyper-V generation, when the files say it: a VM created from an image (`createOption`
 * FromImage, or not written as in Terraform) is of that image's generation. The image is a gallery
 * image version or definition declared here (its definition's `hyperVGeneration`: every version of a
 * definition has the definition's generation, so a definition id, the latest version, says it too),
 * or a declared managed image that writes `hyperVGeneration`. A VM made from a marketplace image (its
 * generation depends on the SKU), from an attached OS disk, or from an image the files do not declare
 * is not known. The fact points at the image's value, with a note naming the VM.
 */
function machineHyperVGeneration(graph: ResourceGraph, vm: Resource): Fact | undefined {
  const createOption = read(vm, [...STORAGE, 'osDisk', 'createOption']);
  if (createOption === undefined || (createOption !== null && (typeof createOption !== 'string' || !sameValue(createOption, 'FromImage')))) return undefined;
  const image = linked(graph, vm, [...STORAGE, 'imageReference', 'id']);
  if (!image) return undefined;
  let fact: Fact | undefined;
  if (sameType(image, IMAGE_DEFINITION)) fact = definitionHyperVGeneration(image);
  else if (sameType(image, IMAGE_VERSION) || sameType(image, MANAGED_IMAGE)) fact = sourceHyperVGeneration(graph, image);
  return fact && { ...fact, note: `${fact.note ?? ''}, the image the virtual machine "${nameOf(vm)}" is created from` };
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
  if (v === null && typeof apiVersion === 'string' && apiVersion < V2_DEFAULT_FROM && !mayNeedGeneration2(definition)) {
    return { value: 'V1', resource: definition, path: [], note: ' (not written: V1 is the default before API 2025-03-03)' };
  }
  return undefined;
}

/**
 * Whether a definition may declare a security type (Trusted Launch, confidential VM), which needs
 * Hyper-V generation 2: what Azure does with such a definition without hyperVGeneration is not
 * documented, so no default is assumed. Also true when the features are not known.
 */
function mayNeedGeneration2(definition: Resource): boolean {
  const features = read(definition, ['properties', 'features']);
  if (features === null) return false;
  if (!Array.isArray(features)) return true;
  return features.some((f) => {
    const name = isObject(f) ? getKey(f, 'name') : undefined;
    return typeof name !== 'string' || name.toLowerCase() === 'securitytype';
  });
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
      { resource: m.sourceFact.resource, path: m.sourceFact.path, message: `${what} of the ${kindOf(m.sourceFact.resource)} "${nameOf(m.sourceFact.resource)}"${m.sourceFact.note ?? ''}` },
    ],
  };
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
  if (!declaredHere(version) || untouched(graph, version)) return;
  for (const path of versionSourcePaths(version)) {
    const id = version.get(path);
    if (id === undefined) continue;
    const source = graph.byId(id);
    if (source) yield { source, path };
  }
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
