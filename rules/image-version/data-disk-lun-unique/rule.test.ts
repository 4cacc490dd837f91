import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop-100-disks',
    'valid/distinct-luns',
    'valid/encryption-luns',
    'valid/unknown-luns',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 1 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 17, column: 18, endLine: 17, endColumn: 19, related: [{ file: 'main.json', line: 55, column: 24, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/copy-loop-and-disk',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 0 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 26, column: 18, endLine: 26, endColumn: 43, related: [{ file: 'main.json', line: 58, column: 29, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/duplicate',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 1 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 43, column: 22, endLine: 43, endColumn: 23 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 4 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 64, column: 30, endLine: 64, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 2 is already used by another data disk; give each data disk its own LUN", file: 'main.parameters.json', line: 22, column: 18, endLine: 22, endColumn: 19, related: [{ file: 'main.json', line: 33, column: 29, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/text-and-number',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 1 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 36, column: 22, endLine: 36, endColumn: 25 },
        { messageId: 'duplicate', message: "Data disk LUN 3 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 57, column: 22, endLine: 57, endColumn: 23 },
      ],
    },
    {
      fixture: 'invalid/two-duplicates',
      errors: [
        { messageId: 'duplicate', message: "Data disk LUN 0 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 43, column: 22, endLine: 43, endColumn: 23 },
        { messageId: 'duplicate', message: "Data disk LUN 1 is already used by another data disk; give each data disk its own LUN", file: 'main.json', line: 50, column: 22, endLine: 50, endColumn: 23 },
      ],
    },
  ],
});

