import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/condition-false',
    'valid/equal-bounds',
    'valid/literal',
    'valid/no-recommendation',
    'valid/one-bound',
    'valid/parameters-file-fixes-default',
    'valid/strings',
    'valid/unknown-parameter',
  ],
  invalid: [
    {
      fixture: 'invalid/both-ranges',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.vCPUs.min is 16, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum", file: 'main.json', line: 21, column: 20, endLine: 21, endColumn: 22 },
        { messageId: 'minGreaterThanMax', message: "recommended.memory.min is 128, greater than recommended.memory.max; the minimum must not be greater than the maximum", file: 'main.json', line: 25, column: 20, endLine: 25, endColumn: 23 },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.vCPUs.min is 12, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum", file: 'main.json', line: 15, column: 23, endLine: 15, endColumn: 25, related: [{ file: 'main.json', line: 42, column: 20, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.vCPUs.min is 4, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum", file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 57, related: [{ file: 'main.json', line: 50, column: 28, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameter-default',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.vCPUs.min is 6, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 24, related: [{ file: 'main.json', line: 30, column: 20, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.memory.min is 64, greater than recommended.memory.max; the minimum must not be greater than the maximum", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 18, related: [{ file: 'main.json', line: 43, column: 20, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/variable-object',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.memory.min is 48, greater than recommended.memory.max; the minimum must not be greater than the maximum", file: 'main.json', line: 11, column: 16, endLine: 11, endColumn: 18, related: [{ file: 'main.json', line: 32, column: 24, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/vcpus-literal',
      errors: [
        { messageId: 'minGreaterThanMax', message: "recommended.vCPUs.min is 8, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum", file: 'main.json', line: 21, column: 20, endLine: 21, endColumn: 21 },
      ],
    },
  ],
});
