import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop',
    'valid/no-encryption',
    'valid/once-per-region',
    'valid/unknown-lun',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 1 is listed more than once in the encryption.dataDiskImages of target region \"westeurope\"; keep one entry per data disk", file: 'main.json', line: 10, column: 9, endLine: 10, endColumn: 10, related: [{ file: 'main.json', line: 33, column: 30, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
        { messageId: 'duplicateLun', message: "LUN 1 is listed more than once in the encryption.dataDiskImages of target region \"northeurope\"; keep one entry per data disk", file: 'main.json', line: 10, column: 9, endLine: 10, endColumn: 10, related: [{ file: 'main.json', line: 50, column: 30, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/literal',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 1 is listed more than once in the encryption.dataDiskImages of target region \"northeurope\"; keep one entry per data disk", file: 'main.json', line: 51, column: 28, endLine: 51, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 0 is listed more than once in the encryption.dataDiskImages of target region \"northeurope\"; keep one entry per data disk", file: 'main.json', line: 35, column: 24, endLine: 35, endColumn: 25, related: [{ file: 'main.json', line: 66, column: 43, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 0 is listed more than once in the encryption.dataDiskImages of target region \"eastus\"; keep one entry per data disk", file: 'main.parameters.json', line: 35, column: 24, endLine: 35, endColumn: 25, related: [{ file: 'main.json', line: 17, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/two-regions',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 0 is listed more than once in the encryption.dataDiskImages of target region \"westeurope\"; keep one entry per data disk", file: 'main.json', line: 24, column: 28, endLine: 24, endColumn: 29 },
        { messageId: 'duplicateLun', message: "LUN 1 is listed more than once in the encryption.dataDiskImages of target region \"eastus\"; keep one entry per data disk", file: 'main.json', line: 58, column: 28, endLine: 58, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/several-luns',
      errors: [
        { messageId: 'duplicateLun', message: "LUN 0 is listed more than once in the encryption.dataDiskImages of target region \"westeurope\"; keep one entry per data disk", file: 'main.json', line: 28, column: 28, endLine: 28, endColumn: 29 },
        { messageId: 'duplicateLun', message: "LUN 1 is listed more than once in the encryption.dataDiskImages of target region \"westeurope\"; keep one entry per data disk", file: 'main.json', line: 36, column: 28, endLine: 36, endColumn: 29 },
      ],
    },
  ],
  policyCounts: {
    field: {
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 1,
    },
    value: 1,
  },
});
