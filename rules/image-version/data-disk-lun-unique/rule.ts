import { defineRule } from '@sigil/core';
import { DATA_DISKS, DATA_LUN, MAX_DISKS, VERSION_TYPE, pointAt } from '../../lib/source-id.js';

export default defineRule({
  code: 'SIG309',
  name: 'data-disk-lun-unique',
  meta: {
    title: 'Data disk LUNs of an image version must be unique',
    severity: 'error',
    resourceTypes: [VERSION_TYPE],
    summary: 'Each entry of storageProfile.dataDiskImages has its own LUN: two data disks of an image version never share one.',
    fix: 'Give every data disk image its own LUN (0, 1, 2...). In a copy loop, derive the LUN from copyIndex() rather than from a value that repeats. The LUNs cannot change once the version exists: fix them before the first deployment, or publish a new version.',
    azureErrors: ['Duplicated lun numbers have been detected in the input data disks. Lun number must be unique for each data disk.'],
  },
  messages: {
    duplicate: 'Data disk LUN {value} is already used by another data disk; give each data disk its own LUN',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION_TYPE },
      {
        // For each LUN (value count), the number of data disks with that LUN (field count). The
        // `where` reports each LUN used more than once, on the last disk using it: a repeat. (The
        // iterations of one LUN give the same report, which the linter gives once.)
        count: {
          value: `[take(field('${DATA_LUN}'), ${MAX_DISKS})]`,
          name: 'lun',
          where: {
            messageId: 'duplicate',
            allOf: [
              // A null LUN is not a LUN (and Azure fails an evaluation whose operand is null).
              { value: "[current('lun')]", notEquals: '' },
              { count: { field: DATA_DISKS, where: { field: DATA_LUN, equals: "[coalesce(current('lun'), '')]" } }, greater: 1 },
              pointAt(DATA_LUN, "current('lun')"),
            ],
          },
        },
        greater: 0,
      },
    ],
  },
});
