import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop',
    'valid/empty-target-regions',
    'valid/literal',
    'valid/no-target-regions',
    'valid/normalized-names',
    'valid/parameters-file',
    'valid/resource-group-location',
    'valid/unknown-region-name',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"westeurope\"", file: 'main.json', line: 18, column: 19, endLine: 18, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/literal',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"westeurope\"", file: 'main.json', line: 37, column: 19, endLine: 37, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"westeurope\"", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 35, related: [{ file: 'main.json', line: 38, column: 27, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"swedencentral\"", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 31, related: [{ file: 'main.json', line: 28, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/similar-name',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"eastus\"", file: 'main.json', line: 9, column: 19, endLine: 9, endColumn: 27 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'locationMissing', message: "targetRegions does not include the image version's location \"westeurope\"", file: 'main.json', line: 5, column: 20, endLine: 5, endColumn: 33, related: [{ file: 'main.json', line: 22, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
  ],
});
