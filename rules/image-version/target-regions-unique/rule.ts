import { defineRule } from '@sigil/core';
import { iterable, normalizedRegion, written } from '../../lib/regions.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';
const NAME = `${VERSION}/publishingProfile.targetRegions[*].name`;
const NAMES = `field('${NAME}')`;

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
    duplicate: '"{value}" is listed twice in targetRegions',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION },
      {
        messageId: 'duplicate',
        count: {
          value: `[${iterable(NAMES)}]`,
          name: 'region',
          where: {
            allOf: [
              // An empty name is refused for another reason.
              { value: `[${normalizedRegion("current('region')")}]`, notEquals: '' },
              // The names as normalized JSON text ("[\"westeurope\",\"eastus\"]"): a name occurs more
              // than once when splitting the text on it, quoted, gives more than two parts.
              {
                value: `[length(split(${normalizedRegion(NAMES)}, concat('"', ${normalizedRegion("current('region')")}, '"')))]`,
                greater: 2,
              },
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
