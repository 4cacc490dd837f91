import { defineRule } from '@sigil/core';
import { iterable, normalizedRegion, written } from '../../lib/regions.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';
const NAME = `${VERSION}/publishingProfile.targetRegions[*].name`;
const NAMES = `field('${NAME}')`;
/** The current name, as Azure compares region names. */
const REGION = normalizedRegion("current('region')");
/** How many entries name the current region. */
const OCCURRENCES = `sub(length(split(${normalizedRegion(NAMES)}, concat('"', ${REGION}, '"'))), 1)`;

export default defineRule({
  code: 'SIG303',
  name: 'target-regions-unique',
  meta: {
    title: 'Image version target regions must not repeat a region',
    severity: 'error',
    resourceTypes: [VERSION],
    summary:
      'The same region appears twice in publishingProfile.targetRegions of an image version; names are compared as Azure does (case and spaces ignored: "West Europe" is westeurope).',
    fix: 'Keep one entry per region in publishingProfile.targetRegions: merge the two entries (sum their regionalReplicaCount if both were meant, at most 100) and delete the other.',
    azureErrors: ['Duplicate regions are not allowed in target publishing regions.'],
  },
  messages: {
    duplicate: '"{value}" is listed {times} in targetRegions',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION },
      {
        count: {
          value: `[${iterable(NAMES)}]`,
          name: 'region',
          where: {
            // One report per name written in the list: the entries written that way (ignoring case)
            // share it, on the last of them.
            messageId: 'duplicate',
            messageData: { times: `[if(equals(${OCCURRENCES}, 2), 'twice', concat(string(${OCCURRENCES}), ' times'))]` },
            allOf: [
              // An empty name is refused for another reason.
              { value: `[${REGION}]`, notEquals: '' },
              // The names as normalized JSON text ("[\"westeurope\",\"eastus\"]"): a name occurs more
              // than once when splitting the text on it, quoted, gives more than two parts.
              { value: `[${OCCURRENCES}]`, greater: 1 },
              // The last entry written this way is not the region's first occurrence: the first one
              // stays, the repeats are reported.
              { value: `[lastIndexOf(json(toLower(string(${NAMES}))), toLower(string(current('region'))))]`, greater: `[indexOf(json(${normalizedRegion(NAMES)}), ${REGION})]` },
              // Last: the entries written this way are the evidence (the finding is on the last one).
              written(NAME, "current('region')"),
            ],
          },
        },
        greater: 0,
      },
    ],
  },
});
