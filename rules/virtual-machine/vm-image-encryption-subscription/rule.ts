import { defineRule, isObject, type JsonPath, type ValueObject } from '@sigil/core';
import {
  SCALE_SET, VIRTUAL_MACHINE, arrayAt, locationOf, nameOf, refusedAtCreation, sameRegion, subscriptionInId, subscriptionOf,
} from '../../lib/links.js';
import { machineImages, machineKind } from '../../lib/machines.js';

export default defineRule({
  code: 'SIG404',
  name: 'vm-image-encryption-subscription',
  meta: {
    title: 'A VM must be in the subscription of the disk encryption set of its image version',
    severity: 'error',
    resourceTypes: [VIRTUAL_MACHINE, SCALE_SET],
    summary:
      'A VM or scale set uses a gallery image version whose disk encryption set, in the VM\'s region, is in another subscription than the VM.',
    fix: 'Create the VM in the subscription of the image version\'s disk encryption sets, or publish a version for the VM\'s subscription: one encrypted with platform-managed keys, or with disk encryption sets of that subscription.',
    azureErrors: [
      "The disk encryption set <diskEncryptionSetId> in the shared image gallery <versionId> belongs to subscription <subscriptionID1> and can't be used with resource '' in subscription <subscriptionID2>.",
    ],
    policy: refusedAtCreation('VM', 'the image version'),
  },
  messages: {
    otherSubscription: 'The {machineKind} "{machine}" is in subscription "{subscription}", but the image version "{version}" is encrypted in "{region}" with the disk encryption set "{set}" of subscription "{setSubscription}"',
  },
  *check({ graph }) {
    for (const { machine, path, version } of machineImages(graph)) {
      const subscription = subscriptionOf(machine);
      const location = locationOf(machine);
      if (!version || !subscription || !location) continue;
      const regionsPath: JsonPath = ['properties', 'publishingProfile', 'targetRegions'];
      const regions = arrayAt(version, regionsPath);
      const index = regions?.findIndex((r) => isObject(r) && typeof r.name === 'string' && sameRegion(r.name, location.value)) ?? -1;
      const region = regions?.[index];
      if (!isObject(region)) continue;
      for (const setPath of encryptionSetPaths(region)) {
        const fullPath = [...regionsPath, index, ...setPath];
        const set = version.get(fullPath);
        const setSubscription = subscriptionInId(set);
        if (typeof set !== 'string' || !setSubscription || setSubscription.toLowerCase() === subscription.toLowerCase()) continue;
        yield {
          resource: machine,
          path,
          messageId: 'otherSubscription',
          data: { machineKind: machineKind(machine), machine: nameOf(machine), subscription, version: nameOf(version), region: region.name as string, set: set.slice(set.lastIndexOf('/') + 1), setSubscription },
          related: [{ resource: version, path: fullPath, message: `the disk encryption set of the image version "${nameOf(version)}" in "${region.name as string}"` }],
        };
        break;
      }
    }
  },
});

/** The disk encryption set ids of one target region's `encryption`, relative to the region. */
function encryptionSetPaths(region: ValueObject): JsonPath[] {
  const encryption = region.encryption;
  if (!isObject(encryption)) return [];
  const paths: JsonPath[] = [['encryption', 'osDiskImage', 'diskEncryptionSetId']];
  const dataDisks = encryption.dataDiskImages;
  if (Array.isArray(dataDisks)) dataDisks.forEach((_, i) => paths.push(['encryption', 'dataDiskImages', i, 'diskEncryptionSetId']));
  return paths;
}
