import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    { fixture: 'valid/configured-regions', parameters: { regions: ['westeurope', 'northeurope', 'taiwannorth'] } },
    'valid/display-names',
    'valid/literal',
    'valid/other-types',
    'valid/resource-group-location',
    'valid/sovereign-clouds',
    'valid/unknown-parameter',
    // Bicep only: resourceGroup().location and a parameter without default are known only at deployment.
    'valid/bicep-resource-group-location',
  ],
  invalid: [
    {
      fixture: 'invalid/configured-regions',
      parameters: { regions: ['westeurope', 'swedencentral'] },
      errors: [
        { messageId: 'unknownRegion', message: "Location \"northeurope\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 18, column: 19, endLine: 18, endColumn: 32 },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"uswest\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 10, column: 9, endLine: 10, endColumn: 17, related: [{ file: 'main.json', line: 19, column: 19, message: "used here by Microsoft.Compute/galleries \"contoso_images_2\"" }] },
      ],
    },
    {
      fixture: 'invalid/display-name-typo',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"westeurop\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 9, column: 19, endLine: 9, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"eastus3\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 32, related: [{ file: 'main.json', line: 38, column: 27, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameter-default',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"eu-west-1\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 34, related: [{ file: 'main.json', line: 18, column: 19, message: "used here by Microsoft.Compute/galleries \"contoso_images\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"west-europe\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 29, related: [{ file: 'main.json', line: 15, column: 19, message: "used here by Microsoft.Compute/galleries \"contoso_images\"" }, { file: 'main.json', line: 24, column: 19, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-22.04\"" }, { file: 'main.json', line: 43, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/typo',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"westeurop\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 9, column: 19, endLine: 9, endColumn: 30 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'unknownRegion', message: "Location \"europe\" is not a region where Azure Compute Gallery is available; check it against \"az account list-locations -o table\"", file: 'main.json', line: 5, column: 17, endLine: 5, endColumn: 25, related: [{ file: 'main.json', line: 12, column: 19, message: "used here by Microsoft.Compute/galleries \"contoso_images\"" }, { file: 'main.json', line: 21, column: 19, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-22.04\"" }] },
      ],
    },
    {
      // Bicep only: a resource loop over a variable of regions; the finding is on the element.
      fixture: 'invalid/bicep-for-regions',
      errors: [
        { messageId: 'unknownRegion', message: 'Location "europenorth" is not a region where Azure Compute Gallery is available; check it against "az account list-locations -o table"', file: 'main.bicep', line: 5, column: 3, endLine: 5, endColumn: 16, related: [{ file: 'main.bicep', line: 10, column: 13, message: 'used here by Microsoft.Compute/galleries "contoso_images_europenorth"' }] },
      ],
    },
  ],
});
