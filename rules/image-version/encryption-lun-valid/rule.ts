import { defineRule } from '@sigil/core';
import { DATA_DISK_LUN, ENCRYPTED_LUN, IMAGE_VERSION, LEGACY_SOURCE, STORAGE_SOURCE } from '../../lib/encryption.js';

export default defineRule({
  code: 'SIG312',
  name: 'encryption-lun-valid',
  meta: {
    title: 'Encrypted data disk LUNs must be data disks of the image version',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'A LUN in the encryption.dataDiskImages of a target region is not the LUN of one of the data disks listed in storageProfile.dataDiskImages.',
    fix: 'Use the LUN of one of the version\'s data disks (storageProfile.dataDiskImages[].lun) in encryption.dataDiskImages, or remove the entry. When the version has no data disks, remove encryption.dataDiskImages.',
    azureErrors: [
      "An invalid lun [<number>] was specified in encryption.dataDiskImages. The lun must be one of the following values ['<luns>'].",
    ],
  },
  messages: {
    invalidLun: 'Encryption is set for data disk LUN {value}, but the image version has no data disk with this LUN in storageProfile.dataDiskImages',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      // A version made from an image or a VM takes its data disks from the source: their LUNs are
      // not in the version, and only a graph rule that reads the source can check them.
      { field: STORAGE_SOURCE, exists: false },
      { field: LEGACY_SOURCE, exists: false },
      { messageId: 'invalidLun', not: { field: ENCRYPTED_LUN, in: `[field('${DATA_DISK_LUN}')]` } },
    ],
  },
});
