import { isObject, type JsonPath, type Resource, type ResourceGraph } from '@sigil/core';
import {
  IMAGE_DEFINITION, IMAGE_VERSION, SCALE_SET, VIRTUAL_MACHINE, arrayAt, declaredHere, linked, locationOf, parentOf, read, sameRegion, sameType, untouched,
} from './links.js';

/** The gallery image a VM or scale set uses, the regions of image versions, and which can be the latest (SIG401, SIG402, SIG404). */

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
    if (!declaredHere(machine) || untouched(graph, machine)) continue;
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

// ---- the versions that can be the latest (a VM naming the definition: SIG401, SIG404) ------------

/** A declared version that Azure may pick as the latest of its definition, with its regions. */
export interface LatestCandidate {
  readonly version: Resource;
  readonly regions: readonly VersionRegion[];
}

/**
 * The versions of a definition that Azure may pick as the latest: the declared ones not excluded
 * from latest. Undefined when that is not known: the definition is not declared here, a version of it
 * may be declared without sigil knowing it, or a version's name, regions or flags are unknown.
 */
export function latestCandidates(graph: ResourceGraph, definition: Resource): LatestCandidate[] | undefined {
  if (!declaredHere(definition)) return undefined;
  const { children, complete } = graph.childrenOf(definition, IMAGE_VERSION);
  if (!complete) return undefined;
  const out: LatestCandidate[] = [];
  for (const version of children) {
    const regions = versionRegions(version);
    if (!regions || typeof version.name !== 'string') return undefined;
    if (regions.every((r) => r.excludedFromLatest)) continue;
    out.push({ version, regions });
  }
  return out;
}

/** Whether a candidate can be the latest in a region: replicated there and not excluded from latest there. */
export function canBeLatestIn(candidate: LatestCandidate, region: string): boolean {
  return candidate.regions.some((r) => !r.excludedFromLatest && sameRegion(r.name, region));
}
