import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/terraform-unknown-region',
    { fixture: 'valid/configured-zrs-regions', parameters: { zrsRegions: ['westeurope', 'westcentralus'] } },
    'valid/either-source',
    'valid/literal',
    'valid/no-target-regions',
    'valid/prefer-zrs-strategy',
    'valid/region-not-in-list',
    'valid/region-overrides-profile',
    'valid/unknown-region',
    'valid/unknown-storage-type',
  ],
  invalid: [
    {
      fixture: 'invalid/configured-zrs-regions',
      parameters: { zrsRegions: ['westeurope'] },
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"northeurope\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 19, column: 23, endLine: 19, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"germanynorth\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 10, column: 9, endLine: 10, endColumn: 23, related: [{ file: 'main.json', line: 27, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/display-name',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"North Central US\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 19, column: 23, endLine: 19, endColumn: 41 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"switzerlandwest\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 49, column: 31, endLine: 49, endColumn: 48 },
      ],
    },
    {
      fixture: 'invalid/no-target-regions',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"westus\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 31, related: [{ file: 'main.json', line: 15, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"francesouth\"; use Standard_LRS or Premium_LRS", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 29, related: [{ file: 'main.json', line: 29, column: 23, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/per-region',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"westcentralus\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 51, column: 23, endLine: 51, endColumn: 38 },
      ],
    },
    {
      fixture: 'invalid/profile-level',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"ukwest\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 19, column: 23, endLine: 19, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/several-regions',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"ukwest\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 19, column: 23, endLine: 19, endColumn: 31 },
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"westcentralus\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 26, column: 23, endLine: 26, endColumn: 38 },
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"France South\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 30, column: 23, endLine: 30, endColumn: 37 },
      ],
    },
    {
      fixture: 'invalid/strategy-with-region-override',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"australiasoutheast\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 19, column: 23, endLine: 19, endColumn: 43 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'zrsNotAvailable', message: "Standard_ZRS is not available in \"Norway West\"; use Standard_LRS or Premium_LRS", file: 'main.json', line: 17, column: 17, endLine: 17, endColumn: 30, related: [{ file: 'main.json', line: 31, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
  ],
  policyCounts: { field: { 'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 2 }, value: 0 },
});
