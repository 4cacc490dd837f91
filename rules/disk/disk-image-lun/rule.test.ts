import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/lun-or-position', 'valid/unknown-link'],
  invalid: [
    {
      fixture: 'invalid/no-such-lun',
      errors: [
        { messageId: "noSuchDataDisk", message: "The disk \"data-0\" is created from data disk 3 of the image version \"contoso_images/ubuntu/1.0.0\", which has no data disk with this LUN nor at this position (its data disk LUNs: 1, 2)", file: "main.json", line: 71, column: 20, endLine: 71, endColumn: 21, related: [{ file: "main.json", line: 35, column: 27, message: "the data disks of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
        { messageId: "noSuchDataDisk", message: "The disk \"data-1\" is created from data disk -1 of the image version \"contoso_images/ubuntu/1.0.0\", which has no data disk with this LUN nor at this position (its data disk LUNs: 1, 2)", file: "main.json", line: 89, column: 20, endLine: 89, endColumn: 22, related: [{ file: "main.json", line: 35, column: 27, message: "the data disks of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "noSuchDataDisk", message: "The disk \"data-0\" is created from data disk 5 of the image version \"contoso_images/ubuntu/1.0.0\", which has no data disk with this LUN nor at this position (its data disk LUNs: 1, 2)", file: "disks.json", line: 18, column: 20, endLine: 18, endColumn: 21, related: [{ file: "gallery.json", line: 47, column: 35, message: "the data disks of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
  ],
});
