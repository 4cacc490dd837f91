import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, eachDiskEncryptionSet, subscriptionOf } from '../../lib/encryption.js';

/**
 * The id's subscription segment differs from the subscription the version is deployed to.
 * `subscription()` is unknown to the linter unless the deployment names its subscription, and then
 * the condition is unknown: silent.
 */
function otherSubscription(id: string): Record<string, unknown> {
  const sub = subscriptionOf(id);
  return {
    allOf: [
      { value: `[${sub}]`, notEquals: '' },
      { value: `[${sub}]`, notEquals: '[subscription().subscriptionId]' },
    ],
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
    otherSubscription:
      'Disk encryption set "{value}" ({disk} in target region "{region}") is in subscription {setSubscription}, not in the image version\'s subscription {subscription}; use a disk encryption set of the gallery\'s subscription',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      // Each id of each region (OS and data disks) in another subscription, on the id.
      eachDiskEncryptionSet('otherSubscription', ['os', 'data'], otherSubscription, (id) => ({
        setSubscription: `[${subscriptionOf(id)}]`,
        subscription: '[subscription().subscriptionId]',
      })),
    ],
  },
});
