import { defineRule } from '@sigil/core';
import { ENCRYPTED_LUN, IMAGE_VERSION, REGION_NAME, TARGET_REGIONS, iterable, operand, selects } from '../../lib/encryption.js';

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
    duplicateLun: 'Target region "{value}" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      {
        // One iteration per region name, so that the finding quotes and points at the region's name;
        // the inner count finds that region and compares its LUNs with their distinct values.
        messageId: 'duplicateLun',
        count: {
          value: `[${iterable(`field('${REGION_NAME}')`)}]`,
          name: 'region',
          where: {
            allOf: [
              { value: "[current('region')]", notEquals: '' },
              {
                count: {
                  field: TARGET_REGIONS,
                  where: {
                    allOf: [
                      { field: REGION_NAME, equals: operand("current('region')") },
                      { value: `[length(${LUNS})]`, greater: `[length(union(${LUNS}, ${LUNS}))]` },
                    ],
                  },
                },
                greater: 0,
              },
              selects(REGION_NAME, "current('region')"),
            ],
          },
        },
        greater: 0,
      },
    ],
  },
});
