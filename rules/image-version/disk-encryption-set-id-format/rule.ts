import { defineRule } from '@sigil/core';
import { ID_SHAPE, IMAGE_VERSION, eachDiskEncryptionSet, notADiskEncryptionSetId } from '../../lib/encryption.js';

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
    format: `Disk encryption set id "{value}" ({disk} in target region "{region}") is not ${ID_SHAPE}`,
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      // Each malformed id (OS disk, data disk, confidential VM OS disk) of each region, on the id.
      eachDiskEncryptionSet('format', ['os', 'data', 'secureVm'], notADiskEncryptionSetId),
    ],
  },
});
