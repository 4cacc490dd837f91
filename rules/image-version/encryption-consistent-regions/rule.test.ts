import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/confidential-vm-set',
    'valid/copy-loop-regions',
    'valid/data-disk-unencrypted-everywhere',
    'valid/empty-set-everywhere',
    'valid/every-region',
    'valid/lun-not-a-disk',
    'valid/no-encryption',
    'valid/single-region',
    'valid/unknown-regions',
    'valid/unknown-set',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop-regions',
      errors: [
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"northeurope\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 13, column: 19, endLine: 13, endColumn: 32, related: [{ file: 'main.json', line: 36, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/data-disk-copy-loop',
      errors: [
        { messageId: 'dataDisk', message: "Data disk LUN 2 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 2 and a diskEncryptionSetId", file: 'main.json', line: 41, column: 23, endLine: 41, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/data-disk-missing-entry',
      errors: [
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/data-disk-without-set',
      errors: [
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 31, column: 23, endLine: 31, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/image-source',
      errors: [
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 39, column: 23, endLine: 39, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"northeurope\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 36, related: [{ file: 'main.json', line: 65, column: 31, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/os-and-data',
      errors: [
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"northeurope\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 36 },
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"eastus\"; give target region \"eastus\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 51, column: 23, endLine: 51, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/os-disk',
      errors: [
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"eastus\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'dataDisk', message: "Data disk LUN 0 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 0 and a diskEncryptionSetId", file: 'main.parameters.json', line: 24, column: 19, endLine: 24, endColumn: 32, related: [{ file: 'main.json', line: 24, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-regions',
      errors: [
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"northeurope\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 36 },
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"northeurope\"; give target region \"northeurope\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 36 },
        { messageId: 'osDisk', message: "The OS disk has a disk encryption set in other target regions but none in \"uksouth\"; set encryption.osDiskImage.diskEncryptionSetId in every target region", file: 'main.json', line: 47, column: 23, endLine: 47, endColumn: 32 },
        { messageId: 'dataDisk', message: "Data disk LUN 0 has a disk encryption set in other target regions but none in \"uksouth\"; give target region \"uksouth\" an encryption.dataDiskImages entry with LUN 0 and a diskEncryptionSetId", file: 'main.json', line: 47, column: 23, endLine: 47, endColumn: 32 },
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"uksouth\"; give target region \"uksouth\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 47, column: 23, endLine: 47, endColumn: 32 },
        { messageId: 'dataDisk', message: "Data disk LUN 1 has a disk encryption set in other target regions but none in \"francecentral\"; give target region \"francecentral\" an encryption.dataDiskImages entry with LUN 1 and a diskEncryptionSetId", file: 'main.json', line: 52, column: 23, endLine: 52, endColumn: 38 },
      ],
    },
  ],
  policyCounts: {
    field: {
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 4,
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions[*].encryption.datadiskimages': 2,
    },
    value: 1,
  },
});
