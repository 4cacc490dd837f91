import { defineRule, isObject, type JsonPath, type Resource, type ValueObject } from '@sigil/core';
import {
  SCALE_SET, VIRTUAL_MACHINE, arrayAt, locationOf, nameOf, refusedAtCreation, sameRegion, subscriptionInId, subscriptionOf,
} from '../../lib/links.js';
import { canBeLatestIn, latestCandidates, machineImages, machineKind } from '../../lib/machines.js';

export default defineRule({
  code: 'SIG404',
  name: 'vm-image-encryption-subscription',
  meta: {
    title: 'A VM must be in the subscription of the disk encryption set of its image version',
    severity: 'error',
    resourceTypes: [VIRTUAL_MACHINE, SCALE_SET],
    summary:
      'A VM or scale set uses a gallery image version whose disk encryption set, in the VM\'s region, is in another subscription than the VM; for an image definition (the latest version), every declared version that can be the latest in the VM\'s region is encrypted there with a set of another subscription.',
    fix: 'Create the VM in the subscription of the image version\'s disk encryption sets, or publish a version for the VM\'s subscription: one encrypted with platform-managed keys, or with disk encryption sets of that subscription.',
    azureErrors: [
      "The disk encryption set <diskEncryptionSetId> in the shared image gallery <versionId> belongs to subscription <subscriptionID1> and can't be used with resource '' in subscription <subscriptionID2>.",
    ],
    policy: refusedAtCreation('VM', 'the image version'),
  },
  messages: {
    otherSubscription: 'The {machineKind} "{machine}" is in subscription "{subscription}", but the image version "{version}" is encrypted in "{region}" with the disk encryption set "{set}" of subscription "{setSubscription}"',
    latestOtherSubscription: 'The {machineKind} "{machine}" is in subscription "{subscription}", but every version the files declare for the image definition "{definition}" that can be the latest in "{region}" is encrypted there with a disk encryption set of subscription "{setSubscriptions}" ({sets})',
  },
  *check({ graph }) {
    for (const { machine, path, version, definition } of machineImages(graph)) {
      const subscription = subscriptionOf(machine);
      const location = locationOf(machine);
      if (!subscription || !location) continue;
      const data = { machineKind: machineKind(machine), machine: nameOf(machine), subscription };
      if (version) {
        const set = foreignSet(version, location.value, subscription);
        if (!set) continue;
        yield {
          resource: machine,
          path,
          messageId: 'otherSubscription',
          data: { ...data, version: nameOf(version), region: set.region, set: set.name, setSubscription: set.subscription },
          related: [set.related],
        };
        continue;
      }
      // The definition: Azure picks the latest version when it creates the VM. Only when each
      // version that can be the latest in the VM's region has a set of another subscription there is
      // the VM certainly refused; SIG401 reports when none can be the latest there.
      const candidates = latestCandidates(graph, definition)?.filter((c) => canBeLatestIn(c, location.value));
      if (!candidates || candidates.length === 0) continue;
      const sets = candidates.map((c) => ({ version: c.version, set: foreignSet(c.version, location.value, subscription) }));
      if (!sets.every((s): s is { version: Resource; set: ForeignSet } => s.set !== undefined)) continue;
      yield {
        resource: machine,
        path,
        messageId: 'latestOtherSubscription',
        data: {
          ...data,
          definition: nameOf(definition),
          region: location.value,
          setSubscriptions: distinctIgnoringCase(sets.map(({ set }) => set.subscription)).join('", "'),
          sets: sets.map(({ version: v, set }) => `${v.name as string}: ${set.name}`).join('; '),
        },
        related: sets.map(({ set }) => set.related),
      };
    }
  },
});

/** A disk encryption set of another subscription that a version uses in a region. */
interface ForeignSet {
  readonly name: string;
  readonly subscription: string;
  /** The target region's name as the version writes it. */
  readonly region: string;
  readonly related: { resource: Resource; path: JsonPath; message: string };
}

/**
 * The first disk encryption set, written in full, that `version` uses in `location` and that is not in
 * `subscription`. Undefined when there is none, or when the region or ids are not known.
 */
function foreignSet(version: Resource, location: string, subscription: string): ForeignSet | undefined {
  const regionsPath: JsonPath = ['properties', 'publishingProfile', 'targetRegions'];
  const regions = arrayAt(version, regionsPath);
  const index = regions?.findIndex((r) => isObject(r) && typeof r.name === 'string' && sameRegion(r.name, location)) ?? -1;
  const region = regions?.[index];
  if (!isObject(region)) return undefined;
  for (const setPath of encryptionSetPaths(region)) {
    const fullPath = [...regionsPath, index, ...setPath];
    const set = version.get(fullPath);
    const setSubscription = subscriptionInId(set);
    if (typeof set !== 'string' || !setSubscription || setSubscription.toLowerCase() === subscription.toLowerCase()) continue;
    const regionName = region.name as string;
    return {
      name: set.slice(set.lastIndexOf('/') + 1),
      subscription: setSubscription,
      region: regionName,
      related: { resource: version, path: fullPath, message: `the disk encryption set of the image version "${nameOf(version)}" in "${regionName}"` },
    };
  }
  return undefined;
}

/** The disk encryption set ids of one target region's `encryption`, relative to the region. */
function encryptionSetPaths(region: ValueObject): JsonPath[] {
  const encryption = region.encryption;
  if (!isObject(encryption)) return [];
  const paths: JsonPath[] = [['encryption', 'osDiskImage', 'diskEncryptionSetId']];
  const dataDisks = encryption.dataDiskImages;
  if (Array.isArray(dataDisks)) dataDisks.forEach((_, i) => paths.push(['encryption', 'dataDiskImages', i, 'diskEncryptionSetId']));
  return paths;
}

/** The values in their first spelling, each once whatever its case (subscription ids). */
function distinctIgnoringCase(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()];
}
