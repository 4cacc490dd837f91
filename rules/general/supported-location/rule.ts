import { defineRule } from '@sigil/core';
import { SOVEREIGN_REGION_PREFIXES, regionsParameter } from '../../lib/regions.js';

const TYPES = ['Microsoft.Compute/galleries', 'Microsoft.Compute/galleries/images', 'Microsoft.Compute/galleries/images/versions'];

export default defineRule({
  code: 'SIG001',
  name: 'supported-location',
  meta: {
    title: 'Gallery resources must be in a region where Azure Compute Gallery is available',
    severity: 'error',
    resourceTypes: TYPES,
    summary:
      'The location of a gallery, image definition or image version is not a region where Microsoft.Compute/galleries is available (the region list is the rule option "regions").',
    fix: 'Set location to the programmatic name of an Azure region (az account list-locations -o table), such as westeurope or eastus2: correct the spelling, and use a region rather than a geography (europe) or another cloud\'s name (us-east-1). A region that needs an access request is in the list once access is granted; a region added after this release goes in data.regions of .sigil.yaml.',
    azureErrors: [
      "The provided location '<region>' is not available for resource type 'Microsoft.Compute/galleries'. List of available regions for the resource type is '...'.",
    ],
  },
  messages: {
    unknownRegion: 'Location "{value}" is not a region where Azure Compute Gallery is available; check it against "az account list-locations -o table"',
  },
  parameters: { regions: regionsParameter() },
  condition: {
    allOf: [
      { field: 'type', in: TYPES },
      { field: 'location', exists: true },
      ...SOVEREIGN_REGION_PREFIXES.map((prefix) => ({ field: 'location', notLike: `${prefix}*` })),
      { messageId: 'unknownRegion', field: 'location', notIn: "[parameters('regions')]" },
    ],
  },
});
