import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/disk-sources',
    'valid/image-sources',
    'valid/legacy-vhd',
    'valid/malformed-ids',
    'valid/profile-snapshot-or-disk',
    'valid/scale-set-instance',
    'valid/unknown-ids',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'imageOnDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/images/ubuntu-data1\" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot", file: 'main.json', line: 52, column: 25, endLine: 52, endColumn: 222 },
      ],
    },
    {
      fixture: 'invalid/image-definition',
      errors: [
        { messageId: 'imageDefinition', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rosoft.Compute/galleries/contoso_images/images/ubuntu-24.04\" is an image definition; use one of its versions (…/versions/<version>)", file: 'main.json', line: 22, column: 19, endLine: 22, endColumn: 169 },
      ],
    },
    {
      fixture: 'invalid/image-on-disk',
      errors: [
        { messageId: 'imageOnDisk', message: "OS disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…g-build/providers/Microsoft.Compute/images/ubuntu-2404-base\" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot", file: 'main.json', line: 24, column: 21, endLine: 24, endColumn: 150 },
        { messageId: 'imageOnDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…-build/providers/Microsoft.Compute/virtualMachines/build-vm\" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot", file: 'main.json', line: 37, column: 23, endLine: 37, endColumn: 153 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'imageDefinition', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rosoft.Compute/galleries/contoso_images/images/ubuntu-24.04\" is an image definition; use one of its versions (…/versions/<version>)", file: 'main.json', line: 45, column: 27, endLine: 45, endColumn: 164 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'imageDefinition', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rosoft.Compute/galleries/contoso_images/images/ubuntu-24.04\" is an image definition; use one of its versions (…/versions/<version>)", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 166, related: [{ file: 'main.json', line: 30, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/2.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-data-disks',
      errors: [
        { messageId: 'imageOnDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/images/ubuntu-data0\" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot", file: 'main.json', line: 31, column: 23, endLine: 31, endColumn: 148 },
        { messageId: 'notDiskSource', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…d/providers/Microsoft.Compute/diskEncryptionSets/des-images\" is not a managed disk or snapshot", file: 'main.json', line: 43, column: 23, endLine: 43, endColumn: 158 },
        { messageId: 'imageOnDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/images/ubuntu-data0\" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot", file: 'main.json', line: 55, column: 23, endLine: 55, endColumn: 148 },
      ],
    },
    {
      fixture: 'invalid/wrong-kind',
      errors: [
        { messageId: 'notImageSource', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…viders/Microsoft.Compute/virtualMachineScaleSets/build-vmss\" is not a managed image, virtual machine, gallery image version, disk or snapshot", file: 'main.json', line: 22, column: 19, endLine: 22, endColumn: 159 },
        { messageId: 'notDiskSource', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…d/providers/Microsoft.Compute/diskEncryptionSets/des-images\" is not a managed disk or snapshot", file: 'main.json', line: 52, column: 23, endLine: 52, endColumn: 158 },
      ],
    },
  ],
  policyCounts: { field: { 'microsoft.compute/galleries/images/versions/storageprofile.datadiskimages': 1 }, value: 5 },
});
