import { defineRule } from '@sigil/core';
import { normalizedRegion } from '../../lib/regions.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';
const REGIONS = `${VERSION}/publishingProfile.targetRegions[*]`;
const NAME = `${REGIONS}.name`;

export default defineRule({
  code: 'SIG302',
  name: 'target-regions-include-location',
  meta: {
    title: 'Image version target regions must include the version\'s own location',
    severity: 'error',
    resourceTypes: [VERSION],
    summary:
      'An image version lists publishingProfile.targetRegions without its own location; region names are compared as Azure does (case and spaces ignored: "East US 2" is eastus2).',
    fix: 'Add an entry for the version\'s location to publishingProfile.targetRegions (with its replica count and storage type), or deploy the version in a region that is in the list. Omitting targetRegions altogether replicates the version to its own location only.',
    azureErrors: [
      'Gallery image version publishing profile regions <publishingRegions> must contain the location of image version <sourceRegion>.',
    ],
  },
  messages: {
    locationMissing: 'targetRegions does not include the image version\'s location "{value}"',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION },
      // targetRegions is given, not empty, and every entry has a name (a nameless entry is refused
      // for another reason).
      { count: { field: REGIONS }, greater: 0 },
      { count: { field: REGIONS, where: { field: NAME, exists: false } }, equals: 0 },
      {
        count: {
          field: REGIONS,
          where: { value: `[${normalizedRegion(`current('${NAME}')`)}]`, equals: `[${normalizedRegion("field('location')")}]` },
        },
        equals: 0,
      },
      // Last, so that the finding points at the location and quotes it.
      { messageId: 'locationMissing', field: 'location', exists: true },
    ],
  },
});
