import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/same-region', 'valid/unknown-link'],
  invalid: [
    {
      fixture: 'invalid/disk-sources',
      errors: [
        { messageId: "otherRegion", message: "The source snapshot \"build-data0\" is in \"northeurope\"; the image version \"contoso_images/ubuntu/1.0.0\" is in \"westeurope\"", file: "main.json", line: 74, column: 23, endLine: 74, endColumn: 83, related: [{ file: "main.json", line: 22, column: 19, message: "the location of the snapshot \"build-data0\"" }] },
      ],
    },
    {
      fixture: 'invalid/managed-image',
      errors: [
        { messageId: "otherRegion", message: "The source managed image \"ubuntu-base\" is in \"northeurope\"; the image version \"contoso_images/ubuntu/1.0.0\" is in \"westeurope\"", file: "main.json", line: 57, column: 19, endLine: 57, endColumn: 76, related: [{ file: "main.json", line: 9, column: 19, message: "the location of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "otherRegion", message: "The source managed image \"ubuntu-base\" is in \"eastus\"; the image version \"contoso_images/ubuntu/1.0.0\" is in \"westeurope\"", file: "images.json", line: 49, column: 27, endLine: 49, endColumn: 151, related: [{ file: "build.json", line: 21, column: 27, message: "the location of the managed image \"ubuntu-base\"" }] },
      ],
    },
  ],
});
