import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/application-version',
    'valid/boundaries',
    { fixture: 'valid/configured-maximum', parameters: { maxReplicaCount: 150 } },
    'valid/literal',
    'valid/no-replica-counts',
    'valid/not-a-number',
    'valid/unknown-count',
  ],
  invalid: [
    {
      fixture: 'invalid/application-version',
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 101 of target region \"northeurope\" is out of range; it must be between 1 and 100", file: 'main.json', line: 26, column: 39, endLine: 26, endColumn: 42 },
      ],
    },
    {
      fixture: 'invalid/both',
      errors: [
        { messageId: 'outOfRange', message: "replicaCount 0 is out of range; it must be between 1 and 100", file: 'main.json', line: 12, column: 27, endLine: 12, endColumn: 28 },
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 200 of target region \"westeurope\" is out of range; it must be between 1 and 100", file: 'main.json', line: 16, column: 39, endLine: 16, endColumn: 42 },
      ],
    },
    {
      fixture: 'invalid/configured-maximum',
      parameters: { maxReplicaCount: 10 },
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 20 of target region \"westeurope\" is out of range; it must be between 1 and 10", file: 'main.json', line: 15, column: 39, endLine: 15, endColumn: 41 },
      ],
    },
    {
      fixture: 'invalid/negative',
      errors: [
        { messageId: 'outOfRange', message: "replicaCount -1 is out of range; it must be between 1 and 100", file: 'main.json', line: 12, column: 27, endLine: 12, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'outOfRange', message: "replicaCount 120 is out of range; it must be between 1 and 100", file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 55, related: [{ file: 'main.json', line: 44, column: 35, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 120 of target region \"westeurope\" is out of range; it must be between 1 and 100", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 19, related: [{ file: 'main.json', line: 31, column: 41, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 120 of target region \"northeurope\" is out of range; it must be between 1 and 100", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 19, related: [{ file: 'main.json', line: 31, column: 41, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/profile-replica-count',
      errors: [
        { messageId: 'outOfRange', message: "replicaCount 101 is out of range; it must be between 1 and 100", file: 'main.json', line: 43, column: 27, endLine: 43, endColumn: 30 },
      ],
    },
    {
      fixture: 'invalid/regional-zero',
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 0 of target region \"northeurope\" is out of range; it must be between 1 and 100", file: 'main.json', line: 19, column: 39, endLine: 19, endColumn: 40 },
      ],
    },
    {
      fixture: 'invalid/several-regions',
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 0 of target region \"westeurope\" is out of range; it must be between 1 and 100", file: 'main.json', line: 16, column: 39, endLine: 16, endColumn: 40 },
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 0 of target region \"uksouth\" is out of range; it must be between 1 and 100", file: 'main.json', line: 24, column: 39, endLine: 24, endColumn: 40 },
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 150 of target region \"francecentral\" is out of range; it must be between 1 and 100", file: 'main.json', line: 28, column: 39, endLine: 28, endColumn: 42 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'regionalOutOfRange', message: "regionalReplicaCount 1000 of target region \"northeurope\" is out of range; it must be between 1 and 100", file: 'main.json', line: 12, column: 33, endLine: 12, endColumn: 37, related: [{ file: 'main.json', line: 28, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-22.04/1.0.0\"" }] },
      ],
    },
  ],
  policyCounts: {
    field: {
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 1,
      'microsoft.compute/galleries/applications/versions/publishingprofile.targetregions': 1,
    },
    value: 0,
  },
});
