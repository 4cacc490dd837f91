import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop',
    'valid/literal',
    'valid/no-target-regions',
    'valid/similar-names',
    'valid/unknown-region-name',
  ],
  invalid: [
    {
      fixture: 'invalid/terraform-dynamic-for-each',
      errors: [
        { messageId: 'duplicate', message: "\"westeurope\" is listed twice in targetRegions", file: 'main.tf.json', line: 29, column: 23, endLine: 29, endColumn: 38 },
      ],
    },
    {
      fixture: 'invalid/case',
      errors: [
        { messageId: 'duplicate', message: "\"eastus\" is listed twice in targetRegions", file: 'main.json', line: 18, column: 23, endLine: 18, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/display-name',
      errors: [
        { messageId: 'duplicate', message: "\"westeurope\" is listed twice in targetRegions", file: 'main.json', line: 22, column: 23, endLine: 22, endColumn: 35 },
      ],
    },
    {
      fixture: 'invalid/literal',
      errors: [
        { messageId: 'duplicate', message: "\"westeurope\" is listed twice in targetRegions", file: 'main.json', line: 54, column: 23, endLine: 54, endColumn: 35 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'duplicate', message: "\"France Central\" is listed twice in targetRegions", file: 'main.json', line: 26, column: 25, endLine: 26, endColumn: 41, related: [{ file: 'main.json', line: 51, column: 36, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'duplicate', message: "\"northeurope\" is listed twice in targetRegions", file: 'main.parameters.json', line: 10, column: 9, endLine: 10, endColumn: 22, related: [{ file: 'main.json', line: 25, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/three-times',
      errors: [
        { messageId: 'duplicate', message: "\"West Europe\" is listed 4 times in targetRegions", file: 'main.json', line: 18, column: 23, endLine: 18, endColumn: 36 },
        { messageId: 'duplicate', message: "\"westeurope\" is listed 4 times in targetRegions", file: 'main.json', line: 30, column: 23, endLine: 30, endColumn: 35 },
      ],
    },
    {
      fixture: 'invalid/two-regions',
      errors: [
        { messageId: 'duplicate', message: "\"West Europe\" is listed twice in targetRegions", file: 'main.json', line: 26, column: 23, endLine: 26, endColumn: 36 },
        { messageId: 'duplicate', message: "\"North Europe\" is listed twice in targetRegions", file: 'main.json', line: 30, column: 23, endLine: 30, endColumn: 37 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'duplicate', message: "\"Sweden Central\" is listed twice in targetRegions", file: 'main.json', line: 12, column: 17, endLine: 12, endColumn: 33, related: [{ file: 'main.json', line: 25, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      // Bicep only: regions from a .bicepparam file, looped into targetRegions.
      fixture: 'invalid/bicep-bicepparam',
      errors: [
        { messageId: 'duplicate', message: '"West Europe" is listed twice in targetRegions', file: 'main.bicepparam', line: 6, column: 3, endLine: 6, endColumn: 16, related: [{ file: 'main.bicep', line: 9, column: 15, message: 'used here by Microsoft.Compute/galleries/images/versions "contoso_images/ubuntu-22.04/1.0.0"' }] },
      ],
    },
  ],
});
