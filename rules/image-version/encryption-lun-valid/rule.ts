import { defineRule } from '@sigil/core';
import {
  DATA_DISK_LUN, ENCRYPTED_DATA_DISKS, ENCRYPTED_LUN, IMAGE_VERSION, LEGACY_SOURCE, REGION_NAME_TEXT, STORAGE_SOURCE,
  TARGET_REGIONS,
} from '../../lib/encryption.js';

const LUNS = `field('${DATA_DISK_LUN}')`;

/** The data disks' LUNs for the message, as Azure lists them ("0, 1"), or "none". */
const LUNS_TEXT = `[if(empty(${LUNS}), 'none', replace(replace(replace(string(${LUNS}), '[', ''), ']', ''), ',', ', '))]`;

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
    invalidLun:
      'Encryption of target region "{region}" is set for data disk LUN {value}, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: {luns})',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      // A version made from an image or a VM takes its data disks from the source: their LUNs are
      // not in the version, and only a graph rule that reads the source can check them.
      { field: STORAGE_SOURCE, exists: false },
      { field: LEGACY_SOURCE, exists: false },
      {
        // Each region's entries (a field count nested in the count over the regions, so that the
        // message can name the region): each LUN that is not a disk's is reported, on the LUN.
        count: {
          field: TARGET_REGIONS,
          where: {
            count: {
              field: ENCRYPTED_DATA_DISKS,
              where: {
                messageId: 'invalidLun',
                messageData: { region: REGION_NAME_TEXT, luns: LUNS_TEXT },
                allOf: [
                  // An entry written without a LUN is not an invalid LUN.
                  { field: ENCRYPTED_DATA_DISKS, containsKey: 'lun' },
                  { not: { field: ENCRYPTED_LUN, in: `[${LUNS}]` } },
                ],
              },
            },
            greater: 0,
          },
        },
        greater: 0,
      },
    ],
  },
});
