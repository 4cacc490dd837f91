import { defineRule } from '@sigil/core';
import { ENCRYPTED_LUN, IMAGE_VERSION, REGION_NAME, REGION_NAME_TEXT, TARGET_REGIONS, iterable, selects } from '../../lib/encryption.js';

/** Inside a count over the target regions: this region's LUNs, as `field()` returns them. */
const LUNS = `field('${ENCRYPTED_LUN}')`;

export default defineRule({
  code: 'SIG313',
  name: 'encryption-lun-unique',
  meta: {
    title: 'A LUN appears once in a target region\'s encryption',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary: 'The encryption.dataDiskImages of one target region lists the same LUN more than once.',
    fix: 'Keep one encryption.dataDiskImages entry per data disk LUN in each target region, with the disk encryption set that disk uses there.',
    azureErrors: ["Duplicate luns '<number>' were specified in target region '<region>' encryption.dataDiskImages."],
  },
  messages: {
    duplicateLun:
      'LUN {value} is listed more than once in the encryption.dataDiskImages of target region "{region}"; keep one entry per data disk',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      {
        // Each region with a name (a field count); inside it, a value count over that region's LUNs
        // whose `where` reports each repeated LUN once, on its last entry in the region.
        count: {
          field: TARGET_REGIONS,
          where: {
            allOf: [
              { field: REGION_NAME, notEquals: '' },
              {
                count: {
                  value: `[${iterable(LUNS)}]`,
                  name: 'lun',
                  where: {
                    messageId: 'duplicateLun',
                    messageData: { region: REGION_NAME_TEXT },
                    allOf: [
                      // Compared as union() compares (1 and "1" are two values), as before.
                      { value: `[indexOf(${LUNS}, current('lun'))]`, notEquals: `[lastIndexOf(${LUNS}, current('lun'))]` },
                      // Last: the region's entries with that LUN are the evidence (the finding is on the last).
                      selects(ENCRYPTED_LUN, "current('lun')"),
                    ],
                  },
                },
                greater: 0,
              },
            ],
          },
        },
        greater: 0,
      },
    ],
  },
});
