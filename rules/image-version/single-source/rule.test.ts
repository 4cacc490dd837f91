import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/disk-sources',
    'valid/optional-sources',
    'valid/profile-source',
    'valid/source-elsewhere',
    'valid/unknown-sources',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'both', message: "The source is given under storageProfile.source and on data disk LUN 0 (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data0\"); give it in one place only", file: 'main.json', line: 8, column: 9, endLine: 8, endColumn: 137, related: [{ file: 'main.json', line: 40, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
        { messageId: 'both', message: "The source is given under storageProfile.source and on data disk LUN 1 (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data1\"); give it in one place only", file: 'main.json', line: 9, column: 9, endLine: 9, endColumn: 137, related: [{ file: 'main.json', line: 40, column: 25, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/empty-parameters',
      errors: [
        { messageId: 'none', message: "The image version has no source: storageProfile has no source and no disk has a source id or uri", file: 'main.json', line: 34, column: 27, endLine: 44, endColumn: 10 },
      ],
    },
    {
      fixture: 'invalid/image-and-os-snapshot',
      errors: [
        { messageId: 'both', message: "The source is given under storageProfile.source and on the OS disk (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\"); give it in one place only", file: 'main.json', line: 27, column: 21, endLine: 27, endColumn: 146 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'none', message: "The image version has no source: storageProfile has no source and no disk has a source id or uri", file: 'main.json', line: 16, column: 22, endLine: 26, endColumn: 14, related: [{ file: 'main.json', line: 53, column: 35, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/no-source',
      errors: [
        { messageId: 'none', message: "The image version has no source: storageProfile has no source and no disk has a source id or uri", file: 'main.json', line: 20, column: 27, endLine: 25, endColumn: 10 },
        { messageId: 'none', message: "The image version has no source: storageProfile has no source and no disk has a source id or uri", file: 'main.json', line: 43, column: 27, endLine: 52, endColumn: 10 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'both', message: "The source is given under storageProfile.source and on the OS disk (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\"); give it in one place only", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 141, related: [{ file: 'main.json', line: 36, column: 21, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24.04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/vm-and-data-blob',
      errors: [
        { messageId: 'both', message: "The source is given under storageProfile.source and on data disk LUN 1 (\"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-data1.vhd\"); give it in one place only", file: 'main.json', line: 32, column: 24, endLine: 32, endColumn: 91 },
      ],
    },
    {
      fixture: 'invalid/image-and-several-disks',
      errors: [
        { messageId: 'both', message: "The source is given under storageProfile.source and on data disk LUN 0 (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…rg-build/providers/Microsoft.Compute/snapshots/ubuntu-data0\"); give it in one place only", file: 'main.json', line: 28, column: 23, endLine: 28, endColumn: 151 },
        { messageId: 'both', message: "The source is given under storageProfile.source and on data disk LUN 2 (\"https://stbuildimages.blob.core.windows.net/vhds/ubuntu-data2.vhd\"); give it in one place only", file: 'main.json', line: 40, column: 24, endLine: 40, endColumn: 91 },
        { messageId: 'both', message: "The source is given under storageProfile.source and on the OS disk (\"/subscriptions/00000000-0000-0000-0000-000000000000/resource…ps/rg-build/providers/Microsoft.Compute/snapshots/ubuntu-os\"); give it in one place only", file: 'main.json', line: 52, column: 21, endLine: 52, endColumn: 146 },
      ],
    },
  ],
  policyCounts: { field: { 'microsoft.compute/galleries/images/versions/storageprofile.datadiskimages': 1 }, value: 0 },
});
