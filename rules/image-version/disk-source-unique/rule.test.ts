import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/blob-names-differ-in-case',
    'valid/copy-loop-distinct',
    'valid/distinct-sources',
    'valid/legacy-storage-account',
    'valid/unknown-sources',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'duplicate', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data1\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 51, column: 25, endLine: 51, endColumn: 193 },
      ],
    },
    {
      fixture: 'invalid/data-disk-same-as-os',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/RG-BUILD/providers/Microsoft.Compute/snapshots/Ubuntu-OS\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 39, column: 23, endLine: 39, endColumn: 148 },
      ],
    },
    {
      fixture: 'invalid/duplicate-blob',
      errors: [
        { messageId: 'duplicate', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-data1.vhd\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 45, column: 24, endLine: 45, endColumn: 91 },
      ],
    },
    {
      fixture: 'invalid/duplicate-data-disks',
      errors: [
        { messageId: 'duplicate', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data0\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 45, column: 23, endLine: 45, endColumn: 151 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-os.vhd\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 66, column: 32, endLine: 66, endColumn: 91 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\" is also the OS disk's source; each disk needs its own source", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 141, related: [{ file: 'main.json', line: 38, column: 23, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/same-blob',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-os.vhd\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 38, column: 24, endLine: 38, endColumn: 88 },
      ],
    },
    {
      fixture: 'invalid/several-blobs',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-os.vhd\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 31, column: 24, endLine: 31, endColumn: 88 },
        { messageId: 'duplicate', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-data1.vhd\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 52, column: 24, endLine: 52, endColumn: 91 },
        { messageId: 'sameAsOsDisk', message: "Data disk source uri \"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-os.vhd\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 59, column: 24, endLine: 59, endColumn: 88 },
      ],
    },
    {
      fixture: 'invalid/several-ids',
      errors: [
        { messageId: 'sameAsOsDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 30, column: 23, endLine: 30, endColumn: 148 },
        { messageId: 'duplicate', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…RG-BUILD/providers/Microsoft.Compute/snapshots/UBUNTU-DATA1\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 48, column: 23, endLine: 48, endColumn: 151 },
        { messageId: 'sameAsOsDisk', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\" is also the OS disk's source; each disk needs its own source", file: 'main.json', line: 54, column: 23, endLine: 54, endColumn: 148 },
        { messageId: 'duplicate', message: "Data disk source id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data2\" is also used by another data disk; each disk needs its own source", file: 'main.json', line: 66, column: 23, endLine: 66, endColumn: 151 },
      ],
    },
  ],
  policyCounts: { field: { 'microsoft.compute/galleries/images/versions/storageprofile.datadiskimages': 4 }, value: 2 },
});
