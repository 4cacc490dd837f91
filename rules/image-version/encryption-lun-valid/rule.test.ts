import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop',
    'valid/declared-vm-source',
    'valid/image-source',
    'valid/luns-match',
    'valid/no-encryption',
    'valid/some-disks',
    'valid/unknown-data-disks',
    'valid/unknown-lun',
    'valid/vm-source',
    // An azurerm VM's data disks are attached by azurerm_virtual_machine_data_disk_attachment: its LUNs are not in the VM resource.
    'valid/terraform-attached-disks',
  ],
  invalid: [
    {
      fixture: 'invalid/cross-file-vm-source',
      errors: [
        { messageId: "invalidSourceLun", message: "Encryption of target region \"westeurope\" is set for data disk LUN 1, but the source virtual machine \"vm-build\" has no data disk with this LUN (its LUNs: 0)", file: "images.json", line: 51, column: 36, endLine: 51, endColumn: 37, related: [{ file: "build.json", line: 26, column: 35, message: "the disks of the virtual machine \"vm-build\"" }] },
      ],
    },
    {
      fixture: 'invalid/declared-vm-source',
      errors: [
        { messageId: "invalidSourceLun", message: "Encryption of target region \"westeurope\" is set for data disk LUN 1, but the source virtual machine \"vm-build\" has no data disk with this LUN (its LUNs: 0)", file: "main.json", line: 100, column: 28, endLine: 100, endColumn: 29, related: [{ file: "main.json", line: 14, column: 27, message: "the disks of the virtual machine \"vm-build\"" }] },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 2, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 23, column: 9, endLine: 23, endColumn: 10, related: [{ file: 'main.json', line: 46, column: 30, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/copy-loop-regions',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 1, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0)", file: 'main.json', line: 38, column: 30, endLine: 38, endColumn: 31 },
        { messageId: 'invalidLun', message: "Encryption of target region \"northeurope\" is set for data disk LUN 1, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0)", file: 'main.json', line: 38, column: 30, endLine: 38, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 1, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0)", file: 'main.json', line: 19, column: 22, endLine: 19, endColumn: 23, related: [{ file: 'main.json', line: 49, column: 36, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/no-data-disks',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 0, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: none)", file: 'main.json', line: 23, column: 28, endLine: 23, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/off-by-one',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 2, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 27, column: 28, endLine: 27, endColumn: 29 },
        { messageId: 'invalidLun', message: "Encryption of target region \"northeurope\" is set for data disk LUN 2, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 47, column: 28, endLine: 47, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 4, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0)", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 17, related: [{ file: 'main.json', line: 29, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-luns',
      errors: [
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 3, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 27, column: 28, endLine: 27, endColumn: 29 },
        { messageId: 'invalidLun', message: "Encryption of target region \"westeurope\" is set for data disk LUN 5, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 31, column: 28, endLine: 31, endColumn: 29 },
        { messageId: 'invalidLun', message: "Encryption of target region \"northeurope\" is set for data disk LUN 3, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: 0, 1)", file: 'main.json', line: 54, column: 28, endLine: 54, endColumn: 29 },
      ],
    },
  ],
  policyCounts: {
    field: {
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 1,
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions[*].encryption.datadiskimages': 1,
    },
    value: 0,
  },
});
