import { testRule } from '@sigil/testing';
import rule from './rule.js';

const SNAPSHOTS = '/subscriptions/00000000-0000-0000-0000-000000000000/resource…g-build/providers/Microsoft.Compute/snapshots';

testRule(rule, {
  valid: [
    'valid/before-unknown',
    'valid/disks-reordered',
    'valid/new-version',
    'valid/replica-count',
    // Updates Azure allows: replica counts, new target regions, excludeFromLatest, endOfLifeDate, and the same source id written with other case and a trailing slash.
    'valid/allowed-updates',
    // A source id written as an array: a schema error (SIG006), not another source.
    'valid/source-not-a-string',
    'valid/terraform-replace',
    'valid/what-if-delta-only-data-disks',
  ],
  invalid: [
    {
      fixture: 'invalid/data-disk-luns',
      errors: [
        { messageId: 'lunsChanged', message: 'The data disk LUNs change from [0,1] to [0,2] on an existing image version; Azure does not allow adding, removing or renumbering data disks', file: 'main.json', line: 25, column: 29, endLine: 38, endColumn: 12 },
      ],
    },
    {
      fixture: 'invalid/data-disk-source',
      errors: [
        { messageId: 'sourceChanged', message: `The source changes from "${SNAPSHOTS}/server-data-1" to "/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/snapshots/server-data-1-rebuilt" on an existing image version; Azure does not allow changing galleryImageVersion.properties.storageProfile.dataDiskImages[lun 1].source.id`, file: 'main.json', line: 35, column: 23, endLine: 35, endColumn: 160 },
      ],
    },
    {
      fixture: 'invalid/encryption-added',
      errors: [
        { messageId: 'encryptionAdded', message: 'Target region "westeurope" encrypts data disk LUN 1, which the existing image version does not encrypt there (encrypted LUNs [0] before, [0,1] after)', file: 'main.json', line: 23, column: 28, endLine: 23, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/source-id',
      errors: [
        { messageId: 'sourceChanged', message: 'The source changes from "/subscriptions/00000000-0000-0000-0000-000000000000/resource…g-build/providers/Microsoft.Compute/images/server-2022-base" to "/subscriptions/00000000-0000-0000-0000-000000000000/resource…uild/providers/Microsoft.Compute/images/server-2022-base-v2" on an existing image version; Azure does not allow changing galleryImageVersion.properties.storageProfile.source.id', file: 'main.json', line: 21, column: 19, endLine: 21, endColumn: 151 },
      ],
    },
    {
      // No snapshots, only the delta: the source id's Modify gives both values.
      fixture: 'invalid/what-if-delta-only',
      errors: [
        { messageId: 'sourceChanged', message: 'The source changes from "/subscriptions/00000000-0000-0000-0000-000000000000/resource…g-build/providers/Microsoft.Compute/images/server-2022-base" to "/subscriptions/00000000-0000-0000-0000-000000000000/resource…uild/providers/Microsoft.Compute/images/server-2022-base-v2" on an existing image version; Azure does not allow changing galleryImageVersion.properties.storageProfile.source.id', file: 'main.whatif.json', line: 7, column: 20, endLine: 7, endColumn: 152 },
      ],
    },
  ],
});
