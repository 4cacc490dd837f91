import { defineRule } from '@sigil/core';
import {
  AT_REGION_NAME, DATA_DISK_LUN, DATA_DISK_SET, ENCRYPTED_DATA_DISKS, ENCRYPTED_LUN, IMAGE_VERSION, LEGACY_SOURCE,
  OS_DISK_SET, REGION_NAME, SECURE_VM_SET, STORAGE_SOURCE, TARGET_REGIONS, iterable, operand,
} from '../../lib/encryption.js';

type Condition = Record<string, unknown>;

const atLeastOneRegion = (where: Condition): Condition => ({ count: { field: TARGET_REGIONS, where }, greater: 0 });

/**
 * OS disk: a disk encryption set in at least one region, and regions without one. The `where` of the
 * second count reports each region that lacks a set, on its name (read last).
 */
const osDisk: Condition = {
  allOf: [
    atLeastOneRegion({ field: OS_DISK_SET, notEquals: '' }),
    atLeastOneRegion({
      messageId: 'osDisk',
      allOf: [
        { field: OS_DISK_SET, equals: '' },
        // A confidential VM's OS disk may be encrypted with a set given here instead: whether Azure
        // then requires diskEncryptionSetId too is not known, so such a region counts as set.
        { field: SECURE_VM_SET, equals: '' },
        { field: REGION_NAME, notEquals: '' },
      ],
    }),
  ],
};

/** Inside a count over the target regions: this region sets a disk encryption set for the current LUN. */
const encryptsLun: Condition = {
  count: {
    field: ENCRYPTED_DATA_DISKS,
    where: {
      allOf: [
        { field: ENCRYPTED_LUN, equals: operand("current('lun')") },
        { field: DATA_DISK_SET, notEquals: '' },
      ],
    },
  },
  greater: 0,
};

/**
 * Data disks: each LUN, whether listed in storageProfile.dataDiskImages or only in the encryption of
 * some regions, is encrypted in at least one region and not in another. A LUN that is only in the
 * encryption entries counts only when the version takes its disks from a source (an image, a VM):
 * otherwise it is not a disk of the version, which SIG312 reports. The count over the regions that do
 * not encrypt the LUN reports each of them, on its name: one finding per LUN and region.
 */
const dataDisk: Condition = {
  count: {
    value: `[${iterable(`concat(field('${DATA_DISK_LUN}'), field('${ENCRYPTED_LUN}'))`)}]`,
    name: 'lun',
    where: {
      allOf: [
        { value: "[current('lun')]", notEquals: '' },
        {
          anyOf: [
            { value: "[current('lun')]", in: `[field('${DATA_DISK_LUN}')]` },
            { field: STORAGE_SOURCE, exists: true },
            { field: LEGACY_SOURCE, exists: true },
          ],
        },
        atLeastOneRegion(encryptsLun),
        atLeastOneRegion({
          messageId: 'dataDisk',
          // As text: a LUN listed as 1 and as "1" is one LUN, and one finding.
          messageData: { lun: "[string(current('lun'))]" },
          allOf: [{ not: encryptsLun }, AT_REGION_NAME],
        }),
      ],
    },
  },
  greater: 0,
};

export default defineRule({
  code: 'SIG311',
  name: 'encryption-consistent-regions',
  meta: {
    title: 'Disk encryption must be set for a disk in every target region or in none',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'A disk encryption set is given for the OS disk, or for a data disk LUN, in some target regions of an image version but not in all of them.',
    fix: 'When a disk uses a disk encryption set in one target region, give it one in every target region: encryption.osDiskImage.diskEncryptionSetId for the OS disk, and an encryption.dataDiskImages entry with the LUN and a diskEncryptionSetId for a data disk. A disk encryption set belongs to one region, so each region names its own.',
    azureErrors: [
      "A disk encryption set is required for disk 'galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId' in target region '<region_1>' since disk encryption set '<diskEncryptionSetID>' is used for the corresponding disk in target region '<region_2>'.",
      "A disk encryption set is required for disk 'LUN <number>' in target region '<region_1>' since disk encryption set '<diskEncryptionSetID>' is used for the corresponding disk in target region '<region_2>'.",
    ],
  },
  messages: {
    osDisk:
      'The OS disk has a disk encryption set in other target regions but none in "{value}"; set encryption.osDiskImage.diskEncryptionSetId in every target region',
    dataDisk:
      'Data disk LUN {lun} has a disk encryption set in other target regions but none in "{value}"; give target region "{value}" an encryption.dataDiskImages entry with LUN {lun} and a diskEncryptionSetId',
  },
  condition: {
    allOf: [{ field: 'type', equals: IMAGE_VERSION }, { anyOf: [osDisk, dataDisk] }],
  },
});
