import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/empty-and-blob-sources',
    'valid/lenient-forms',
    'valid/literal-ids',
    'valid/resource-id-function',
    'valid/unknown-ids',
    'valid/virtual-machine-id',
  ],
  invalid: [
    {
      fixture: 'invalid/blob-uri-in-id',
      errors: [
        { messageId: 'notFullId', message: "OS disk source id \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-os.vhd\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 24, column: 21, endLine: 24, endColumn: 85 },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'notFullId', message: "Data disk source id \"ubuntu-data1\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 9, column: 9, endLine: 9, endColumn: 23, related: [{ file: 'main.json', line: 47, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/missing-leading-slash',
      errors: [
        { messageId: 'notFullId', message: "Data disk source id \"subscriptions/00000000-0000-0000-0000-000000000000/resourceG…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data1\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 36, column: 23, endLine: 36, endColumn: 150 },
      ],
    },
    {
      fixture: 'invalid/missing-name',
      errors: [
        { messageId: 'malformed', message: "OS disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/snapshots/\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 33, column: 21, endLine: 33, endColumn: 171 },
      ],
    },
    {
      fixture: 'invalid/name-not-id',
      errors: [
        { messageId: 'notFullId', message: "Source id \"ubuntu-2404-base\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 22, column: 19, endLine: 22, endColumn: 37 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'malformed', message: "Source id \"/subscriptions/{subscriptionId}/resourceGroups/rg-build/providers/Microsoft.Compute/images/ubuntu-2404-base\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 164, related: [{ file: 'main.json', line: 51, column: 27, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'notFullId', message: "Source id \"Microsoft.Compute/images/ubuntu-2404-base\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 59, related: [{ file: 'main.json', line: 30, column: 19, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/resource-group-id',
      errors: [
        { messageId: 'malformed', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 22, column: 19, endLine: 22, endColumn: 96 },
        { messageId: 'malformed', message: "Source id \"/subscriptions/00000000-0000-0000-0000-000000000000/rg-build/providers/Microsoft.Compute/images/ubuntu-2404-base\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 44, column: 19, endLine: 44, endColumn: 133 },
      ],
    },
    {
      fixture: 'invalid/several-data-disks',
      errors: [
        { messageId: 'notFullId', message: "Data disk source id \"ubuntu-data0\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 30, column: 23, endLine: 30, endColumn: 37 },
        { messageId: 'malformed', message: "Data disk source id \"/subscriptions/contoso-prod/resourceGroups/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data2\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 42, column: 23, endLine: 42, endColumn: 127 },
        { messageId: 'notFullId', message: "Data disk source id \"ubuntu-data0\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 48, column: 23, endLine: 48, endColumn: 37 },
        { messageId: 'malformed', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/snapshots/ubuntu-data4\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 54, column: 23, endLine: 54, endColumn: 123 },
      ],
    },
    {
      fixture: 'invalid/several-sources',
      errors: [
        { messageId: 'notFullId', message: "Source id \"ubuntu-2404-base\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 22, column: 19, endLine: 22, endColumn: 37 },
        { messageId: 'malformed', message: "OS disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/snapshots\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 26, column: 21, endLine: 26, endColumn: 136 },
        { messageId: 'notFullId', message: "Data disk source id \"ubuntu-data0\" is not a full resource id; it must start with \"/subscriptions/\" or \"/providers/\"", file: 'main.json', line: 33, column: 23, endLine: 33, endColumn: 37 },
        { messageId: 'malformed', message: "Data disk source id \"/subscriptions//resourceGroups/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data1\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 39, column: 23, endLine: 39, endColumn: 115 },
      ],
    },
    {
      fixture: 'invalid/subscription-name',
      errors: [
        { messageId: 'malformed', message: "Source id \"/subscriptions/contoso-prod/resourceGroups/rg-build/providers/Microsoft.Compute/images/ubuntu-2404-base\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 36, column: 19, endLine: 36, endColumn: 187 },
      ],
    },
    {
      fixture: 'invalid/virtual-machine-id',
      errors: [
        { messageId: 'malformed', message: "Source virtualMachineId \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines\" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>", file: 'main.json', line: 5, column: 16, endLine: 5, endColumn: 137, related: [{ file: 'main.json', line: 25, column: 33, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
  ],
  policyCounts: { field: { 'microsoft.compute/galleries/images/versions/storageprofile.datadiskimages': 1 }, value: 1 },
});
