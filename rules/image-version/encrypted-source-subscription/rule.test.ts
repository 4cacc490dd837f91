import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/not-encrypted',
    'valid/same-subscription',
    'valid/version-subscription-unknown',
    // The managed image's data disk set is a parameter: not known until deployment.
    'valid/managed-image-set-unknown',
    // A VM source whose OS disk has no disk encryption set (platform-managed keys).
    'valid/vm-not-encrypted',
  ],
  invalid: [
    {
      fixture: 'invalid/cross-file-snapshot',
      errors: [
        { messageId: "otherSubscription", message: "The source snapshot \"vm-build-os\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 50, column: 29, endLine: 50, endColumn: 156, related: [{ file: "build.json", line: 29, column: 42, message: "the disk encryption set of the snapshot \"vm-build-os\"" }] },
      ],
    },
    {
      // A managed image's OS disk: storageProfile.osDisk.diskEncryptionSet.id.
      fixture: 'invalid/managed-image-os-disk',
      errors: [
        { messageId: "otherSubscription", message: "The source managed image \"img-build\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 49, column: 27, endLine: 49, endColumn: 149, related: [{ file: "build.json", line: 32, column: 29, message: "the disk encryption set of the managed image \"img-build\"" }] },
      ],
    },
    {
      // A managed image whose OS disk uses platform-managed keys and whose data disk a set.
      fixture: 'invalid/managed-image-data-disk',
      errors: [
        { messageId: "otherSubscription", message: "The source managed image \"img-build\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 49, column: 27, endLine: 49, endColumn: 149, related: [{ file: "build.json", line: 39, column: 31, message: "the disk encryption set of the managed image \"img-build\"" }] },
      ],
    },
    {
      // A VM whose OS disk uses platform-managed keys and whose data disk a set
      // (storageProfile.dataDisks[].managedDisk.diskEncryptionSet.id; Terraform: azapi_resource).
      fixture: 'invalid/vm-data-disk',
      errors: [
        { messageId: "otherSubscription", message: "The source virtual machine \"vm-build\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 49, column: 41, endLine: 49, endColumn: 171, related: [{ file: "build.json", line: 48, column: 33, message: "the disk encryption set of the virtual machine \"vm-build\"" }] },
      ],
    },
    {
      // A VM (storageProfile.source.virtualMachineId): its OS disk's managedDisk.diskEncryptionSet.id.
      fixture: 'invalid/vm-os-disk',
      errors: [
        { messageId: "otherSubscription", message: "The source virtual machine \"vm-build\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 49, column: 41, endLine: 49, endColumn: 171, related: [{ file: "build.json", line: 39, column: 31, message: "the disk encryption set of the virtual machine \"vm-build\"" }] },
      ],
    },
  ],
});
