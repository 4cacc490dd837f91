import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/managed-disks', 'valid/unknown-link'],
  invalid: [
    {
      fixture: 'invalid/ephemeral-os-disk',
      errors: [
        { messageId: "ephemeralOsDisk", message: "The source virtual machine \"vm-build\" has an ephemeral OS disk (diffDiskSettings.option \"Local\")", file: "main.json", line: 92, column: 33, endLine: 92, endColumn: 96, related: [{ file: "main.json", line: 25, column: 25, message: "the disk of the virtual machine \"vm-build\"" }] },
      ],
    },
    {
      fixture: 'invalid/ultra-and-unmanaged-disks',
      errors: [
        { messageId: "ultraDisk", message: "The source virtual machine \"vm-build\" has the disk \"data-ultra\" of type UltraSSD_LRS", file: "main.json", line: 130, column: 33, endLine: 130, endColumn: 96, related: [{ file: "main.json", line: 11, column: 17, message: "the disk of the virtual machine \"vm-build\"" }] },
        { messageId: "ultraDisk", message: "The source virtual machine \"vm-build\" has the disk \"data-ultra-2\" of type UltraSSD_LRS", file: "main.json", line: 130, column: 33, endLine: 130, endColumn: 96, related: [{ file: "main.json", line: 57, column: 39, message: "the disk of the virtual machine \"vm-build\"" }] },
        { messageId: "unmanagedDisk", message: "The source virtual machine \"vm-build\" has the unmanaged (VHD) disk \"data-vhd\"", file: "main.json", line: 130, column: 33, endLine: 130, endColumn: 96, related: [{ file: "main.json", line: 65, column: 22, message: "the disk of the virtual machine \"vm-build\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "ephemeralOsDisk", message: "The source virtual machine \"vm-build\" has an ephemeral OS disk (diffDiskSettings.option \"Local\")", file: "images.json", line: 49, column: 41, endLine: 49, endColumn: 171, related: [{ file: "build.json", line: 37, column: 33, message: "the disk of the virtual machine \"vm-build\"" }] },
      ],
    },
  ],
});
