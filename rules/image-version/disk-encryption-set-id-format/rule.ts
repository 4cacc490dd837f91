import { defineRule } from '@sigil/core';
import {
  DATA_DISK_SET, ID_SHAPE, IMAGE_VERSION, OS_DISK_SET, SECURE_VM_SET, iterable, notADiskEncryptionSetId, selects,
} from '../../lib/encryption.js';

/** The disk encryption set ids of a version, with how the message names the disk. */
const IDS = [
  [OS_DISK_SET, 'OS disk'],
  [DATA_DISK_SET, 'data disk'],
  [SECURE_VM_SET, 'confidential VM OS disk'],
] as const;

/**
 * A value count over the ids of one alias (distinct ones past 100), so that the finding quotes and
 * points at the malformed id itself.
 */
function malformed(alias: string, disk: string): Record<string, unknown> {
  return {
    messageId: 'format',
    messageData: { disk },
    count: {
      value: `[${iterable(`field('${alias}')`)}]`,
      name: 'id',
      where: { allOf: [notADiskEncryptionSetId("current('id')"), selects(alias, "current('id')")] },
    },
    greater: 0,
  };
}

export default defineRule({
  code: 'SIG314',
  name: 'disk-encryption-set-id-format',
  meta: {
    title: 'Disk encryption set ids of image versions must be full resource ids',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary: `A diskEncryptionSetId in the encryption of a target region (OS disk, data disk or confidential VM OS disk) is not ${ID_SHAPE}.`,
    fix: `Give the full resource id of the disk encryption set, ${ID_SHAPE}, for example with resourceId('Microsoft.Compute/diskEncryptionSets', name) in ARM or the set's id property in Bicep and Terraform. A name alone, a Key Vault key URL or an id that leaves out the diskEncryptionSets segment is refused.`,
    azureErrors: [
      'The value of parameter galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId is invalid.',
      'The value of parameter galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.dataDiskImages.diskEncryptionSetId is invalid.',
    ],
  },
  messages: {
    format: `Disk encryption set id "{value}" ({disk}) is not ${ID_SHAPE}`,
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      { anyOf: IDS.map(([alias, disk]) => malformed(alias, disk)) },
    ],
  },
});
