import { defineRule } from '@sigil/core';
import { DATA_DISK_SET, IMAGE_VERSION, OS_DISK_SET, iterable, selects, subscriptionOf } from '../../lib/encryption.js';

const IDS = [
  [OS_DISK_SET, 'OS disk'],
  [DATA_DISK_SET, 'data disk'],
] as const;

/**
 * A value count over the ids of one alias: the id's subscription segment differs from the
 * subscription the version is deployed to. `subscription()` is unknown to the linter unless the
 * deployment names its subscription, and then the count is unknown: silent.
 */
function otherSubscription(alias: string, disk: string): Record<string, unknown> {
  const sub = subscriptionOf("current('id')");
  return {
    messageId: 'otherSubscription',
    messageData: { disk },
    count: {
      value: `[${iterable(`field('${alias}')`)}]`,
      name: 'id',
      where: {
        allOf: [
          { value: `[${sub}]`, notEquals: '' },
          { value: `[${sub}]`, notEquals: '[subscription().subscriptionId]' },
          selects(alias, "current('id')"),
        ],
      },
    },
    greater: 0,
  };
}

export default defineRule({
  code: 'SIG315',
  name: 'disk-encryption-set-subscription',
  meta: {
    title: 'Disk encryption sets of image versions must be in the gallery\'s subscription',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'A diskEncryptionSetId in the encryption of a target region (OS or data disk) names a disk encryption set in another subscription than the image version and its gallery.',
    fix: 'Use a disk encryption set of the subscription that holds the gallery: create one there (in each target region, with access to the Key Vault key), or deploy the gallery and the image version to the subscription of the disk encryption set.',
    azureErrors: [
      "The disk encryption set '<diskEncryptionSetID>' must be in the same subscription '<subscriptionID>' as the gallery resource.",
    ],
  },
  messages: {
    otherSubscription: 'Disk encryption set "{value}" ({disk}) is in another subscription than the image version; use a disk encryption set of the gallery\'s subscription',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      { anyOf: IDS.map(([alias, disk]) => otherSubscription(alias, disk)) },
    ],
  },
});
